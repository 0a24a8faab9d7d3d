// Login throttling, in the database so that it survives a restart and covers every collector
// process. An attempt is counted BEFORE its password is checked, by one atomic upsert per key that
// increments and returns the count (or refuses), so parallel guesses cannot all pass a count that
// is read before and written after the slow check. An attempt that turns out right, or that is
// not checked after all, gives its count back.
//
// Three keys per attempt, each counting within a WINDOW_MS window and locking for LOCK_MS:
//   user:<name>@<address>  5: guessing one account from one place. It locks that address out of
//                          that account only, so a guesser elsewhere cannot lock the owner out.
//   ip:<address>           20: one place spraying many accounts (more than 5: a store's
//                          tablets share one NAT address).
//   user:<name>            50 from all addresses together: the backstop against one account
//                          guessed from many addresses. It does not lock the owner out either:
//                          while it is reached, an address gets one attempt at that account
//                          (not 5), and none once it has failed there.
import { sql } from 'kysely';
import type { Storage } from '../db/open.ts';
import { toIso } from '../db/values.ts';
import { addressKey } from './address-key.ts';

export const MAX_FAILURES = 5;
export const LOCK_MS = 15 * 60 * 1000;
/** Failures older than this are forgotten: five typos over a week lock nobody out. */
export const WINDOW_MS = 15 * 60 * 1000;
/** An address may fail more often than one account: a store's tablets share one NAT address. */
export const IP_FACTOR = 4;
/** Failures at one account from all addresses before each address gets only one attempt. */
export const ACCOUNT_BACKSTOP = 50;

/** 'enrolment': wrong enrolment codes from one address (server/kiosk-api/enrol-throttle.ts). */
export type ThrottleScope = 'account at address' | 'address' | 'account' | 'enrolment';

export interface Counter {
  key: string;
  max: number;
  scope: ThrottleScope;
}

/** The counters an attempt holds until it is known to have failed (they stay) or not (given back). */
export interface Reservation {
  held: (Counter & { count: number })[];
}

export type ReserveResult =
  | { ok: true; reservation: Reservation }
  | { ok: false; scope: ThrottleScope; retryAfterSeconds: number };

function normalName(username: string): string {
  return username.trim().toLowerCase();
}

/** The database's instant for a parameter: PostgreSQL would otherwise see text inside CASE. */
function instant(storage: Storage, iso: string) {
  return storage.engine === 'postgres' ? sql`cast(${iso} as timestamptz)` : sql`${iso}`;
}

/**
 * Counts one attempt against `c`, atomically: a fresh window starts at 1, a running one goes up by
 * one, and reaching max locks the key from now. Returns the new count, or null (nothing counted)
 * while the key is locked or already at max in its window.
 */
export async function take(storage: Storage, c: Counter, now: Date): Promise<number | null> {
  const at = instant(storage, now.toISOString());
  const windowStart = instant(storage, new Date(now.getTime() - WINDOW_MS).toISOString());
  const lockEnd = instant(storage, new Date(now.getTime() + LOCK_MS).toISOString());
  const fresh = sql`a.first_failure_at <= ${windowStart}`;
  const next = sql`case when ${fresh} then 1 else a.failures + 1 end`;
  const { rows } = await sql<{ failures: number }>`
    insert into staff_login_attempts as a ("key", failures, first_failure_at, locked_until)
    values (${c.key}, 1, ${at}, ${c.max <= 1 ? lockEnd : null})
    on conflict ("key") do update set
      failures = ${next},
      first_failure_at = case when ${fresh} then ${at} else a.first_failure_at end,
      locked_until = case when ${next} >= ${c.max} then ${lockEnd} else null end
    where (a.locked_until is null or a.locked_until <= ${at})
      and (${fresh} or a.failures < ${c.max})
    returning failures`.execute(storage.db);
  return rows[0] ? Number(rows[0].failures) : null;
}

/** Gives one counted attempt back; the key unlocks when that takes it below max. */
export async function giveBack(storage: Storage, c: Counter): Promise<void> {
  await sql`
    update staff_login_attempts set
      failures = failures - 1,
      locked_until = case when failures - 1 >= ${c.max} then locked_until else null end
    where "key" = ${c.key} and failures > 0`.execute(storage.db);
}

export async function secondsLocked(storage: Storage, key: string, now: Date): Promise<number> {
  const row = await storage.db
    .selectFrom('staff_login_attempts')
    .select(['first_failure_at', 'locked_until'])
    .where('key', '=', key)
    .executeTakeFirst();
  const until = Math.max(
    Date.parse(toIso(row?.locked_until) ?? '') || 0,
    (Date.parse(toIso(row?.first_failure_at) ?? '') || 0) + WINDOW_MS,
  );
  return Math.max(1, Math.ceil((until - now.getTime()) / 1000));
}

/** Counts an attempt by `username` from `ip` before its password is checked, or refuses it. */
export async function reserveAttempt(
  storage: Storage,
  username: string,
  ip: string,
  now: Date,
): Promise<ReserveResult> {
  const name = normalName(username);
  const address = addressKey(ip);
  const held: Reservation['held'] = [];
  const refuse = async (c: Counter): Promise<ReserveResult> => {
    await giveBackAll(storage, { held });
    return {
      ok: false,
      scope: c.scope,
      retryAfterSeconds: await secondsLocked(storage, c.key, now),
    };
  };
  const byAddress: Counter = {
    key: `ip:${address}`,
    max: MAX_FAILURES * IP_FACTOR,
    scope: 'address',
  };
  const addressCount = await take(storage, byAddress, now);
  if (addressCount === null) return refuse(byAddress);
  held.push({ ...byAddress, count: addressCount });
  const account: Counter = { key: `user:${name}`, max: ACCOUNT_BACKSTOP, scope: 'account' };
  const accountCount = await take(storage, account, now);
  if (accountCount !== null) held.push({ ...account, count: accountCount });
  const pair: Counter = {
    key: `user:${name}@${address}`,
    max: accountCount === null ? 1 : MAX_FAILURES,
    scope: 'account at address',
  };
  const pairCount = await take(storage, pair, now);
  if (pairCount === null) return refuse(pair);
  held.push({ ...pair, count: pairCount });
  return { ok: true, reservation: { held } };
}

/** The attempt was not checked after all (the server was busy): it does not count. */
export async function giveBackAll(storage: Storage, reservation: Reservation): Promise<void> {
  for (const c of reservation.held) await giveBack(storage, c);
}

/**
 * The password was right: the account's counter at this address starts over, and the attempt
 * is given back to the others (a success must not wipe an address that is spraying others).
 */
export async function loginSucceeded(storage: Storage, reservation: Reservation): Promise<void> {
  for (const c of reservation.held) {
    if (c.scope === 'account at address')
      await storage.db.deleteFrom('staff_login_attempts').where('key', '=', c.key).execute();
    else await giveBack(storage, c);
  }
}

/** The counters that this failed attempt brought to their limit: each is a lockout to log. */
export function lockedBy(reservation: Reservation): ThrottleScope[] {
  return reservation.held.filter((c) => c.count === c.max).map((c) => c.scope);
}

/** Deletes counters whose window and lock have both run out. */
export async function purgeAttempts(storage: Storage, now: Date): Promise<void> {
  const at = now.toISOString();
  await storage.db
    .deleteFrom('staff_login_attempts')
    .where('first_failure_at', '<', new Date(now.getTime() - WINDOW_MS).toISOString())
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', at)]))
    .execute();
}
