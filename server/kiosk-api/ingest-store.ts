// Storing a batch: one transaction per batch, INSERT … ON CONFLICT DO NOTHING, then a look at
// whatever did not insert to tell a resend (duplicate) from a real conflict (rejected), and a
// routing job naming the new items (server/alerts/routing-queue.ts), committed with them. The
// kiosk's row is locked first, so that two batches from one kiosk cannot both miss each other's
// rows when they move the highest contiguous seq. New answers mark their days for the results
// rollup (server/reports/rollup.ts) in the same transaction. Answers take the place their kiosk stands at
// and the survey it was given from that row, so that later moves never rewrite them.
import type { AlertUpload, AnswerUpload, ItemResult } from '../../shared/protocol.ts';
import type { ClockReading } from './device-clock.ts';
import type { Insertable } from 'kysely';
import { recordRoutingJob } from '../alerts/routing-queue.ts';
import { writeTransaction, type CollectorDb, type Storage } from '../db/open.ts';
import type { CollectorTables } from '../db/tables.ts';
import { toJson, utc } from '../db/values.ts';
import { markDirty } from '../reports/rollup.ts';
import { advanceSeq, lockKiosk, touchKiosk, type LockedKiosk } from './kiosk-row.ts';
import { surveysByVersion } from './surveys.ts';

export type Outcome = Pick<ItemResult, 'status' | 'reason'>;

export interface BatchContext {
  kioskId: string;
  /** The batch's sentAt (device clock) and our receive time. */
  deviceSentAt: string;
  receivedAt: Date;
  clock: ClockReading;
}

export interface BatchOutcome {
  outcomes: Outcome[];
  highestContiguousSeq: number;
  /** The kiosk's clock flag before this batch, to log the moment it changes. */
  wasClockFlagged: boolean;
}

/** Our receive time and the batch's sentAt (device clock), kept on every stored item. */
function receipt(ctx: BatchContext): { device_sent_at: string; received_at: string } {
  return { device_sent_at: utc(ctx.deviceSentAt), received_at: ctx.receivedAt.toISOString() };
}

type Row<T extends 'answers' | 'alerts'> = Insertable<CollectorTables[T]> & { id: string };

interface Batch<T extends 'answers' | 'alerts'> {
  table: T;
  rows: Row<T>[];
  /** The rows completed from the locked kiosk row (answers: place and survey), when they need it. */
  stamp?(trx: CollectorDb, kiosk: LockedKiosk): Promise<Row<T>[]>;
  /** Per row, why it may not be stored at all (null: it may), judged before the insert. */
  refuse?(trx: CollectorDb): Promise<(string | null)[]>;
  /** Runs in the transaction with the rows that did insert (answers: mark the results rollup). */
  inserted?(trx: CollectorDb, rows: Row<T>[]): Promise<void>;
  /** Why row i did not insert when no other kiosk holds its id. */
  conflictReason(index: number): string;
  /** Answers move the kiosk's highest contiguous seq; alerts leave it. */
  movesSeq: boolean;
}

async function storeBatch<T extends 'answers' | 'alerts'>(
  storage: Storage,
  ctx: BatchContext,
  batch: Batch<T>,
): Promise<BatchOutcome> {
  return writeTransaction(storage, async (trx) => {
    const kiosk = await lockKiosk(trx, storage, ctx.kioskId);
    const refused = (await batch.refuse?.(trx)) ?? [];
    const rows = (await batch.stamp?.(trx, kiosk)) ?? batch.rows;
    const allowed = rows.filter((_, i) => !refused[i]);
    const inserted = allowed.length
      ? await trx
          .insertInto(batch.table)
          .values(allowed)
          .onConflict((oc) => oc.doNothing())
          .returning('id')
          .execute()
      : [];
    const insertedIds = new Set<string>(inserted.map((r) => r.id));
    if (insertedIds.size)
      await batch.inserted?.(
        trx,
        allowed.filter((r) => insertedIds.has(r.id)),
      );
    const classified = await classify(
      trx,
      batch.table,
      ctx.kioskId,
      batch.rows,
      insertedIds,
      batch.conflictReason,
    );
    const outcomes = classified.map((o, i): Outcome =>
      refused[i] ? { status: 'rejected', reason: refused[i] } : o,
    );
    // Routing is owed for what is new here; a resend was routed when it first arrived.
    await recordRoutingJob(trx, {
      kioskId: ctx.kioskId,
      kind: batch.table,
      itemIds: [...new Set(batch.rows.map((r) => r.id).filter((id) => insertedIds.has(id)))],
      receivedAt: ctx.receivedAt,
    });
    const highest = batch.movesSeq
      ? await advanceSeq(trx, ctx.kioskId, kiosk.highest)
      : kiosk.highest;
    await touchKiosk(trx, ctx, batch.movesSeq ? { highest_contiguous_seq: highest } : {});
    return { outcomes, highestContiguousSeq: highest, wasClockFlagged: kiosk.flagged };
  });
}

