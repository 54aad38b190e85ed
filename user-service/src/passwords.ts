// Passwords are never stored, only a salted hash: scrypt, from Node's own crypto, as OWASP's
// password storage cheat sheet recommends. The salt (random for each password) makes equal
// passwords hash differently; scrypt's cost (about 40 ms and 16 MB of memory per hash) makes
// guessing millions of passwords from a stolen hash slow. Stored as "scrypt$<salt>$<hash>" in hex.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const SALT_BYTES = 16;
const KEY_BYTES = 32;

function derive(password: string, salt: Buffer): Promise<Buffer> {
  // runs on libuv's thread pool: hashing does not block the event loop, and other calls go on
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_BYTES, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt);
  return `scrypt$${salt.toString('hex')}$${key.toString('hex')}`;
}

/** True when `password` is the one `stored` was made from. No stored hash (a user without a password): false. */
export async function isPassword(password: string, stored: string | undefined): Promise<boolean> {
  // someone asking about an email nobody has waits as long as for a wrong password, so the time an
  // answer takes does not tell which emails exist
  const [scheme, saltHex, keyHex] = (stored || (await unusableHash())).split('$');
  if (scheme !== 'scrypt' || !saltHex || !keyHex) return false;
  const key = await derive(password, Buffer.from(saltHex, 'hex'));
  return timingSafeEqual(key, Buffer.from(keyHex, 'hex')) && Boolean(stored);
}

let unusable: Promise<string> | undefined;
const unusableHash = () => (unusable ??= hashPassword(randomBytes(16).toString('hex')));
