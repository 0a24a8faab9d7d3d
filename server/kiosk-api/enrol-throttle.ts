// Wrong enrolment codes, counted per client address in the login throttle's table (its counters
// are atomic, shared by every collector process and survive a restart; see
// server/staff/throttle.ts). An attempt is counted before its code is checked, so parallel
// guesses cannot all slip under the limit; a code that works gives its count back. More than a
// login's 5: a store's kiosks share one NAT address and IT may mistype a few.
import type { Storage } from '../db/open.ts';
import { addressKey } from '../staff/address-key.ts';
import { giveBack, secondsLocked, take, type Counter } from '../staff/throttle.ts';

export const MAX_WRONG_CODES = 10;

export type EnrolAttempt =
  { ok: true; succeeded(): Promise<void> } | { ok: false; retryAfterSeconds: number };

export async function reserveEnrolAttempt(
  storage: Storage,
  ip: string,
  now: Date,
): Promise<EnrolAttempt> {
  const counter: Counter = {
    key: `enrol:${addressKey(ip)}`,
    max: MAX_WRONG_CODES,
    scope: 'enrolment',
  };
  const count = await take(storage, counter, now);
  if (count === null)
    return { ok: false, retryAfterSeconds: await secondsLocked(storage, counter.key, now) };
  return { ok: true, succeeded: () => giveBack(storage, counter) };
}
