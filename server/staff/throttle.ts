// Login throttling, in the database so that it survives a restart and covers every collector
// process. Two keys per attempt: the username (guessing one account's password) and the client
// address (spraying many accounts). MAX_FAILURES within the window locks the key for LOCK_MS.
import type { Storage } from '../db/open.ts';
import { toIso } from '../db/values.ts';

export const MAX_FAILURES = 5;
export const LOCK_MS = 15 * 60 * 1000;
/** Failures older than this are forgotten: five typos over a week lock nobody out. */
export const WINDOW_MS = 15 * 60 * 1000;
/** An address may fail more often than one account: a store's tablets share one NAT address. */
export const IP_FACTOR = 4;

export function throttleKeys(username: string, ip: string): { key: string; max: number }[] {
  return [
    { key: `user:${username.trim().toLowerCase()}`, max: MAX_FAILURES },
    { key: `ip:${ip}`, max: MAX_FAILURES * IP_FACTOR },
  ];
}

/** Seconds until the first locked key opens again, or 0 when none is locked. */
export async function lockedForSeconds(
  storage: Storage,
  username: string,
  ip: string,
  now: Date,
): Promise<number> {
  const keys = throttleKeys(username, ip).map((k) => k.key);
  const rows = await storage.db
    .selectFrom('staff_login_attempts')
    .select(['locked_until'])
    .where('key', 'in', keys)
    .execute();
  const until = Math.max(0, ...rows.map((r) => Date.parse(toIso(r.locked_until) ?? '') || 0));
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

export async function recordFailure(
  storage: Storage,
  username: string,
  ip: string,
  now: Date,
): Promise<void> {
  const db = storage.db;
  for (const { key, max } of throttleKeys(username, ip)) {
    const row = await db
      .selectFrom('staff_login_attempts')
      .selectAll()
      .where('key', '=', key)
      .executeTakeFirst();
    const fresh = !row || now.getTime() - Date.parse(toIso(row.first_failure_at)!) > WINDOW_MS;
    const failures = fresh ? 1 : row.failures + 1;
    const lockedUntil = failures >= max ? new Date(now.getTime() + LOCK_MS).toISOString() : null;
    const values = {
      failures,
      first_failure_at: fresh ? now.toISOString() : toIso(row.first_failure_at)!,
      locked_until: lockedUntil,
    };
    await db
      .insertInto('staff_login_attempts')
      .values({ key, ...values })
      .onConflict((oc) => oc.column('key').doUpdateSet(values))
      .execute();
  }
}

export async function clearFailures(storage: Storage, username: string): Promise<void> {
  // Only the account's counter: a success must not wipe an address that is spraying others.
  await storage.db
    .deleteFrom('staff_login_attempts')
    .where('key', '=', throttleKeys(username, '')[0]!.key)
    .execute();
}
