// The comment feed: customers' comments newest first, narrowed by the shared report filter and
// a search, a page at a time. Pages are keyset pages on (finalized_at, id), read through
// answers_comments_by_time (migration 014): the cursor is the last comment shown, so an answer
// arriving while someone reads goes above what they have seen (or, a queued one from the past,
// below it, still to come) and never shifts a page: nothing already there is skipped or repeated.
import { sql } from 'kysely';
import type { FeedComment } from '../../shared/staff-api.ts';
import type { Storage } from '../db/open.ts';
import { fromJson, toFlag, toIso } from '../db/values.ts';
import { HttpError } from '../errors.ts';
import { followUpLog } from '../follow-up/log.ts';
import { reasonLabelsOf } from '../kiosk-api/surveys.ts';
import { reportAnswers, type AnswerFilter } from './answers.ts';
import { commentMatches } from './comment-search.ts';
import { LocalClock } from './local-clock.ts';
import { atPlacesWithin, choseAnyOf, type Place } from './places.ts';

export interface FeedRequest {
  /** Already checked against who asks, each with its own local days. */
  places: readonly (Place & { from: string; to: string })[];
  filter: Omit<AnswerFilter, 'locationIds' | 'from' | 'to'>;
  reasons?: readonly string[] | undefined;
  words: readonly string[];
  cursor?: string | undefined;
  limit: number;
}

interface Position {
  at: string;
  id: string;
}

const badCursor = () =>
  new HttpError(400, 'invalid_request', 'cursor: not a cursor this feed handed out');

export function encodeCursor(p: Position): string {
  return Buffer.from(JSON.stringify([p.at, p.id])).toString('base64url');
}

export function decodeCursor(cursor: string): Position {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      !Number.isNaN(Date.parse(value[0])) &&
      typeof value[1] === 'string'
    )
      return { at: new Date(value[0]).toISOString(), id: value[1] };
  } catch {
    // Falls through to the 400.
  }
  throw badCursor();
}

function feedQuery(storage: Storage, req: FeedRequest) {
  const after = req.cursor === undefined ? undefined : decodeCursor(req.cursor);
  return reportAnswers(storage.db, req.filter)
    .where('answers.comment', 'is not', null)
    .where(atPlacesWithin(req.places, (p) => p))
    .$if(req.reasons !== undefined, (q) => q.where(choseAnyOf(storage, req.reasons!)))
    .$if(req.words.length > 0, (q) => q.where(commentMatches(storage.engine, req.words)))
    .$if(after !== undefined, (q) =>
      q.where((eb) =>
        eb.or([
          eb('answers.finalized_at', '<', after!.at),
          eb.and([eb('answers.finalized_at', '=', after!.at), eb('answers.id', '<', after!.id)]),
        ]),
      ),
    )
    .innerJoin('locations', 'locations.id', 'answers.location_id')
    .leftJoin('touchpoints', 'touchpoints.id', 'answers.touchpoint_id')
    .select([
      'answers.id',
      'answers.kiosk_id',
      'answers.comment',
      'answers.finalized_at',
      'answers.language',
      'answers.status',
      'answers.smiley',
      'answers.nps',
      'answers.ces',
      'answers.reasons',
      'answers.survey_id',
      'answers.possible_repeat',
      'locations.id as location_id',
      'locations.name as location',
      'locations.time_zone',
      'touchpoints.id as touchpoint_id',
      'touchpoints.name as touchpoint',
      // Whether the customer left a contact (only ever with consent): never the contact itself.
      sql<number | boolean>`answers.contact is not null`.as('has_contact'),
    ])
    .orderBy('answers.finalized_at', 'desc')
    .orderBy('answers.id', 'desc')
    .limit(req.limit + 1);
}

/** How staff left each answer's alert (a folded alert reads as the one it was folded into). */
async function alertsOf(storage: Storage, rows: { id: string; kiosk_id: string }[]) {
  if (!rows.length) return new Map<string, FeedComment['alert']>();
  const found = await storage.db
    .selectFrom('staff_alerts as a')
    .leftJoin('staff_alerts as head', 'head.id', 'a.aggregated_into')
    .select([
      'a.answer_id',
      'a.kiosk_id',
      sql<string>`coalesce(head.status, a.status)`.as('status'),
      sql<string | null>`coalesce(head.outcome, a.outcome)`.as('outcome'),
    ])
    .where(
      'a.answer_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('a.received_at')
    .execute();
  const kioskOf = new Map(rows.map((r) => [r.id, r.kiosk_id]));
  const rank = { open: 0, acknowledged: 1, resolved: 2 } as Record<string, number>;
  const alerts = new Map<string, NonNullable<FeedComment['alert']>>();
  for (const a of found) {
    // Another kiosk's alert naming this answer's id is not about it.
    if (kioskOf.get(a.answer_id!) !== a.kiosk_id) continue;
    const known = alerts.get(a.answer_id!);
    // An answer with two alerts (a low score and a talk-now) reads as the one furthest along.
    if (known && rank[known.status]! >= rank[a.status]!) continue;
    alerts.set(a.answer_id!, {
      status: a.status as NonNullable<FeedComment['alert']>['status'],
      outcome: a.outcome as NonNullable<FeedComment['alert']>['outcome'],
    });
  }
  return alerts;
}

/** One page of the feed and the cursor to the next (null: this was the last). */
export async function commentPage(
  storage: Storage,
  req: FeedRequest,
): Promise<{ comments: FeedComment[]; nextCursor: string | null }> {
  const rows = await feedQuery(storage, req).execute();
  const more = rows.length > req.limit;
  const page = more ? rows.slice(0, req.limit) : rows;
  const alerts = await alertsOf(storage, page);
  const followUps = await followUpLog(
    storage,
    'answer_id',
    page.map((r) => r.id),
  );
  const labels = new Map<string, Map<string, string>>();
  const clock = new LocalClock();
  const comments: FeedComment[] = [];
  for (const r of page) {
    const key = `${r.survey_id} ${r.language}`;
    if (r.survey_id !== null && !labels.has(key))
      labels.set(key, await reasonLabelsOf(storage, r.survey_id, r.language));
    const answered = new Date(toIso(r.finalized_at)!);
    comments.push({
      answerId: r.id,
      comment: r.comment!,
      answeredAt: answered.toISOString(),
      localTime: clock.iso(answered, r.time_zone),
      location: { id: r.location_id, name: r.location },
      touchpoint: r.touchpoint_id === null ? null : { id: r.touchpoint_id, name: r.touchpoint! },
      language: r.language,
      status: r.status,
      smiley: r.smiley,
      nps: r.nps,
      ces: r.ces,
      reasons: fromJson<string[]>(r.reasons).map((id) => ({
        id,
        label: labels.get(key)?.get(id) ?? id,
      })),
      possibleRepeat: toFlag(r.possible_repeat),
      alert: alerts.get(r.id) ?? null,
      ...(toFlag(r.has_contact) && { contactable: true as const }),
      ...(followUps.has(r.id) && { followUps: followUps.get(r.id)! }),
    });
  }
  const last = page.at(-1);
  return {
    comments,
    nextCursor:
      more && last
        ? encodeCursor({ at: new Date(toIso(last.finalized_at)!).toISOString(), id: last.id })
        : null,
  };
}
