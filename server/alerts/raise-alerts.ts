// Turning candidates of one kind from one kiosk into staff alerts, a whole batch at a time: a
// kiosk back from a week offline sends 500 answers per request, and routing them one by one
// (several queries each) once made ingest 20× slower. Per batch: one look for alerts already
// raised, one look for the kiosk's open aggregation card, one multi-row insert, one update of
// the card's count. What the staff page and the channels must hear is returned: recorded for the
// screens in the routing transaction, told to the channels once it has committed (announce.ts).
import { v7 as uuidv7 } from 'uuid';
import type { Insertable } from 'kysely';
import type { StaffAlertKind, StaffAlertPriority } from '../../shared/staff-api.ts';
import type { CollectorDb } from '../db/open.ts';
import type { Announcement } from './announce.ts';
import { channelsQuiet, type Routing } from './rules.ts';
import { NOT_YET_HANDLED } from './store.ts';
import type { StaffAlertTable } from './tables.ts';

/** The kiosk an alert comes from, with its location's routing, looked up once per batch. */
export interface Place {
  kioskId: string;
  location: string;
  touchpoint: string;
  routing: Routing;
}

export interface Candidate {
  /** The kiosk alert behind it (null for answers the collector judged itself, and windows). */
  sourceAlertId: string | null;
  createdAt: string;
  answerId: string | null;
  scores: { smiley?: number | undefined; nps?: number | undefined; ces?: number | undefined };
}

const PRIORITY: Record<StaffAlertKind, StaffAlertPriority> = {
  talk_now: 'urgent',
  low_score: 'high',
  window: 'high',
  test: 'normal',
};

/** Rows per INSERT: ~25 columns each stays far below every engine's bound-parameter limit. */
const INSERT_CHUNK = 200;

/**
 * Raises one staff alert per candidate not raised before (per answer and kind; per kiosk
 * alert), all received at `receivedAt`. Outside quiet hours a storm is one card per kiosk and
 * kind: the kiosk's open card, or the batch's first alert, counts the others. In quiet hours
 * each shows on the staff page and the channels hear of it when they end.
 */
export async function raiseAlerts(
  trx: CollectorDb,
  place: Place,
  kind: StaffAlertKind,
  candidates: Candidate[],
  receivedAt: Date,
): Promise<Announcement[]> {
  const fresh = await notRaisedBefore(trx, place.kioskId, kind, candidates);
  if (!fresh.length) return [];
  const { routing } = place;
  const priority = PRIORITY[kind];
  const quiet = channelsQuiet(routing, priority, receivedAt);
  const aggregates = kind !== 'window' && !quiet;
  const openCard = aggregates ? await aggregationHead(trx, place, kind, receivedAt) : null;
  const ids = fresh.map(() => uuidv7());
  // Without an open card the batch's first alert becomes the card the rest fold into.
  const head = openCard ?? (aggregates ? ids[0]! : null);
  const rows = fresh.map((c, i): Insertable<StaffAlertTable> => ({
    id: ids[i]!,
    source_alert_id: c.sourceAlertId,
    kiosk_id: place.kioskId,
    location: place.location,
    touchpoint: place.touchpoint,
    kind,
    priority,
    created_at: new Date(c.createdAt).toISOString(),
    received_at: receivedAt.toISOString(),
    late:
      receivedAt.getTime() - Date.parse(c.createdAt) > routing.lateAfterMinutes * 60_000 ? 1 : 0,
    answer_id: c.answerId,
    smiley: c.scores.smiley ?? null,
    nps: c.scores.nps ?? null,
    ces: c.scores.ces ?? null,
    ...NOT_YET_HANDLED,
    aggregated_into: head === ids[i] ? null : head,
    suppressed: quiet ? 'quiet_hours' : head && head !== ids[i] ? 'aggregated' : null,
  }));
  for (let i = 0; i < rows.length; i += INSERT_CHUNK)
    await trx
      .insertInto('staff_alerts')
      .values(rows.slice(i, i + INSERT_CHUNK))
      .execute();
  const folded = ids.filter((id) => id !== head).length;
  if (head && folded)
    await trx
      .updateTable('staff_alerts')
      .set((eb) => ({ aggregate_count: eb('aggregate_count', '+', folded) }))
      .where('id', '=', head)
      .execute();
  // Folded alerts update their card; a new card is shown and its channels told once. Quiet
  // hours: every alert is shown, and what the channels are told waits until they end.
  if (head === openCard && head) return [{ id: head, change: 'update' }];
  const where = { location: place.location, routing, quiet };
  return (head ? [head] : ids).map((id) => ({ id, change: 'new', ...where }));
}

/** Drops candidates that already have their staff alert (a resend, or a recovery at start). */
async function notRaisedBefore(
  trx: CollectorDb,
  kioskId: string,
  kind: StaffAlertKind,
  candidates: Candidate[],
): Promise<Candidate[]> {
  const answerIds = candidates.flatMap((c) => (c.answerId ? [c.answerId] : []));
  const sourceIds = candidates.flatMap((c) => (c.sourceAlertId ? [c.sourceAlertId] : []));
  const taken = new Set<string>();
  if (answerIds.length)
    for (const r of await trx
      .selectFrom('staff_alerts')
      .select(['answer_id', 'kiosk_id'])
      .where('answer_id', 'in', [...new Set(answerIds)])
      .where('kind', '=', kind)
      .execute())
      // This kiosk's only: another kiosk naming the id first must not silence this one's alert.
      // (Checked here, not in SQL, where it could steer the planner to the kiosk's every alert.)
      if (r.kiosk_id === kioskId) taken.add(`answer:${r.answer_id}`);
  if (sourceIds.length)
    for (const r of await trx
      .selectFrom('staff_alerts')
      .select('source_alert_id')
      .where('source_alert_id', 'in', [...new Set(sourceIds)])
      .execute())
      taken.add(`source:${r.source_alert_id}`);
  return candidates.filter((c) => {
    const keys = [
      c.answerId && `answer:${c.answerId}`,
      c.sourceAlertId && `source:${c.sourceAlertId}`,
    ];
    if (keys.some((k) => k && taken.has(k))) return false;
    // The same answer or kiosk alert twice in one batch is raised once.
    for (const k of keys) if (k) taken.add(k);
    return true;
  });
}

/** The kiosk's alert of this kind that opened the current aggregation window, if one is open. */
async function aggregationHead(
  trx: CollectorDb,
  place: Place,
  kind: StaffAlertKind,
  at: Date,
): Promise<string | null> {
  const since = new Date(at.getTime() - place.routing.aggregationMinutes * 60_000).toISOString();
  const head = await trx
    .selectFrom('staff_alerts')
    .select('id')
    .where('kiosk_id', '=', place.kioskId)
    .where('kind', '=', kind)
    .where('aggregated_into', 'is', null)
    .where('suppressed', 'is', null)
    .where('received_at', '>=', since)
    .orderBy('received_at', 'desc')
    .executeTakeFirst();
  return head?.id ?? null;
}
