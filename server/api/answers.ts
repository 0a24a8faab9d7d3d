// The read API's answers: in the order they last changed (updated, then id), a keyset page at a
// time through answers_by_update (migration 014), so a BI tool pulls everything once and then
// only what changed (updated_since). "Updated" is coalesce(redacted_at, received_at): an answer
// is stored once and only ever changes by losing its comment and contact. The newest
// SETTLE_MS are held back: a batch whose receive time was taken before a slower transaction
// committed could otherwise land behind a cursor a client already passed.
import { sql } from 'kysely';
import type { ApiAnswer, ApiAnswersPage } from '../../shared/read-api.ts';
import type { Storage } from '../db/open.ts';
import { fromJson, toFlag, toIso } from '../db/values.ts';
import { HttpError } from '../errors.ts';

export const SETTLE_MS = 10_000;
export const DEFAULT_PAGE = 100;

const UPDATED = sql<string | Date>`coalesce(answers.redacted_at, answers.received_at)`;

export interface AnswersRequest {
  locationIds: readonly number[];
  updatedSince?: string | undefined;
  cursor?: string | undefined;
  limit: number;
  now: Date;
}

function decode(cursor: string): { at: string; id: string } {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string')
      if (!Number.isNaN(Date.parse(v[0]))) return { at: new Date(v[0]).toISOString(), id: v[1] };
  } catch {
    // Falls through to the 400.
  }
  throw new HttpError(400, 'invalid_request', 'cursor: not a cursor this API handed out');
}

export async function answersPage(storage: Storage, req: AnswersRequest): Promise<ApiAnswersPage> {
  const after = req.cursor === undefined ? undefined : decode(req.cursor);
  const settled = new Date(req.now.getTime() - SETTLE_MS).toISOString();
  const since = req.updatedSince && new Date(req.updatedSince).toISOString();
  const rows = req.locationIds.length
    ? await storage.db
        .selectFrom('answers')
        .innerJoin('locations', 'locations.id', 'answers.location_id')
        .leftJoin('touchpoints', 'touchpoints.id', 'answers.touchpoint_id')
        .where('answers.location_id', 'in', req.locationIds)
        .where(sql<boolean>`${UPDATED} < ${settled}`)
        .$if(since !== undefined, (q) => q.where(sql<boolean>`${UPDATED} >= ${since}`))
        .$if(after !== undefined, (q) =>
          q.where(
            sql<boolean>`(${UPDATED} > ${after!.at} or (${UPDATED} = ${after!.at} and answers.id > ${after!.id}))`,
          ),
        )
        .select([
          'answers.id',
          UPDATED.as('updated_at'),
          'answers.finalized_at',
          'answers.received_at',
          'answers.redacted_at',
          'locations.id as location_id',
          'locations.name as location',
          'locations.external_id',
          'touchpoints.id as touchpoint_id',
          'touchpoints.name as touchpoint',
          'answers.survey_version',
          'answers.language',
          'answers.status',
          'answers.smiley',
          'answers.nps',
          'answers.ces',
          'answers.reasons',
          'answers.comment',
          'answers.possible_repeat',
        ])
        .orderBy(UPDATED)
        .orderBy('answers.id')
        .limit(req.limit + 1)
        .execute()
    : [];
  const more = rows.length > req.limit;
  const page = more ? rows.slice(0, req.limit) : rows;
  const iso = (v: string | Date) => new Date(toIso(v)!).toISOString();
  const answers: ApiAnswer[] = page.map((r) => ({
    id: r.id,
    updatedAt: iso(r.updated_at),
    answeredAt: iso(r.finalized_at),
    receivedAt: iso(r.received_at),
    location: { id: r.location_id, name: r.location, externalId: r.external_id },
    touchpoint: r.touchpoint_id === null ? null : { id: r.touchpoint_id, name: r.touchpoint! },
    surveyVersion: r.survey_version,
    language: r.language,
    status: r.status,
    smiley: r.smiley,
    nps: r.nps,
    ces: r.ces,
    reasons: fromJson<string[]>(r.reasons),
    comment: r.comment,
    possibleRepeat: toFlag(r.possible_repeat),
    redactedAt: r.redacted_at === null ? null : iso(r.redacted_at),
  }));
  const last = answers.at(-1);
  return {
    answers,
    nextCursor:
      more && last
        ? Buffer.from(JSON.stringify([last.updatedAt, last.id])).toString('base64url')
        : null,
  };
}