export async function storeAnswers(
  storage: Storage,
  ctx: BatchContext,
  answers: AnswerUpload[],
): Promise<BatchOutcome> {
  const rows = answers.map((a) => ({
    id: a.id.toLowerCase(),
    kiosk_id: ctx.kioskId,
    seq: a.seq,
    survey_version: a.surveyVersion,
    status: a.status,
    language: a.language,
    started_at: utc(a.startedAt),
    finalized_at: utc(a.finalizedAt),
    smiley: a.smiley,
    reasons: toJson(a.reasons),
    nps: a.nps ?? null,
    ces: a.ces ?? null,
    comment: a.comment ?? null,
    contact: a.contact ? toJson(a.contact) : null,
    talk_now: a.talkNow ? 1 : 0,
    possible_repeat: a.possibleRepeat ? 1 : 0,
    ...receipt(ctx),
  }));
  return storeBatch(storage, ctx, {
    table: 'answers',
    rows,
    async stamp(trx, kiosk) {
      const surveys = rows.length
        ? await surveysByVersion(trx, ctx.kioskId, [...new Set(rows.map((r) => r.survey_version))])
        : new Map<string, number>();
      return rows.map((r) => ({
        ...r,
        location_id: kiosk.locationId,
        touchpoint_id: kiosk.touchpointId,
        survey_id: surveys.get(r.survey_version) ?? null,
      }));
    },
    inserted: (trx, stored) => markDirty(trx, stored),
    conflictReason: (i) => `seq ${rows[i]!.seq} is already held by another answer from this kiosk`,
    movesSeq: true,
  });
}

export async function storeAlerts(
  storage: Storage,
  ctx: BatchContext,
  alerts: AlertUpload[],
): Promise<BatchOutcome> {
  const rows = alerts.map((a) => ({
    id: a.id.toLowerCase(),
    kiosk_id: ctx.kioskId,
    answer_id: a.answerId?.toLowerCase() ?? null,
    kind: a.kind,
    created_at: utc(a.createdAt),
    detail: toJson(a.detail),
    ...receipt(ctx),
  }));
  return storeBatch(storage, ctx, {
    table: 'alerts',
    rows,
    refuse: (trx) => foreignAnswers(trx, ctx.kioskId, rows),
    conflictReason: () => 'conflicts with a stored alert',
    movesSeq: false,
  });
}

/**
 * An alert may only name this kiosk's own answers: naming another kiosk's would show that
 * answer's comment and contact at this kiosk's location.
 */
async function foreignAnswers(
  trx: CollectorDb,
  kioskId: string,
  rows: { answer_id: string | null }[],
): Promise<(string | null)[]> {
  const ids = [...new Set(rows.flatMap((r) => (r.answer_id ? [r.answer_id] : [])))];
  if (!ids.length) return [];
  const foreign = new Set(
    (
      await trx
        .selectFrom('answers')
        .select('id')
        .where('id', 'in', ids)
        .where('kiosk_id', '<>', kioskId)
        .execute()
    ).map((r) => r.id),
  );
  return rows.map((r) =>
    r.answer_id && foreign.has(r.answer_id) ? 'answerId names an answer from another kiosk' : null,
  );
}

/**
 * Not inserted means the id or (kiosk, seq) was taken. Taken by the same id from this kiosk:
 * a resend, `duplicate`. Anything else is a conflict the kiosk must hear about, because
 * acknowledging it as stored would let the kiosk drop an answer we do not hold.
 */
async function classify(
  trx: CollectorDb,
  table: 'answers' | 'alerts',
  kioskId: string,
  rows: { id: string }[],
  inserted: Set<string>,
  conflictReason: (index: number) => string,
): Promise<Outcome[]> {
  const missing = [...new Set(rows.filter((r) => !inserted.has(r.id)).map((r) => r.id))];
  const owners = new Map<string, string>();
  if (missing.length) {
    const found = await trx
      .selectFrom(table)
      .select(['id', 'kiosk_id'])
      .where('id', 'in', missing)
      .execute();
    for (const f of found) owners.set(f.id, f.kiosk_id);
  }
  const seen = new Set<string>();
  return rows.map((r, i): Outcome => {
    const first = !seen.has(r.id);
    seen.add(r.id);
    if (inserted.has(r.id)) return first ? { status: 'stored' } : { status: 'duplicate' };
    const owner = owners.get(r.id);
    if (owner === kioskId) return { status: 'duplicate' };
    if (owner !== undefined)
      return { status: 'rejected', reason: 'this id is already used by another kiosk' };
    return { status: 'rejected', reason: conflictReason(i) };
  });
}
