// Failed logins, counted per account (tutorial lesson 11). Rate limiting (lesson 12) counts
// requests per client, and is off by default; someone guessing Ada's password from many addresses,
// or as many sock-puppet users, would never meet it. So whatever RATE_LIMIT says, an email that has
// failed to log in FAILURES_ALLOWED times in a WINDOW_MS is refused (429, Retry-After) until the
// window that began with its first failure ends, even with the right password. A success forgets
// the failures. Attempts still being checked count too: a hundred guesses sent at once get no
// more tries than a hundred sent one by one.
// The table is bounded, so made-up emails cannot fill the gateway's memory, and what it holds is
// never pushed out to make room: an attempt that ends with no verdict (user-service down: 503,
// 504) leaves nothing behind, and when EMAILS_COUNTED emails have failures or attempts in flight,
// a login for yet another email is refused (429) until a window ends, rather than forget anyone's.
import * as grpc from '@grpc/grpc-js';
import type { Response } from 'express';
import { GrpcError } from '@sandbox/protos';

export const FAILURES_ALLOWED = 5;
export const WINDOW_MS = 60_000;
export const EMAILS_COUNTED = 10_000;

interface Attempts {
  failed: number;
  checking: number; // being checked by user-service right now
  since: number; // when the window began: the first failure
}

export class LoginThrottle {
  private readonly byEmail = new Map<string, Attempts>();
  private sweepAt = 0; // while the table stays full: when its first window ends, and a place may be free

  constructor(private readonly capacity = EMAILS_COUNTED) {}

  /** Counts an attempt for `email`, or refuses it (429) when the email has had its tries, or the table is full. */
  begin(email: string, res: Response): string {
    const key = email.trim().replace(/[A-Z]/g, (letter) => letter.toLowerCase()); // ASCII letters only, as user-service matches emails: "İris" is not "iris"
    const now = Date.now();
    let attempts = this.current(key, now);
    if (!attempts) {
      if (this.byEmail.size < this.capacity)
        this.sweepAt = 0; // once it is full, look at every window first
      else if (now >= this.sweepAt) this.forgetEnded(now);
      if (this.byEmail.size >= this.capacity) {
        const seconds = this.retryAfter(res, this.sweepAt, now);
        throw new GrpcError(
          grpc.status.RESOURCE_EXHAUSTED,
          `the gateway is counting failed logins for ${count(this.capacity)} emails, as many as it keeps: a login for another email waits until one of their minutes ends; try again in ${seconds} s`,
        );
      }
      attempts = { failed: 0, checking: 0, since: now };
      this.byEmail.set(key, attempts);
    }
    if (attempts.failed + attempts.checking >= FAILURES_ALLOWED) {
      const seconds = this.retryAfter(res, attempts.since + WINDOW_MS, now);
      throw new GrpcError(
        grpc.status.RESOURCE_EXHAUSTED,
        `too many failed logins for this email: ${FAILURES_ALLOWED} in a minute at most; try again in ${seconds} s`,
      );
    }
    attempts.checking += 1;
    return key;
  }

  /** The attempt's answer: a wrong password counts, a success forgets, anything else (503) does not count. */
  end(key: string, outcome: 'wrong' | 'right' | 'unknown'): void {
    const attempts = this.byEmail.get(key);
    if (!attempts) return;
    attempts.checking -= 1;
    if (outcome === 'right') attempts.failed = 0;
    if (outcome === 'wrong') {
      if (attempts.failed === 0) attempts.since = Date.now();
      attempts.failed += 1;
    }
    // nothing to remember: no failure, nothing in flight
    if (attempts.failed === 0 && attempts.checking === 0) this.byEmail.delete(key);
  }

  /** How many emails are counted now (for tests: bounded, and empty once every attempt has a verdict). */
  get size(): number {
    return this.byEmail.size;
  }

  // an email's count, unless its window has ended (then it starts afresh)
  private current(key: string, now: number): Attempts | undefined {
    const attempts = this.byEmail.get(key);
    if (attempts && ended(attempts, now)) {
      this.byEmail.delete(key);
      return undefined;
    }
    return attempts;
  }

  // the ended windows forgotten; and when the first of the others ends (an attempt in flight gets
  // its verdict within the gateway's deadline: a second is near enough), not to look again before
  private forgetEnded(now: number): void {
    this.sweepAt = Infinity;
    for (const [key, attempts] of this.byEmail) {
      if (ended(attempts, now)) this.byEmail.delete(key);
      else this.sweepAt = Math.min(this.sweepAt, attempts.checking > 0 ? now + 1000 : attempts.since + WINDOW_MS);
    }
  }

  private retryAfter(res: Response, at: number, now: number): number {
    const seconds = Math.max(1, Math.ceil((at - now) / 1000));
    res.setHeader('Retry-After', String(seconds));
    return seconds;
  }
}

const ended = (attempts: Attempts, now: number) => attempts.checking === 0 && attempts.since + WINDOW_MS <= now;
const count = (n: number) => n.toLocaleString('en-US');
