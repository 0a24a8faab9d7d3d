// The rows a results view is summed from (figures.ts's View). From the rollup: month rows for the
// whole local months inside a window and day rows for the days at its edges, so a year of 200
// locations is some 2,400 month rows and 6,000 day rows instead of 73,000 day rows. From the
// answers, for a filter the rollup does not cover (language, status, repeats): day rows built
// on the spot. Both give the same figures (tests/unit/results-months.test.ts).
import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import { endOfLocalDay, instantOf, nextDay } from '../../shared/local-time.ts';
import type { CollectorDb, Storage } from '../db/open.ts';
import type { CollectorTables } from '../db/tables.ts';
import { fromJson, toNumber } from '../db/values.ts';
import { reportAnswers, type AnswerFilter } from './answers.ts';
import { countsOf, dayRowsOf, hoursOf, type DayRow } from './day-rows.ts';
import { noSums, type Sums, type View } from './figures.ts';
import { MONTH_DAY_COUNTS, WEEK_HOUR_COUNTS, type MonthRow } from './month-rows.ts';

/** A location and the local days to read there, both included. */
export interface LocationWindow {
  id: number;
  timeZone: string;
  from: string;
  to: string;
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return `${month}-${m === 2 && leap ? 29 : MONTH_LENGTHS[m - 1]}`;
}

/** A window's whole months ("YYYY-MM", first and last) and the day ranges outside them. */
export function splitWindow(
  from: string,
  to: string,
): { months: [string, string] | null; days: [string, string][] } {
  const first = from.endsWith('-01')
    ? from.slice(0, 7)
    : nextDay(lastDayOf(from.slice(0, 7))).slice(0, 7);
  const last =
    lastDayOf(to.slice(0, 7)) === to
      ? to.slice(0, 7)
      : nextDay(`${to.slice(0, 7)}-01`, -1).slice(0, 7);
  if (first > last) return { months: null, days: [[from, to]] };
  const days: [string, string][] = [];
  if (from < `${first}-01`) days.push([from, nextDay(`${first}-01`, -1)]);
  if (lastDayOf(last) < to) days.push([nextDay(lastDayOf(last)), to]);
  return { months: [first, last], days };
}

type Eb<T extends 'results_days' | 'results_months'> = ExpressionBuilder<CollectorTables, T>;

/** Locations sharing a window (most do: they share today) are read by one condition. */
function split(windows: readonly LocationWindow[]) {
  const groups = new Map<string, number[]>();
  for (const w of windows)
    groups.set(`${w.from} ${w.to}`, [...(groups.get(`${w.from} ${w.to}`) ?? []), w.id]);
  return [...groups].map(([range, ids]) => {
    const [from, to] = range.split(' ') as [string, string];
    return { ids, ...splitWindow(from, to) };
  });
}

const inIds = (column: string, ids: readonly number[]) =>
  ids.length ? sql<boolean>`${sql.ref(column)} in (${sql.join(ids)})` : sql<boolean>`1 = 0`;

function dayRowsWhere(windows: readonly LocationWindow[], touchpoints?: readonly number[]) {
  return (eb: Eb<'results_days'>) =>
    eb.and([
      eb.or(
        split(windows).flatMap(({ ids, days }) =>
          days.map(([from, to]) =>
            eb.and([inIds('location_id', ids), eb('day', '>=', from), eb('day', '<=', to)]),
          ),
        ),
      ),
      ...(touchpoints ? [inIds('touchpoint_id', touchpoints)] : []),
    ]);
}

function monthRowsWhere(windows: readonly LocationWindow[], touchpoints?: readonly number[]) {
  return (eb: Eb<'results_months'>) =>
    eb.and([
      eb.or(
        split(windows).flatMap(({ ids, months }) =>
          months
            ? [
                eb.and([
                  inIds('location_id', ids),
                  eb('month', '>=', months[0]),
                  eb('month', '<=', months[1]),
                ]),
              ]
            : [],
        ),
      ),
      ...(touchpoints ? [inIds('touchpoint_id', touchpoints)] : []),
    ]);
}

const COUNTS = [
  'location_id',
  'touchpoint_id',
  'answers',
  'happy',
  'unhappy',
  'promoters',
  'passives',
  'detractors',
  'ces_sum',
  'ces_n',
  'hours',
  'reasons',
] as const;

