// The admin audit log (migration 016): who changed which account, when, from where, and what
// changed. Written by the change's own transaction (recordAudit takes the transaction), read by
// admins newest first in pages (listAudit). Never a password, a token or a customer's text: the
// details name fields and their old and new values for role, locations, name and disabled only.
import type { AuditAction, AuditEntry } from '../../shared/staff-admin-api.ts';
import type { CollectorDb, Storage } from '../db/open.ts';
import { fromJson, toIso, toJson, toNumber } from '../db/values.ts';

/** Who did it: a signed-in account (with the address the request came from), or the CLI. */
export interface AuditActor {
  id: string | null;
  name: string;
  address?: string | null;
}

export const COMMAND_LINE: AuditActor = { id: null, name: 'command line' };

export async function recordAudit(
  trx: CollectorDb,
  actor: AuditActor,
  entry: { action: AuditAction; target: string; details?: Record<string, unknown> },
  now: Date,
): Promise<void> {
  await trx
    .insertInto('admin_audit')
    .values({
      at: now.toISOString(),
      actor_id: actor.id,
      actor: actor.name,
      action: entry.action,
      target: entry.target,
      details: toJson(entry.details ?? {}),
      address: actor.address ?? null,
    })
    .execute();
}

/** A page of the log, newest first: the entries older than `before` (an id), and the next cursor. */
export async function listAudit(
  storage: Storage,
  opts: { before?: number | undefined; limit: number },
): Promise<{ entries: AuditEntry[]; next: number | null }> {
  const rows = await storage.db
    .selectFrom('admin_audit')
    .selectAll()
    .$if(opts.before !== undefined, (q) => q.where('id', '<', opts.before!))
    .orderBy('id', 'desc')
    .limit(opts.limit + 1)
    .execute();
  const page = rows.slice(0, opts.limit);
  const entries = page.map((row) => ({
    id: toNumber(row.id)!,
    at: toIso(row.at)!,
    actor: row.actor,
    action: row.action as AuditAction,
    target: row.target,
    details: fromJson<Record<string, unknown>>(row.details),
    address: row.address,
  }));
  return { entries, next: rows.length > opts.limit ? entries.at(-1)!.id : null };
}
