// The one place every report, digest and export reads answers from, so that each figure counts
// the same answers. A tap the kiosk flagged as a possible repeat (the faces pressed again within
// its repeat window) is left out unless the filter asks for it: a customer who pressed twice is
// one customer. Places are the ones the answer was given at (answers.location_id, fixed at
// ingest), never where its kiosk stands now; time is the kiosk's finalized_at, when the customer
// answered, not when a queued answer reached the collector.
import { sql } from 'kysely';
import type { FinalStatus } from '../../shared/answer.ts';
import type { CollectorDb } from '../db/open.ts';

export interface AnswerFilter {
  /** Locations to count; every location when left out. */
  locationIds?: readonly number[];
  touchpointIds?: readonly number[];
  /** Languages the survey was answered in; every language when left out. */
  languages?: readonly string[];
  /** Complete or partial answers only; both when left out. */
  statuses?: readonly FinalStatus[];
  /** [from, to) on finalized_at. */
  from?: Date;
  to?: Date;
  /** Count possible repeats too (default: left out). */
  includeRepeats?: boolean;
}

/** `select … from answers` narrowed by `filter`; callers add their columns and grouping. */
export function reportAnswers(db: CollectorDb, filter: AnswerFilter = {}) {
  const { locationIds, touchpointIds, languages, statuses, from, to } = filter;
  return db
    .selectFrom('answers')
    .$if(!filter.includeRepeats, (q) => q.where(sql<boolean>`not answers.possible_repeat`))
    .$if(locationIds !== undefined, (q) => q.where(oneOf('location_id', locationIds!)))
    .$if(touchpointIds !== undefined, (q) => q.where(oneOf('touchpoint_id', touchpointIds!)))
    .$if(languages !== undefined, (q) => q.where('answers.language', 'in', languages!))
    .$if(statuses !== undefined, (q) => q.where('answers.status', 'in', statuses!))
    .$if(from !== undefined, (q) => q.where('answers.finalized_at', '>=', from!.toISOString()))
    .$if(to !== undefined, (q) => q.where('answers.finalized_at', '<', to!.toISOString()));
}

/** `column in (ids)`; an empty list keeps nothing (SQL has no empty `in ()`). */
function oneOf(column: 'location_id' | 'touchpoint_id', ids: readonly number[]) {
  return ids.length
    ? sql<boolean>`${sql.ref(`answers.${column}`)} in (${sql.join(ids)})`
    : sql<boolean>`1 = 0`;
}
