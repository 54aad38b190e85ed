// Passwords are never stored, only a salted hash: scrypt, from Node's own crypto, as OWASP's
// password storage cheat sheet recommends. The salt (random for each password) makes equal
// passwords hash differently; scrypt's cost N (PASSWORD_HASH_COST, config.ts: 16384 by default,
// about 40 ms and 16 MB of memory per hash) makes guessing millions of passwords from a stolen hash
// slow. Stored as "scrypt$<N>$<salt>$<hash>", salt and hash in hex: each hash says the cost it was
// made at, so it verifies whatever the setting is now.
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const BLOCK_SIZE = 8; // scrypt's r and p, Node's defaults
const PARALLELISM = 1;

// The costs PASSWORD_HASH_COST may be, and a stored hash may say: powers of two (scrypt's rule)
// from 1024, about 2.5 ms a hash (the tests use it: cheaper saves them nothing), to 131072, OWASP's
// recommendation, 128 MB a hash. Outside it, a stored hash is refused rather than made to run.
export const DEFAULT_HASH_COST = 16384;
export const LOWEST_HASH_COST = 1024;
export const HIGHEST_HASH_COST = 131072;

export function isHashCost(cost: number): boolean {
  return Number.isInteger(cost) && cost >= LOWEST_HASH_COST && cost <= HIGHEST_HASH_COST && (cost & (cost - 1)) === 0;
}

// scrypt needs 128 × N × r bytes; Node refuses more than 32 MB unless told (maxmem)
const scryptOptions = (cost: number) => ({ N: cost, r: BLOCK_SIZE, p: PARALLELISM, maxmem: 256 * cost * BLOCK_SIZE });

function derive(password: string, salt: Buffer, cost: number): Promise<Buffer> {
  // runs on libuv's thread pool: hashing does not block the event loop, and other calls go on
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_BYTES, scryptOptions(cost), (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function hashPassword(password: string, cost: number = DEFAULT_HASH_COST): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  return formatHash(cost, salt, await derive(password, salt, cost));
}

/** hashPassword, blocking: only for the seeded users at start (seed.ts), before the service listens. */
export function hashPasswordSync(password: string, cost: number): string {
  const salt = randomBytes(SALT_BYTES);
  return formatHash(cost, salt, scryptSync(password, salt, KEY_BYTES, scryptOptions(cost)));
}

const formatHash = (cost: number, salt: Buffer, key: Buffer) =>
  `scrypt$${cost}$${salt.toString('hex')}$${key.toString('hex')}`;

/**
 * True when `password` is the one `stored` was made from, at the cost `stored` says. No stored hash
 * (a user without a password, an unknown email): false, after a hash at `cost`, the setting's.
 */
export async function isPassword(password: string, stored: string | undefined, cost: number): Promise<boolean> {
  // someone asking about an email nobody has waits as long as for a wrong password, so the time an
  // answer takes does not tell which emails exist
  const parsed = parseHash(stored || (await unusableHash(cost)));
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.cost);
  return timingSafeEqual(key, parsed.key) && Boolean(stored);
}

// "scrypt$<N>$<salt>$<hash>"; also "scrypt$<salt>$<hash>", the form before hashes said their cost,
// which was always 16384. Anything else (a cost out of range, a salt or a hash not in hex): undefined.
function parseHash(stored: string): { cost: number; salt: Buffer; key: Buffer } | undefined {
  const parts = stored.split('$');
  if (parts[0] !== 'scrypt' || (parts.length !== 3 && parts.length !== 4)) return undefined;
  const [costText, saltHex, keyHex] =
    parts.length === 4 ? parts.slice(1) : [String(DEFAULT_HASH_COST), ...parts.slice(1)];
  const cost = /^\d{1,7}$/.test(costText) ? Number(costText) : NaN;
  const hex = /^(?:[0-9a-f]{2})+$/;
  if (!isHashCost(cost) || !hex.test(saltHex) || keyHex.length !== KEY_BYTES * 2 || !hex.test(keyHex)) return undefined;
  return { cost, salt: Buffer.from(saltHex, 'hex'), key: Buffer.from(keyHex, 'hex') };
}

const unusable = new Map<number, Promise<string>>();
const unusableHash = (cost: number) => {
  if (!unusable.has(cost)) unusable.set(cost, hashPassword(randomBytes(16).toString('hex'), cost));
  return unusable.get(cost) as Promise<string>;
};
