// Acknowledge → resolve, the staff side's two actions, plus the listing the staff page starts
// from. Times to acknowledge and to resolve are stored per alert in seconds (from receipt: a
// late alert's clock started when we could first show it) so reports need no date arithmetic.
import { writeTransaction, type CollectorDb, type Storage } from '../db/open.ts';
import { toFlag, toIso } from '../db/values.ts';
import type { AlertOutcome, StaffAlert, StaffAlertStatus } from '../../shared/staff-api.ts';
import { recordAlertEvents } from './alert-events.ts';
import type { AlertFeed } from './feed.ts';
import { findStaffAlertRow, readStaffAlert, readStaffAlerts, type StaffAlertRow } from './store.ts';
import type { DeliveryStatus } from './tables.ts';

export class AlertWorkflowError extends Error {
  readonly code: 'not_found' | 'conflict';
  constructor(code: 'not_found' | 'conflict', message: string) {
    super(message);
    this.code = code;
  }
}

export interface ListQuery {
  locations: string[] | 'all';
  status?: StaffAlertStatus | StaffAlertStatus[];
  limit?: number;
}

/** Newest first; alerts folded into another (aggregation) show as that one's aggregateCount. */
export async function listAlerts(storage: Storage, q: ListQuery): Promise<StaffAlert[]> {
  if (Array.isArray(q.locations) && q.locations.length === 0) return [];
  const statuses = q.status === undefined ? null : Array.isArray(q.status) ? q.status : [q.status];
  const rows = await storage.db
    .selectFrom('staff_alerts')
    .selectAll()
    .where('aggregated_into', 'is', null)
    .$if(q.locations !== 'all', (b) => b.where('location', 'in', q.locations as string[]))
    .$if(statuses !== null, (b) => b.where('status', 'in', statuses!))
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(Math.min(Math.max(q.limit ?? 200, 1), 1000))
    .execute();
  return readStaffAlerts(storage, rows);
}

export async function getAlert(storage: Storage, id: string): Promise<StaffAlert | null> {
  return readStaffAlert(storage, id);
}

const seconds = (from: string | Date, to: Date) =>
  Math.max(0, Math.round((to.getTime() - new Date(toIso(from)!).getTime()) / 1000));

const ALREADY_RESOLVED = 'the alert is already resolved';

/**
 * Applies `change` (an update of one alert row; true when it changed the row) and records its
 * 'update' event in the same transaction, then lets the screens of this instance hear of it before
 * answering (the others hear through their feeds); resolves to the alert as they now show it, or
 * null when nothing changed.
 */
async function changeAndAnnounce(
  storage: Storage,
  feed: AlertFeed,
  id: string,
  now: Date,
  change: (trx: CollectorDb) => Promise<boolean>,
): Promise<StaffAlert | null> {
  const changed = await writeTransaction(storage, async (trx) => {
    if (!(await change(trx))) return false;
    await recordAlertEvents(trx, storage, [{ alertId: id, type: 'update' }], now);
    return true;
  });
  if (!changed) return null;
  await feed.poll();
  return readStaffAlert(storage, id);
}

/** The alert's row, while it can still be acted on. */
async function unresolvedRow(storage: Storage, id: string): Promise<StaffAlertRow> {
  const row = await findStaffAlertRow(storage, id);
  if (!row) throw new AlertWorkflowError('not_found', `no alert ${id}`);
  if (row.status === 'resolved') throw new AlertWorkflowError('conflict', ALREADY_RESOLVED);
  return row;
}

/**
 * A second acknowledgement returns the alert as it is (first one wins); a resolved alert is a
 * conflict. `by` is the staff account's id: the name shown is looked up when the alert is read.
 */
export async function acknowledgeAlert(
  storage: Storage,
  feed: AlertFeed,
  id: string,
  by: string,
  now: Date,
): Promise<StaffAlert> {
  const row = await unresolvedRow(storage, id);
  if (row.status === 'open') {
    const acked = await changeAndAnnounce(storage, feed, id, now, async (trx) => {
      const updated = await trx
        .updateTable('staff_alerts')
        .set({
          status: 'acknowledged',
          acknowledged_by_id: by,
          acknowledged_at: now.toISOString(),
          ack_seconds: seconds(row.received_at, now),
        })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return Number(updated.numUpdatedRows) === 1;
    });
    if (acked) return acked;
  }
  return (await readStaffAlert(storage, id))!;
}

/** Resolving an open alert acknowledges it in the same step (who resolved also saw it). */
export async function resolveAlert(
  storage: Storage,
  feed: AlertFeed,
  id: string,
  by: string,
  outcome: AlertOutcome,
  note: string | null,
  now: Date,
  /** Runs in the resolving transaction (signed CRM events, crm-events.ts). */
  onResolved?: (trx: CollectorDb, location: string) => Promise<void>,
): Promise<StaffAlert> {
  const row = await unresolvedRow(storage, id);
  const at = now.toISOString();
  const ack =
    row.status === 'open'
      ? { acknowledged_by_id: by, acknowledged_at: at, ack_seconds: seconds(row.received_at, now) }
      : {};
  const resolved = await changeAndAnnounce(storage, feed, id, now, async (trx) => {
    const updated = await trx
      .updateTable('staff_alerts')
      .set({
        ...ack,
        status: 'resolved',
        resolved_by_id: by,
        resolved_at: at,
        resolve_seconds: seconds(row.received_at, now),
        outcome,
        note: note?.slice(0, 2000) ?? null,
      })
      .where('id', '=', id)
      .where('status', '!=', 'resolved')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return false;
    await onResolved?.(trx, row.location);
    return true;
  });
  if (!resolved) throw new AlertWorkflowError('conflict', ALREADY_RESOLVED);
  return resolved;
}

export interface DeliveryLogEntry {
  channel: string;
  channelKind: string;
  reason: string;
  attempt: number;
  status: DeliveryStatus;
  httpStatus: number | null;
  error: string | null;
  at: string;
  /** The message carried the customer's comment or contact; null on rows from before schema v6. */
  personalData: boolean | null;
}

/** Every attempt to tell a channel about the alert, oldest first (for the staff page's detail view). */
export async function listDeliveries(
  storage: Storage,
  alertId: string,
): Promise<DeliveryLogEntry[]> {
  const rows = await storage.db
    .selectFrom('alert_deliveries')
    .selectAll()
    .where('staff_alert_id', '=', alertId)
    .orderBy('at')
    .orderBy('attempt')
    .execute();
  return rows.map((r) => ({
    channel: r.channel,
    channelKind: r.channel_kind,
    reason: r.reason,
    attempt: r.attempt,
    status: r.status,
    httpStatus: r.http_status,
    error: r.error,
    at: toIso(r.at)!,
    personalData: r.personal_data === null ? null : toFlag(r.personal_data),
  }));
}
