// Staff alert rows and their StaffAlert shape. Comment, contact and reasons are not copied into
// staff_alerts: they are read from the answer when it has arrived, so there is one copy of
// customer text to delete or export.
import type { Selectable } from 'kysely';
import type { Contact } from '../../shared/answer.ts';
import type { Storage } from '../db/open.ts';
import { reasonLabelsFor } from '../kiosk-api/kiosk-configs.ts';
import { displayNames } from '../staff/users.ts';
import { followUpLog } from '../follow-up/log.ts';
import { fromJson, toFlag, toIso } from '../db/values.ts';
import type { StaffAlert } from '../../shared/staff-api.ts';
import type { StaffAlertTable } from './tables.ts';

export type StaffAlertRow = Selectable<StaffAlertTable>;

/** The workflow columns of a new staff alert: nobody has acknowledged or resolved it yet. */
export const NOT_YET_HANDLED = {
  acknowledged_by: null,
  acknowledged_at: null,
  resolved_by: null,
  resolved_at: null,
  outcome: null,
  note: null,
  ack_seconds: null,
  resolve_seconds: null,
} as const;

export interface AnswerExtras {
  kioskId: string;
  reasons: string[];
  comment: string | null;
  contact: Contact | null;
  possibleRepeat: boolean;
  /** When comment and contact were removed (server/privacy/). */
  redactedAt: string | null;
}

async function answerExtras(
  storage: Storage,
  answerIds: string[],
): Promise<Map<string, AnswerExtras>> {
  const map = new Map<string, AnswerExtras>();
  if (!answerIds.length) return map;
  const rows = await storage.db
    .selectFrom('answers')
    .select(['id', 'kiosk_id', 'reasons', 'comment', 'contact', 'possible_repeat', 'redacted_at'])
    .where('id', 'in', [...new Set(answerIds)])
    .execute();
  for (const r of rows) {
    map.set(r.id, {
      kioskId: r.kiosk_id,
      reasons: fromJson<string[]>(r.reasons),
      comment: r.comment,
      contact: r.contact === null ? null : fromJson<Contact>(r.contact),
      possibleRepeat: toFlag(r.possible_repeat),
      redactedAt: toIso(r.redacted_at),
    });
  }
  return map;
}

/** Reason ids the kiosk sent with the alert itself (a talk-now), by kiosk alert id. */
async function alertReasons(storage: Storage, sourceIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (!sourceIds.length) return map;
  const rows = await storage.db
    .selectFrom('alerts')
    .select(['id', 'detail'])
    .where('id', 'in', [...new Set(sourceIds)])
    .execute();
  for (const r of rows) {
    const reasons = fromJson<{ reasons?: string[] }>(r.detail).reasons;
    if (reasons?.length) map.set(String(r.id), reasons);
  }
  return map;
}

/** `alertReasons`: what the alert carried, shown until the answer with its own reasons arrives. */
export function toStaffAlert(
  r: StaffAlertRow,
  extras?: AnswerExtras,
  alertReasons?: string[],
): StaffAlert {
  const reasons = extras?.reasons.length ? extras.reasons : alertReasons;
  const contact = extras?.contact;
  const redactedAt = extras?.redactedAt ?? toIso(r.redacted_at);
  return {
    id: r.id,
    kioskId: r.kiosk_id,
    location: r.location,
    touchpoint: r.touchpoint,
    kind: r.kind,
    priority: r.priority,
    createdAt: toIso(r.created_at)!,
    receivedAt: toIso(r.received_at)!,
    late: toFlag(r.late),
    // A late "talk to someone now" was pressed while the kiosk was offline: nobody is waiting now.
    waiting: r.kind === 'talk_now' && r.status === 'open' && !toFlag(r.late),
    ...(r.smiley !== null && { smiley: r.smiley }),
    ...(r.nps !== null && { nps: r.nps }),
    ...(r.ces !== null && { ces: r.ces }),
    ...(reasons?.length && { reasons }),
    ...(extras?.comment && { comment: extras.comment }),
    ...(contact && {
      contact: {
        name: contact.name,
        ...(contact.phone && { phone: contact.phone }),
        ...(contact.email && { email: contact.email }),
      },
    }),
    aggregateCount: r.aggregate_count,
    status: r.status,
    ...(r.acknowledged_by !== null && { acknowledgedBy: r.acknowledged_by }),
    ...(r.acknowledged_at !== null && { acknowledgedAt: toIso(r.acknowledged_at)! }),
    ...(r.resolved_by !== null && { resolvedBy: r.resolved_by }),
    ...(r.resolved_at !== null && { resolvedAt: toIso(r.resolved_at)! }),
    ...(r.outcome !== null && { outcome: r.outcome }),
    ...(r.note !== null && { note: r.note }),
    ...(redactedAt !== null && { redactedAt }),
  };
}

