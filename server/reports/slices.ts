// The results rollup in slices (migration 025). The default view (every language and status,
// possible repeats left out) is summed from results_days and results_months; a view filtered by
// language, complete/partial or "include repeats" is summed from the same rows kept once more per
// language, status and repeat flag, so it costs about what the default view costs instead of a
// read of every answer in its window (4-7 s for 30 days of 10M answers on PostgreSQL).
// Each answer is counted in its own slice (en, complete, 0) and in the slices that stand for
// "every language" or "every status" (en, *, 0), (*, complete, 0), and a repeat also in (*, *, 1):
// so a view by one language reads one row per desk and month, as the default view does, not one
// per status; the year view with repeats reads the default rows and one row of all repeats, not
// one per language and status (2.4 times the default view's time at 1M answers, measured). The
// default view keeps rows of its own, (*, *, 0) in effect.
import { sql, type RawBuilder } from 'kysely';
import type { FinalStatus } from '../../shared/answer.ts';
import { toFlag } from '../db/values.ts';

/** Which answers a slice row counts. */
export interface Slice {
  language: string;
  status: string;
  /** 1: only possible repeats; 0: only the others. */
  repeats: number;
}

/** What a view counts: these languages and statuses (every one when left out), repeats or not. */
export interface SliceFilter {
  languages?: readonly string[] | undefined;
  statuses?: readonly FinalStatus[] | undefined;
  includeRepeats?: boolean | undefined;
}

/** Where a view's rows come from: the default rows, or slice rows their condition keeps. */
export type RowSource = { slices: false } | { slices: true; where: RawBuilder<boolean> };

export const DEFAULT_ROWS: readonly RowSource[] = [{ slices: false }];

/** A slice's language or status that stands for every one. */
export const EVERY = '*';

const oneOf = (column: string, values: readonly string[]) =>
  values.length ? sql<boolean>`${sql.ref(column)} in (${sql.join(values)})` : sql<boolean>`1 = 0`;

/** The rows a filter's view is summed from: one slice per language and status it names. */
export function sourcesOf(f: SliceFilter): readonly RowSource[] {
  if (!f.languages && !f.statuses && !f.includeRepeats) return DEFAULT_ROWS;
  const where = sql<boolean>`${oneOf('language', f.languages ?? [EVERY])}
    and ${oneOf('status', f.statuses ?? [EVERY])}`;
  if (!f.languages && !f.statuses)
    return [...DEFAULT_ROWS, { slices: true, where: sql<boolean>`${where} and repeats = 1` }];
  return [
    { slices: true, where: f.includeRepeats ? where : sql<boolean>`${where} and repeats = 0` },
  ];
}

/** The slices an answer is counted in, from its columns. */
export function slicesOfAnswer(a: {
  language: string;
  status: string;
  possible_repeat: unknown;
}): Slice[] {
  const repeats = toFlag(a.possible_repeat) ? 1 : 0;
  const slices = [
    { language: a.language, status: a.status, repeats },
    { language: a.language, status: EVERY, repeats },
    { language: EVERY, status: a.status, repeats },
  ];
  if (repeats) slices.push({ language: EVERY, status: EVERY, repeats });
  return slices;
}

/** Items grouped by the slices each is counted in, each group with its slice. */
export function bySlice<T>(
  items: Iterable<T>,
  slicesOf: (item: T) => readonly Slice[],
): { slice: Slice; items: T[] }[] {
  const groups = new Map<string, { slice: Slice; items: T[] }>();
  for (const item of items)
    for (const slice of slicesOf(item)) {
      const key = `${slice.language} ${slice.status} ${slice.repeats}`;
      const group = groups.get(key);
      if (group) group.items.push(item);
      else groups.set(key, { slice, items: [item] });
    }
  return [...groups.values()];
}
