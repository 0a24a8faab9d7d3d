// Remote actions on one kiosk (migration 021): an admin orders, the kiosk's heartbeat replies
// carry the order until the kiosk reports a result (POST /v1/commands/:id/result) or the order
// expires. Durable, so an order survives a collector restart and reaches a kiosk that is offline
// now. A token rotation hands out the new token when the order is delivered, never stores it,
// and keeps the old one working until the kiosk proves it holds the new one (tokens.ts below).
import { sql } from 'kysely';
import { writeTransaction, type CollectorDb, type Storage } from '../db/open.ts';
import { fromJson, toIso, toJson, toNumber } from '../db/values.ts';
import {
  MAX_COMMANDS_PER_REPLY,
  type CommandKind,
  type CommandResult,
  type KioskCommand,
} from '../../shared/kiosk-commands.ts';
import type { KioskCommandView } from '../../shared/staff-kiosk-api.ts';
import { hashToken, newDeviceToken } from '../tokens.ts';
import { recordAudit, type AuditActor } from '../staff/audit.ts';

/** How long an order waits for its kiosk: a log fetch is wanted now, the others within a day. */
export const COMMAND_LIFETIME_MS: Record<CommandKind, number> = {
  reload: 24 * 3_600_000,
  resend_dead_letters: 24 * 3_600_000,
  rotate_token: 24 * 3_600_000,
  fetch_logs: 3_600_000,
};
export const DEFAULT_LOG_LINES = 50;

/** An order that cannot be given (unknown or retired kiosk, a rotation already under way). */
export class CommandError extends Error {
  readonly status: 404 | 409;
  constructor(status: 404 | 409, message: string) {
    super(message);
    this.status = status;
  }
}

const OPEN = ['pending', 'sent'] as const;

/** The kiosk must exist and be active; throws the refusal the staff API and CLI show. */
export async function activeKiosk(db: CollectorDb, kioskId: string): Promise<void> {
  const row = await db
    .selectFrom('kiosks')
    .select('revoked_at')
    .where('id', '=', kioskId)
    .executeTakeFirst();
  if (!row) throw new CommandError(404, `no kiosk "${kioskId}"`);
  if (row.revoked_at !== null)
    throw new CommandError(409, `kiosk "${kioskId}" is retired: it takes no more orders`);
}

