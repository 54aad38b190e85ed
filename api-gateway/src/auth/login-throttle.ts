// Failed logins, counted per account (tutorial lesson 11). Rate limiting (lesson 12) counts
// requests per client, and is off by default; someone guessing Ada's password from many addresses,
// or as many sock-puppet users, would never meet it. So whatever RATE_LIMIT says, an email that has
// failed to log in FAILURES_ALLOWED times in a WINDOW_MS is refused (429, Retry-After) until the
// window that began with its first failure ends, even with the right password. A success forgets
// the failures. Attempts still being checked count too: a hundred guesses sent at once get no
// more tries than a hundred sent one by one.
import * as grpc from '@grpc/grpc-js';
import type { Response } from 'express';
import { LRUCache } from 'lru-cache';
import { GrpcError } from '@sandbox/protos';

export const FAILURES_ALLOWED = 5;
export const WINDOW_MS = 60_000;

interface Attempts {
  failed: number;
  checking: number; // being checked by user-service right now
  since: number; // when the window began: the first failure
}

export class LoginThrottle {
  // bounded: a class trying thousands of made-up emails cannot fill the gateway's memory
  private readonly byEmail = new LRUCache<string, Attempts>({ max: 10_000, ttl: WINDOW_MS });

  /** Counts an attempt for `email`, or refuses it (429) when the email has had its tries. */
  begin(email: string, res: Response): string {
    const key = email.trim().toLowerCase();
    const attempts = this.byEmail.get(key) ?? { failed: 0, checking: 0, since: Date.now() };
    if (attempts.failed + attempts.checking >= FAILURES_ALLOWED) {
      const seconds = Math.max(1, Math.ceil((attempts.since + WINDOW_MS - Date.now()) / 1000));
      res.setHeader('Retry-After', String(seconds));
      throw new GrpcError(grpc.status.RESOURCE_EXHAUSTED, `too many failed logins for this email: ${FAILURES_ALLOWED} in a minute at most; try again in ${seconds} s`);
    }
    attempts.checking += 1;
    // a key's time to live starts again when it is set: keep the window that began with the first failure
    this.byEmail.set(key, attempts, { ttl: Math.max(1, attempts.since + WINDOW_MS - Date.now()) });
    return key;
  }

  /** The attempt's answer: a wrong password counts, a success forgets, anything else (503) does not count. */
  end(key: string, outcome: 'wrong' | 'right' | 'unknown'): void {
    const attempts = this.byEmail.get(key);
    if (!attempts) return;
    attempts.checking -= 1;
    if (outcome === 'right') return void this.byEmail.delete(key);
    if (outcome === 'wrong') {
      if (attempts.failed === 0) attempts.since = Date.now();
      attempts.failed += 1;
      this.byEmail.set(key, attempts, { ttl: Math.max(1, attempts.since + WINDOW_MS - Date.now()) });
    }
  }
}