/** Day rows a query over results_days names, decoded. */
export async function dayRowsFrom(
  query: SelectQueryBuilder<CollectorTables, 'results_days', object>,
): Promise<DayRow[]> {
  const rows = await query.select([...COUNTS, 'day', 'weekday']).execute();
  // Filled in place: a copy of each of a year's rows is garbage the next moment.
  for (const r of rows) {
    const d = r as unknown as { hours: unknown; reasons: unknown };
    d.hours = hoursOf(d.hours as string);
    d.reasons = fromJson<Record<string, [number, number]>>(d.reasons);
  }
  return rows as unknown as DayRow[];
}

/**
 * The rollup's view of these windows (and touchpoints): answers without repeats, every language
 * and status. `closedDays`: each location's closed days, whose rows the heat map leaves out.
 */
export async function rolledUpView(
  db: CollectorDb,
  windows: readonly LocationWindow[],
  touchpoints: readonly number[] | undefined,
  closedDays: ReadonlyMap<number, readonly string[]>,
): Promise<View> {
  if (!windows.length) return { days: [], months: [], closed: [] };
  const days = await dayRowsFrom(
    db.selectFrom('results_days').where(dayRowsWhere(windows, touchpoints)),
  );
  const months = await db
    .selectFrom('results_months')
    .where(monthRowsWhere(windows, touchpoints))
    .select([...COUNTS, 'month', 'days'])
    .execute();
  // Decoded in place, as day rows are.
  for (const r of months) {
    const m = r as unknown as { hours: unknown; days: unknown; reasons: unknown };
    m.hours = countsOf(m.hours as string, WEEK_HOUR_COUNTS);
    m.days = countsOf(m.days as string, MONTH_DAY_COUNTS);
    m.reasons = fromJson<Record<string, [number, number]>>(m.reasons);
  }
  const closedInMonths = windows.flatMap((w) => {
    const { months: span } = splitWindow(w.from, w.to);
    return span
      ? (closedDays.get(w.id) ?? [])
          .filter((d) => d.slice(0, 7) >= span[0] && d.slice(0, 7) <= span[1])
          .map((day) => ({ id: w.id, day }))
      : [];
  });
  const closed = closedInMonths.length
    ? await dayRowsFrom(
        db
          .selectFrom('results_days')
          .where((eb) =>
            eb.and([
              eb.or(
                closedInMonths.map((c) =>
                  eb.and([eb('location_id', '=', c.id), eb('day', '=', c.day)]),
                ),
              ),
              ...(touchpoints ? [inIds('touchpoint_id', touchpoints)] : []),
            ]),
          ),
      )
    : [];
  return { days, months: months as unknown as MonthRow[], closed };
}

/**
 * The windows' counts summed in the database (the previous period's tiles need nothing else):
 * two rows back, one from the edge days and one from the whole months.
 */
export async function rolledUpSums(
  db: CollectorDb,
  windows: readonly LocationWindow[],
  touchpoints: readonly number[] | undefined,
): Promise<Sums> {
  const s = noSums();
  if (!windows.length) return s;
  const total = (column: keyof Sums) =>
    sql<number | string | null>`sum(${sql.ref(column)})`.as(column);
  const columns = Object.keys(s).map((k) => total(k as keyof Sums));
  const rows = [
    await db
      .selectFrom('results_days')
      .where(dayRowsWhere(windows, touchpoints))
      .select(columns)
      .executeTakeFirstOrThrow(),
    await db
      .selectFrom('results_months')
      .where(monthRowsWhere(windows, touchpoints))
      .select(columns)
      .executeTakeFirstOrThrow(),
  ];
  for (const row of rows)
    for (const k of Object.keys(s) as (keyof Sums)[]) s[k] += toNumber(row[k]) ?? 0;
  return s;
}

/** Day rows straight from the answers, for a filter the rollup does not cover. */
export async function answerView(
  storage: Storage,
  windows: readonly LocationWindow[],
  filter: Omit<AnswerFilter, 'locationIds' | 'from' | 'to'>,
): Promise<View> {
  const days: DayRow[] = [];
  for (const w of windows) {
    const from = instantOf(w.from, w.timeZone);
    const to = endOfLocalDay(w.to, w.timeZone);
    const answers = await reportAnswers(storage.db, { ...filter, locationIds: [w.id], from, to })
      .select(['touchpoint_id', 'finalized_at', 'smiley', 'nps', 'ces', 'reasons'])
      .execute();
    days.push(...dayRowsOf(w.id, w.timeZone, answers, from.getTime(), to.getTime()));
  }
  return { days, months: [], closed: [] };
}
