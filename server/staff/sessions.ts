// Staff sessions. The cookie carries a 256-bit random token; the table keeps only its SHA-256
// (hashToken), so a copy of the database opens no session. Each session has its own CSRF token.
// A session ends at its absolute lifetime, or sooner when unused for IDLE_MS (every request and
// every heartbeat of an open live screen counts as use), or when its account changes (users.ts).
import { randomBytes } from 'node:crypto';
import type { Storage } from '../db/open.ts';
import { toFlag, toIso } from '../db/values.ts';
import { hashToken } from '../tokens.ts';

/** A shift plus slack: the live screen on a store PC stays logged in through a working day. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** OWASP's range for a low-risk application is 15-30 minutes; a live screen keeps itself in use. */
export const IDLE_MS = 30 * 60 * 1000;

export interface Session {
  userId: string;
  csrfToken: string;
  expiresAt: string;
}

export async function createSession(
  storage: Storage,
  userId: string,
  now: Date,
): Promise<{ token: string; session: Session }> {
  const token = randomBytes(32).toString('base64url');
  const session = {
    userId,
    csrfToken: randomBytes(32).toString('base64url'),
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
  };
  const db = storage.db;
  // Ended rows are swept here rather than by a timer: logins are rare and this keeps the table small.
  await db
    .deleteFrom('staff_sessions')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<', now.toISOString()),
        eb('last_seen_at', '<', new Date(now.getTime() - IDLE_MS).toISOString()),
      ]),
    )
    .execute();
  await db
    .insertInto('staff_sessions')
    .values({
      id: hashToken(token),
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: session.expiresAt,
      last_seen_at: now.toISOString(),
      csrf_token: session.csrfToken,
    })
    .execute();
  return { token, session };
}

/** Still open: within its lifetime and used within IDLE_MS. */
function open(row: { expires_at: string | Date; last_seen_at: string | Date }, now: Date): boolean {
  return (
    Date.parse(toIso(row.expires_at)!) > now.getTime() &&
    Date.parse(toIso(row.last_seen_at)!) > now.getTime() - IDLE_MS
  );
}

export async function findSession(
  storage: Storage,
  token: string,
  now: Date,
): Promise<Session | null> {
  const row = await storage.db
    .selectFrom('staff_sessions')
    .select(['user_id', 'csrf_token', 'expires_at', 'last_seen_at'])
    .where('id', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || !open(row, now)) return null;
  return { userId: row.user_id, csrfToken: row.csrf_token, expiresAt: toIso(row.expires_at)! };
}

/**
 * Of the sessions given by id (the stored hash), those still open and of an enabled account: one
 * query for every live screen at once.
 */
export async function openSessionIds(
  storage: Storage,
  ids: string[],
  now: Date,
): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await storage.db
    .selectFrom('staff_sessions as s')
    .innerJoin('staff_users as u', 'u.id', 's.user_id')
    .select(['s.id', 's.expires_at', 's.last_seen_at', 'u.disabled'])
    .where('s.id', 'in', ids)
    .execute();
  return new Set(rows.filter((r) => open(r, now) && !toFlag(r.disabled)).map((r) => r.id));
}

export async function touchSession(storage: Storage, token: string, now: Date): Promise<void> {
  await touchSessions(storage, [hashToken(token)], now);
}

/** Marks sessions (by stored id) as used now: a request, or a live screen's heartbeat. */
export async function touchSessions(storage: Storage, ids: string[], now: Date): Promise<void> {
  if (!ids.length) return;
  await storage.db
    .updateTable('staff_sessions')
    .set({ last_seen_at: now.toISOString() })
    .where('id', 'in', ids)
    .execute();
}

export async function deleteSession(storage: Storage, token: string): Promise<void> {
  await storage.db.deleteFrom('staff_sessions').where('id', '=', hashToken(token)).execute();
}
