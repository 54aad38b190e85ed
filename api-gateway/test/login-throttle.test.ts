// The failed logins per email (auth/login-throttle.ts, lesson 11), on their own: a small table, so
// that filling it takes a few logins. test/security.test.ts attacks the real one through the gateway.
import { expect } from 'chai';
import type { Response } from 'express';
import { GrpcError } from '@sandbox/protos';
import { FAILURES_ALLOWED, LoginThrottle, WINDOW_MS } from '../src/auth/login-throttle';

// what begin() writes on the answer: its Retry-After
function answer(): Response & { headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  return { headers, setHeader: (name: string, value: string) => (headers[name] = value) } as unknown as Response & {
    headers: Record<string, string>;
  };
}

/** The refusal of a login for `email`, or undefined if it may be checked (and then it is ended as `outcome`). */
function attempt(throttle: LoginThrottle, email: string, outcome: 'wrong' | 'right' | 'unknown'): string | undefined {
  try {
    throttle.end(throttle.begin(email, answer()), outcome);
    return undefined;
  } catch (error) {
    if (error instanceof GrpcError) return error.details;
    throw error;
  }
}

describe('the login throttle', () => {
  const realNow = Date.now;
  let now = 1_000_000;
  beforeEach(() => (Date.now = () => now)); // the windows' minutes, without waiting them out
  afterEach(() => (Date.now = realNow));

  it('refuses an email after five wrong passwords until a minute after the first, even the right one', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < FAILURES_ALLOWED; i += 1)
      expect(attempt(throttle, 'ada@example.com', 'wrong')).to.equal(undefined);
    expect(attempt(throttle, 'Ada@Example.com ', 'right')).to.match(
      /^too many failed logins for this email: 5 in a minute at most; try again in 60 s$/,
    );
    now += WINDOW_MS;
    expect(attempt(throttle, 'ada@example.com', 'right')).to.equal(undefined);
    expect(throttle.size).to.equal(0); // a success forgets
  });

  it('keeps nothing of an attempt without a verdict (user-service down: 503, 504)', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 1000; i += 1)
      expect(attempt(throttle, `filler-${i}@example.com`, 'unknown')).to.equal(undefined);
    expect(throttle.size).to.equal(0);
    // nor does it count against the email
    for (let i = 0; i < 10; i += 1) attempt(throttle, 'john@example.com', 'unknown');
    expect(attempt(throttle, 'john@example.com', 'wrong')).to.equal(undefined);
  });

  it('when the table is full, refuses new emails (429, Retry-After) rather than forget a failure', () => {
    const throttle = new LoginThrottle(3);
    for (let i = 0; i < FAILURES_ALLOWED; i += 1) attempt(throttle, 'locked@example.com', 'wrong');
    now += 10_000;
    attempt(throttle, 'a@example.com', 'wrong');
    attempt(throttle, 'b@example.com', 'wrong');
    expect(throttle.size).to.equal(3);

    const refused = answer();
    expect(() => throttle.begin('c@example.com', refused)).to.throw(
      GrpcError,
      /^the gateway is counting failed logins for 3 emails, as many as it keeps: a login for another email waits until one of their minutes ends; try again in 50 s$/,
    );
    expect(refused.headers['Retry-After']).to.equal('50');
    // those it counts go on being counted: the locked email is still locked, the others may try
    expect(attempt(throttle, 'locked@example.com', 'right')).to.match(/^too many failed logins/);
    expect(attempt(throttle, 'a@example.com', 'right')).to.equal(undefined);
    // a place is free again: a success forgot a@
    expect(attempt(throttle, 'c@example.com', 'wrong')).to.equal(undefined);
    expect(attempt(throttle, 'd@example.com', 'wrong')).to.match(/^the gateway is counting failed logins for 3 emails/);

    // the locked email's minute ends: it may log in again, and its place is free
    now += 50_000;
    expect(attempt(throttle, 'locked@example.com', 'right')).to.equal(undefined);
    expect(attempt(throttle, 'd@example.com', 'wrong')).to.equal(undefined);
  });

  it('counts attempts in flight against a full table too: a burst of new emails cannot slip past', () => {
    const throttle = new LoginThrottle(3);
    const keys = ['a', 'b', 'c'].map((name) => throttle.begin(`${name}@example.com`, answer()));
    expect(() => throttle.begin('d@example.com', answer())).to.throw(GrpcError, /try again in 1 s$/);
    for (const key of keys) throttle.end(key, 'unknown');
    expect(throttle.size).to.equal(0);
    expect(attempt(throttle, 'd@example.com', 'wrong')).to.equal(undefined);
  });
});