/** Records an admin's order, audited in the same transaction. */
export async function orderCommand(
  storage: Storage,
  o: { kioskId: string; kind: CommandKind; lines?: number | undefined; by: AuditActor },
  now: Date,
): Promise<number> {
  return writeTransaction(storage, async (trx) => {
    await activeKiosk(trx, o.kioskId);
    if (o.kind === 'rotate_token') {
      const open = await openCommands(trx, o.kioskId, now)
        .where('kind', '=', 'rotate_token')
        .executeTakeFirst();
      if (open)
        throw new CommandError(409, 'a new token is on its way to this kiosk already; wait for it');
    }
    const lines = o.kind === 'fetch_logs' ? (o.lines ?? DEFAULT_LOG_LINES) : null;
    const row = await trx
      .insertInto('kiosk_commands')
      .values({
        kiosk_id: o.kioskId,
        kind: o.kind,
        status: 'pending',
        lines,
        ordered_by: o.by.name,
        ordered_at: now.toISOString(),
        expires_at: new Date(now.getTime() + COMMAND_LIFETIME_MS[o.kind]).toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = toNumber(row.id)!;
    await recordAudit(
      trx,
      o.by,
      {
        action: `kiosk.${o.kind}`,
        target: o.kioskId,
        details: { command: id, ...(lines !== null && { lines }) },
      },
      now,
    );
    return id;
  });
}

function openCommands(db: CollectorDb, kioskId: string, now: Date) {
  return db
    .selectFrom('kiosk_commands')
    .selectAll()
    .where('kiosk_id', '=', kioskId)
    .where('status', 'in', OPEN)
    .where('expires_at', '>', now.toISOString());
}

/**
 * The orders a heartbeat reply carries: every open one, oldest first, marked sent. One already
 * sent goes again until the kiosk reports on it (its reply may have been lost); the kiosk knows
 * an order by its id and carries it out once. A rotation gets a fresh token each time it goes:
 * a kiosk that still authenticates with the old token did not keep the last one.
 */
export async function deliverCommands(
  storage: Storage,
  kioskId: string,
  now: Date,
): Promise<KioskCommand[]> {
  const at = now.toISOString();
  const open = await openCommands(storage.db, kioskId, now)
    .orderBy('id')
    .limit(MAX_COMMANDS_PER_REPLY)
    .execute();
  if (!open.length) return [];
  return writeTransaction(storage, async (trx) => {
    const out: KioskCommand[] = [];
    for (const row of open) {
      const id = toNumber(row.id)!;
      const expiresAt = toIso(row.expires_at)!;
      await trx
        .updateTable('kiosk_commands')
        .set({ status: 'sent', sent_at: sql`coalesce(sent_at, ${at})` })
        .where('id', '=', id)
        .where('status', 'in', OPEN)
        .execute();
      if (row.kind === 'rotate_token') {
        const token = newDeviceToken();
        await trx
          .updateTable('kiosks')
          .set({ next_token_hash: hashToken(token) })
          .where('id', '=', kioskId)
          .execute();
        out.push({ id, kind: 'rotate_token', expiresAt, token });
      } else if (row.kind === 'fetch_logs') {
        out.push({ id, kind: 'fetch_logs', expiresAt, lines: row.lines ?? DEFAULT_LOG_LINES });
      } else out.push({ id, kind: row.kind, expiresAt });
    }
    return out;
  });
}

/**
 * The kiosk's report on one of its orders. An order that is not this kiosk's is unknown; one
 * that has a result already keeps it (a report sent twice is recorded once).
 */
export async function recordResult(
  storage: Storage,
  kioskId: string,
  id: number,
  result: CommandResult,
  now: Date,
): Promise<'recorded' | 'finished' | 'unknown'> {
  const updated = await storage.db
    .updateTable('kiosk_commands')
    .set({
      status: result.status,
      finished_at: now.toISOString(),
      message: result.message,
      log_lines: result.logLines ? toJson(result.logLines) : null,
    })
    .where('id', '=', id)
    .where('kiosk_id', '=', kioskId)
    .where('status', 'in', OPEN)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return 'recorded';
  const row = await storage.db
    .selectFrom('kiosk_commands')
    .select('id')
    .where('id', '=', id)
    .where('kiosk_id', '=', kioskId)
    .executeTakeFirst();
  return row ? 'finished' : 'unknown';
}

/** A kiosk that is retired takes no more orders: its open ones fail, saying why. */
export async function cancelOpenCommands(
  trx: CollectorDb,
  kioskId: string,
  why: string,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('kiosk_commands')
    .set({ status: 'failed', finished_at: now.toISOString(), message: why })
    .where('kiosk_id', '=', kioskId)
    .where('status', 'in', OPEN)
    .execute();
  await trx
    .updateTable('kiosks')
    .set({ next_token_hash: null, old_token_hash: null, old_token_until: null })
    .where('id', '=', kioskId)
    .execute();
}

/** The kiosk page's history, newest first. */
export async function listCommands(
  storage: Storage,
  kioskId: string,
  now: Date,
  limit = 50,
): Promise<KioskCommandView[]> {
  const rows = await storage.db
    .selectFrom('kiosk_commands')
    .selectAll()
    .where('kiosk_id', '=', kioskId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const expiresAt = toIso(r.expires_at)!;
    const open = r.status === 'pending' || r.status === 'sent';
    return {
      id: toNumber(r.id)!,
      kind: r.kind,
      status: open && expiresAt <= now.toISOString() ? 'expired' : r.status,
      orderedBy: r.ordered_by,
      orderedAt: toIso(r.ordered_at)!,
      expiresAt,
      sentAt: toIso(r.sent_at),
      finishedAt: toIso(r.finished_at),
      message: r.message,
      logLines: r.log_lines === null ? null : fromJson<string[]>(r.log_lines),
    };
  });
}
