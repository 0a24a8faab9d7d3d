// Staff sessions. The cookie carries a 256-bit random token; the table keeps only its SHA-256
// (hashToken), so a copy of the database opens no session. Each session has its own CSRF token.
import { randomBytes } from 'node:crypto';
import type { Storage } from '../db/open.ts';
import { toIso } from '../db/values.ts';
import { hashToken } from '../tokens.ts';

/** A shift plus slack: the live screen on a store PC stays logged in through a working day. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

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
  // Expired rows are swept here rather than by a timer: logins are rare and this keeps the table small.
  await db.deleteFrom('staff_sessions').where('expires_at', '<', now.toISOString()).execute();
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

export async function findSession(
  storage: Storage,
  token: string,
  now: Date,
): Promise<Session | null> {
  const row = await storage.db
    .selectFrom('staff_sessions')
    .select(['user_id', 'csrf_token', 'expires_at'])
    .where('id', '=', hashToken(token))
    .executeTakeFirst();
  if (!row) return null;
  const expiresAt = toIso(row.expires_at)!;
  if (Date.parse(expiresAt) <= now.getTime()) return null;
  return { userId: row.user_id, csrfToken: row.csrf_token, expiresAt };
}

export async function touchSession(storage: Storage, token: string, now: Date): Promise<void> {
  await storage.db
    .updateTable('staff_sessions')
    .set({ last_seen_at: now.toISOString() })
    .where('id', '=', hashToken(token))
    .execute();
}

export async function deleteSession(storage: Storage, token: string): Promise<void> {
  await storage.db.deleteFrom('staff_sessions').where('id', '=', hashToken(token)).execute();
}
