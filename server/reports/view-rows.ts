// The rows a results view is summed from (figures.ts's View): month rows for the whole local
// months inside a window and day rows for the days at its edges, so a year of 200 locations is
// some 2,400 month rows and 6,000 day rows instead of 73,000 day rows; from the default rows, or
// from the slices a filter by language, status or repeats names (slices.ts). Both give the
// figures the answers give (tests/unit/results-months.test.ts).
import { sql, type ExpressionBuilder } from 'kysely';
import { nextDay } from '../../shared/local-time.ts';
import type { CollectorDb } from '../db/open.ts';
import type { CollectorTables } from '../db/tables.ts';
import type { ResultsDayTable, ResultsMonthTable } from './tables.ts';
import { fromJson, toNumber } from '../db/values.ts';
import { countsOf, hoursOf, type DayRow } from './day-rows.ts';
import { noSums, type Sums, type View } from './figures.ts';
import { MONTH_DAY_COUNTS, WEEK_HOUR_COUNTS, type MonthRow } from './month-rows.ts';
import { DEFAULT_ROWS, type RowSource } from './slices.ts';

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

/**
 * results_days, or results_slice_days narrowed to a source's slices, read under the name
 * results_days: the slice table holds every column of the other, and the queries below name no
 * slice column but the source's own condition.
 */
function dayTable(db: CollectorDb, source: RowSource) {
  return source.slices
    ? db.selectFrom(sql<ResultsDayTable>`results_slice_days`.as('results_days')).where(source.where)
    : db.selectFrom('results_days');
}

/** results_months, or results_slice_months narrowed, as dayTable does with days. */
function monthTable(db: CollectorDb, source: RowSource) {
  return source.slices
    ? db
        .selectFrom(sql<ResultsMonthTable>`results_slice_months`.as('results_months'))
        .where(source.where)
    : db.selectFrom('results_months');
}

export const DAY_COLUMNS = [...COUNTS, 'day', 'weekday'] as const;

/** Day rows as read (hours and reasons as stored text), decoded in place. */
export function decodedDays(rows: readonly unknown[]): DayRow[] {
  // Filled in place: a copy of each of a year's rows is garbage the next moment.
  for (const r of rows) {
    const d = r as { hours: unknown; reasons: unknown };
    d.hours = hoursOf(d.hours as string);
    d.reasons = fromJson<Record<string, [number, number]>>(d.reasons);
  }
  return rows as DayRow[];
}

/**
 * The rollup's view of these windows (and touchpoints), from each of `sources` (the default rows:
 * answers without repeats, every language and status). `closedDays`: each location's closed days,
 * whose rows the heat map leaves out.
 */
export async function rolledUpView(
  db: CollectorDb,
  windows: readonly LocationWindow[],
  touchpoints: readonly number[] | undefined,
  closedDays: ReadonlyMap<number, readonly string[]>,
  sources: readonly RowSource[] = DEFAULT_ROWS,
): Promise<View> {
  const view: { days: DayRow[]; months: MonthRow[]; closed: DayRow[] } = {
    days: [],
    months: [],
    closed: [],
  };
  if (!windows.length) return view;
  const closedInMonths = windows.flatMap((w) => {
    const { months: span } = splitWindow(w.from, w.to);
    return span
      ? (closedDays.get(w.id) ?? [])
          .filter((d) => d.slice(0, 7) >= span[0] && d.slice(0, 7) <= span[1])
          .map((day) => ({ id: w.id, day }))
      : [];
  });
  for (const source of sources) {
    view.days.push(
      ...decodedDays(
        await dayTable(db, source)
          .where(dayRowsWhere(windows, touchpoints))
          .select(DAY_COLUMNS)
          .execute(),
      ),
    );
    const months = await monthTable(db, source)
      .where(monthRowsWhere(windows, touchpoints))
      .select([...COUNTS, 'month', 'days'])
      .execute();
    // Decoded in place, as day rows are.
    for (const r of months) {
      const m = r as unknown as { hours: unknown; days: unknown; reasons: unknown };
      m.hours = countsOf(m.hours as string, WEEK_HOUR_COUNTS);
      m.days = countsOf(m.days as string, MONTH_DAY_COUNTS);
      m.reasons = fromJson<Record<string, [number, number]>>(m.reasons);
      view.months.push(r as unknown as MonthRow);
    }
    if (closedInMonths.length)
      view.closed.push(
        ...decodedDays(
          await dayTable(db, source)
            .where((eb) =>
              eb.and([
                eb.or(
                  closedInMonths.map((c) =>
                    eb.and([eb('location_id', '=', c.id), eb('day', '=', c.day)]),
                  ),
                ),
                ...(touchpoints ? [inIds('touchpoint_id', touchpoints)] : []),
              ]),
            )
            .select(DAY_COLUMNS)
            .execute(),
        ),
      );
  }
  return view;
}

/**
 * The windows' counts summed in the database (the previous period's tiles need nothing else):
 * two rows back per source, one from the edge days and one from the whole months.
 */
export async function rolledUpSums(
  db: CollectorDb,
  windows: readonly LocationWindow[],
  touchpoints: readonly number[] | undefined,
  sources: readonly RowSource[] = DEFAULT_ROWS,
): Promise<Sums> {
  const s = noSums();
  if (!windows.length) return s;
  const total = (column: keyof Sums) =>
    sql<number | string | null>`sum(${sql.ref(column)})`.as(column);
  const columns = Object.keys(s).map((k) => total(k as keyof Sums));
  for (const source of sources) {
    const rows = [
      await dayTable(db, source)
        .where(dayRowsWhere(windows, touchpoints))
        .select(columns)
        .executeTakeFirstOrThrow(),
      await monthTable(db, source)
        .where(monthRowsWhere(windows, touchpoints))
        .select(columns)
        .executeTakeFirstOrThrow(),
    ];
    for (const row of rows)
      for (const k of Object.keys(s) as (keyof Sums)[]) s[k] += toNumber(row[k]) ?? 0;
  }
  return s;
}
