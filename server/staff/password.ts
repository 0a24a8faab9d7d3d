// Staff passwords: scrypt from node:crypto, stored as "scrypt$N$r$p$salt$hash" (base64url) so the
// cost travels with the hash and can be changed. The cost is one of the settings OWASP's password
// storage cheat sheet lists as equally strong (N=2^17, r=8, p=1 or N=2^15, r=8, p=3): the second
// does as much work in a quarter of the memory (32 MiB instead of 128), which matters on the small
// machines a collector runs on, where one login used to double the process's peak RSS. A hash made
// with any other setting (an older, lower one, or 2^17/8/1 before this change) is replaced on the
// next successful login (needsRehash). crypto.scrypt runs on libuv's thread pool, never on the
// event loop; HashGate caps how many run at once. Verification is constant-time.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const N = 2 ** 15;
const R = 8;
const P = 3;
const KEY_LENGTH = 32;
/**
 * scrypt needs about 128·N·r bytes: 32 MiB at the cost above, 128 MiB for a hash made at 2^17
 * before it. The cap leaves room for those and refuses a stored hash that claims a cost far
 * beyond them instead of allocating whatever it asks.
 */
const MAX_MEMORY = 256 * 1024 * 1024;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize('NFC'),
      salt,
      KEY_LENGTH,
      { ...options, maxmem: MAX_MEMORY },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, { N, r: R, p: P });
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** True for a hash made with other settings than hashPassword uses now. */
export function needsRehash(stored: string): boolean {
  const [, n, r, p] = stored.split('$');
  return Number(n) !== N || Number(r) !== R || Number(p) !== P;
}

/** A hash of nothing in particular: unknown usernames cost the same time as wrong passwords. */
export const DECOY_HASH = `scrypt$${N}$${R}$${P}$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;
