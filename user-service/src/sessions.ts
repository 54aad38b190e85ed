// Session keys (lesson 11): a login token names its user by id, but ids come back: every process
// seeds users 1, 2 and 3 again (after a restart, on another replica), and after a reset new users
// get 4, 5, … again (npm start never gives a new user's id twice otherwise: launcher/supervisor.js).
// So a token also carries its user's session key, and CheckSession honours it only while that user
// still has that key. A key is 16 random bytes from the system's cryptographic generator, so nobody
// can guess the next one.
import { randomBytes, timingSafeEqual } from 'node:crypto';

const KEY_BYTES = 16;

/** A fresh key: 22 characters of base64url. */
export function newSessionKey(): string {
  return randomBytes(KEY_BYTES).toString('base64url');
}

/** True when `sent` is `stored`, compared in constant time: how long it takes tells nothing about how much of a guess was right. */
export function isSessionKey(sent: string, stored: string): boolean {
  const [a, b] = [Buffer.from(sent), Buffer.from(stored)];
  // every key has the same length, so refusing another length early gives nothing away
  return a.length === b.length && timingSafeEqual(a, b);
}