export async function readStaffAlerts(
  storage: Storage,
  rows: StaffAlertRow[],
): Promise<StaffAlert[]> {
  const extras = await answerExtras(
    storage,
    rows.map((r) => r.answer_id).filter((id): id is string => id !== null),
  );
  const carried = await alertReasons(
    storage,
    rows.map((r) => r.source_alert_id).filter((id): id is string => id !== null),
  );
  // Who acknowledged and resolved is kept by account id; the name shown is the account's name now
  // (or the id itself, should the account be gone).
  const actors = await displayNames(
    storage,
    rows.flatMap((r) => [r.acknowledged_by_id, r.resolved_by_id]),
  );
  const nameOf = (id: string) => actors.get(id) ?? id;
  const followUps = await followUpLog(
    storage,
    'alert_id',
    rows.map((r) => r.id),
  );
  const labels = new Map<string, Map<string, string>>();
  for (const kioskId of new Set(rows.map((r) => r.kiosk_id)))
    labels.set(kioskId, await reasonLabelsFor(storage, kioskId));
  return rows.map((r) => {
    const answer = r.answer_id ? extras.get(r.answer_id) : undefined;
    const alert = {
      ...toStaffAlert(
        r,
        // Only the alert's own kiosk's answer: an id another kiosk sent first must not leak here.
        answer?.kioskId === r.kiosk_id ? answer : undefined,
        r.source_alert_id ? carried.get(r.source_alert_id) : undefined,
      ),
      ...(r.acknowledged_by_id !== null && { acknowledgedBy: nameOf(r.acknowledged_by_id) }),
      ...(r.resolved_by_id !== null && { resolvedBy: nameOf(r.resolved_by_id) }),
      ...(followUps.has(r.id) && { followUps: followUps.get(r.id)! }),
    };
    // Staff read "Waiting time", not "wait-time": labels from the survey attached to the kiosk.
    const names = labels.get(r.kiosk_id);
    return alert.reasons && names?.size
      ? { ...alert, reasons: alert.reasons.map((id) => names.get(id) ?? id) }
      : alert;
  });
}

export async function findStaffAlertRow(
  storage: Storage,
  id: string,
): Promise<StaffAlertRow | undefined> {
  return storage.db.selectFrom('staff_alerts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function readStaffAlert(storage: Storage, id: string): Promise<StaffAlert | null> {
  const row = await findStaffAlertRow(storage, id);
  return row ? (await readStaffAlerts(storage, [row]))[0]! : null;
}

/** The alerts with these ids that exist, in the order of `ids`; one read for any number. */
export async function readStaffAlertsById(storage: Storage, ids: string[]): Promise<StaffAlert[]> {
  if (!ids.length) return [];
  const order = new Map(ids.map((id, i) => [id, i]));
  const rows = await storage.db
    .selectFrom('staff_alerts')
    .selectAll()
    .where('id', 'in', [...order.keys()])
    .execute();
  rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return readStaffAlerts(storage, rows);
}
