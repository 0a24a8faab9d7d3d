// From stored kiosk data to staff alerts: one routing job (an ingest batch's new items) at a
// time, in the order they were stored, so an answer that arrives right after its alert sees the
// alert's row. Decisions, in order: thresholds; one staff alert per answer and kind; quiet hours (stored
// and shown, channels stay quiet); aggregation per kiosk and kind. Every step works on the whole
// batch (raise-alerts.ts): the kiosk and its routing are read once, not once per answer.
// A tap the kiosk flagged as a possible repeat is routed like any other: with the faces back
// within seconds it may be the next customer in the queue, so a low score folds into the kiosk's
// open card ("1 more low score") and a "talk to someone now" is never refused. The flag only
// keeps the answer out of the window rule's counts.
import type { AlertDetail } from '../../shared/protocol.ts';
import type { StaffAlertKind } from '../../shared/staff-api.ts';
import type { CollectorDb } from '../db/open.ts';
import { fromJson, toFlag, toIso } from '../db/values.ts';
import type { Announcement } from './announce.ts';
import { raiseAlerts, type Candidate, type Place } from './raise-alerts.ts';
import type { RoutingJob } from './routing-queue.ts';
import { routingFromBody } from './routing-store.ts';
import { belowThreshold } from './rules.ts';
import { countIntoWindow, windowCounts } from './window-counts.ts';

/** Routes one job inside the routing transaction; returns what to tell once it commits. */
export async function routeJob(trx: CollectorDb, job: RoutingJob): Promise<Announcement[]> {
  const place = await placeOf(trx, job.kioskId);
  return job.kind === 'alerts'
    ? kioskAlerts(trx, place, job.itemIds, job.receivedAt)
    : answers(trx, place, job.itemIds, job.receivedAt);
}

/** Kiosk alerts, grouped by kind (a talk-now storm is one card, a test another). */
async function kioskAlerts(
  trx: CollectorDb,
  place: Place,
  ids: string[],
  receivedAt: Date,
): Promise<Announcement[]> {
  const rows = await trx
    .selectFrom('alerts')
    .select(['id', 'answer_id', 'kind', 'created_at', 'detail'])
    .where('id', 'in', ids)
    .execute();
  const order = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  const byKind = new Map<StaffAlertKind, Candidate[]>();
  for (const a of rows) {
    const detail = fromJson<AlertDetail>(a.detail);
    // Thresholds can be looser than the kiosk's own: its low_score alert is judged again here.
    if (a.kind === 'low_score' && !belowThreshold(place.routing, detail)) continue;
    const list = byKind.get(a.kind) ?? [];
    list.push({
      sourceAlertId: a.id,
      createdAt: toIso(a.created_at)!,
      answerId: a.answer_id,
      scores: { smiley: detail.smiley, nps: detail.nps, ces: detail.ces },
    });
    byKind.set(a.kind, list);
  }
  const told: Announcement[] = [];
  for (const [kind, candidates] of byKind)
    told.push(...(await raiseAlerts(trx, place, kind, candidates, receivedAt)));
  return told;
}

async function answers(
  trx: CollectorDb,
  place: Place,
  ids: string[],
  receivedAt: Date,
): Promise<Announcement[]> {
  // Cards raised before their answer arrived show its reasons, comment and contact from now on.
  // Found by answer id alone, then kept if this kiosk's: a kiosk_id condition in SQL can lead the
  // planner to read every alert of the kiosk instead.
  const cards = (
    await trx
      .selectFrom('staff_alerts')
      .select(['id', 'aggregated_into', 'kiosk_id'])
      .where('answer_id', 'in', ids)
      .execute()
  ).filter((r) => r.kiosk_id === place.kioskId);
  const told: Announcement[] = cards.map((r) => ({
    id: r.aggregated_into ?? r.id,
    change: 'update',
  }));
  const rows = await trx
    .selectFrom('answers')
    .select(['id', 'smiley', 'nps', 'ces', 'finalized_at', 'possible_repeat'])
    .where('id', 'in', ids)
    .orderBy('seq')
    .execute();
  // Thresholds can be stricter than the kiosk's own: the answer itself may be the first word.
  const low = rows
    .filter((a) => belowThreshold(place.routing, scoresOf(a)))
    .map((a): Candidate => ({
      sourceAlertId: null,
      createdAt: toIso(a.finalized_at)!,
      answerId: a.id,
      scores: scoresOf(a),
    }));
  told.push(...(await raiseAlerts(trx, place, 'low_score', low, receivedAt)));
  if (rows.some((a) => !toFlag(a.possible_repeat))) {
    await countIntoWindow(trx, place.location, rows, receivedAt);
    told.push(...(await windowRule(trx, place, receivedAt)));
  }
  return told;
}

const scoresOf = (a: { smiley: number; nps: number | null; ces: number | null }) => ({
  smiley: a.smiley,
  nps: a.nps ?? undefined,
  ces: a.ces ?? undefined,
});

async function placeOf(trx: CollectorDb, kioskId: string): Promise<Place> {
  const row = await trx
    .selectFrom('kiosks')
    .innerJoin('touchpoints', 'touchpoints.id', 'kiosks.touchpoint_id')
    .innerJoin('locations', 'locations.id', 'touchpoints.location_id')
    .leftJoin('alert_routing', 'alert_routing.location', 'locations.name')
    .select(['locations.name as location', 'touchpoints.name as touchpoint', 'alert_routing.body'])
    .where('kiosks.id', '=', kioskId)
    .executeTakeFirstOrThrow();
  const { location, touchpoint, body } = row;
  return { kioskId, location, touchpoint, routing: routingFromBody(body) };
}

/**
 * At least `percent` unhappy among ≥ minAnswers answers in the last `minutes`, once per window,
 * from the location's rolling counts (window-counts.ts): the cost follows the window's minutes,
 * not the answers in it or the size of the table.
 */
async function windowRule(trx: CollectorDb, place: Place, at: Date): Promise<Announcement[]> {
  const w = place.routing.window;
  if (!w) return [];
  const since = new Date(at.getTime() - w.minutes * 60_000);
  const { n, unhappy } = await windowCounts(trx, place.location, since, w.unhappyAtOrBelow);
  if (n < w.minAnswers || (unhappy * 100) / n < w.percent) return [];
  const open = await trx
    .selectFrom('staff_alerts')
    .select('id')
    .where('location', '=', place.location)
    .where('kind', '=', 'window')
    .where('received_at', '>=', since.toISOString())
    .executeTakeFirst();
  if (open) return [];
  return raiseAlerts(
    trx,
    place,
    'window',
    [{ sourceAlertId: null, createdAt: at.toISOString(), answerId: null, scores: {} }],
    at,
  );
}
