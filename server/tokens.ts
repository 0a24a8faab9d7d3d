// Device tokens: 256 random bits, shown once at enrolment, stored only as a SHA-256 hash.
// A slow password hash (scrypt, argon2) protects guessable secrets; a 256-bit random token cannot
// be guessed, so a plain hash is enough and keeps the per-request check cheap.
import { createHash, randomBytes } from 'node:crypto';

export function newDeviceToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
