// Which kiosk a bearer token belongs to, with token rotation (migration 021) folded in. A kiosk
// may hold its token, the new one a rotation order handed it (next_token_hash), or, for a short
// grace after it switched, the one before (old_token_hash): a request already in flight with the
// old token when the kiosk stored the new one is not refused. The kiosk's first request with the
// new token is its proof that it stored it: the new token becomes the token, the old one gets
// the grace, and the rotation order is done. A retired kiosk's token is recognised, to say so.
import { sql } from 'kysely';
import { writeTransaction, type Storage } from '../db/open.ts';
import { toIso } from '../db/values.ts';
import { hashToken } from '../tokens.ts';

/** How long the token before a rotation still works after the kiosk switched. */
export const OLD_TOKEN_GRACE_MS = 2 * 60_000;

export type TokenMatch =
  | { kind: 'kiosk'; kioskId: string }
  | { kind: 'retired'; kioskId: string; retiredAt: string }
  | null;

export async function kioskForToken(
  storage: Storage,
  token: string,
  now: Date,
): Promise<TokenMatch> {
  const hash = hashToken(token);
  const at = now.toISOString();
  const row = await storage.db
    .selectFrom('kiosks')
    .select(['id', 'revoked_at', 'token_hash', 'next_token_hash'])
    .where((w) =>
      w.or([
        w('token_hash', '=', hash),
        w('next_token_hash', '=', hash),
        w.and([w('old_token_hash', '=', hash), w('old_token_until', '>', at)]),
      ]),
    )
    .executeTakeFirst();
  if (!row) return null;
  if (row.revoked_at !== null)
    return { kind: 'retired', kioskId: row.id, retiredAt: toIso(row.revoked_at)! };
  if (row.next_token_hash === hash) await promote(storage, row.id, hash, now);
  return { kind: 'kiosk', kioskId: row.id };
}

/** The kiosk uses its new token: it is the token now, and the rotation order is done. */
async function promote(storage: Storage, kioskId: string, hash: string, now: Date): Promise<void> {
  const at = now.toISOString();
  await writeTransaction(storage, async (trx) => {
    const moved = await trx
      .updateTable('kiosks')
      .set({
        old_token_hash: sql.ref('token_hash'),
        old_token_until: new Date(now.getTime() + OLD_TOKEN_GRACE_MS).toISOString(),
        token_hash: hash,
        next_token_hash: null,
      })
      .where('id', '=', kioskId)
      .where('next_token_hash', '=', hash)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) === 0) return;
    await trx
      .updateTable('kiosk_commands')
      .set({
        status: 'done',
        finished_at: at,
        message: 'the kiosk stored its new token and uses it; the old one stops working shortly',
      })
      .where('kiosk_id', '=', kioskId)
      .where('kind', '=', 'rotate_token')
      .where('status', 'in', ['pending', 'sent'])
      .execute();
  });
}
