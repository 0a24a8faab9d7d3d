// The results rollup (results_days, migration 013, results_months, 023, and their slices per
// language, status and repeat flag, 025): what the results page sums instead of reading every
// answer of a year. Kept by marking, not by counting at ingest: the
// ingest transaction only notes (location, UTC day) in results_dirty (markDirty, one small insert
// per batch), and the next reader rolls those days up again from the answers themselves
// (refreshRollup), then sums the months whose days changed from their day rows. A day rebuilt from
// its answers is right whatever happened to them (a late queued answer, a partial answer replaced,
// a location's zone changed), which counters bumped at ingest would have to get right case by case.
// Concurrency: a reader takes the dirty marks it rebuilds in its own transaction; a mark written by
// an ingest that commits later stays, and is rebuilt by the next read. view-rows.ts reads it.
import { sql } from 'kysely';
import { endOfLocalDay, instantOf, localDay, offsetSpans } from '../../shared/local-time.ts';
import { writeTransaction, type CollectorDb, type Storage } from '../db/open.ts';
import { toFlag } from '../db/values.ts';
import { reportAnswers } from './answers.ts';
import { dayRowsIn, hoursText, type AnswerFacts, type DayRow } from './day-rows.ts';
import { countsText, monthRowsOf, type MonthRow } from './month-rows.ts';
import { bySlice, slicesOfAnswer, type Slice } from './slices.ts';
import { DAY_COLUMNS, decodedDays } from './view-rows.ts';

const DAY_MS = 86_400_000;

/** In the ingest transaction: these answers' days need rolling up again. */
export async function markDirty(
  trx: CollectorDb,
  answers: readonly { location_id?: number | null; finalized_at: string }[],
): Promise<void> {
  const keys = new Map<string, { location_id: number; utc_day: string }>();
  for (const a of answers)
    if (a.location_id !== null && a.location_id !== undefined) {
      const utcDay = a.finalized_at.slice(0, 10);
      keys.set(`${a.location_id} ${utcDay}`, { location_id: a.location_id, utc_day: utcDay });
    }
  if (!keys.size) return;
  await trx
    .insertInto('results_dirty')
    .values([...keys.values()])
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Rolls up every dirty day, then every month whose days changed; cheap when none did. */
export async function refreshRollup(storage: Storage): Promise<void> {
  const any = await storage.db
    .selectFrom('results_dirty')
    .select('location_id')
    .union(storage.db.selectFrom('results_months_dirty').select('location_id'))
    .limit(1)
    .execute();
  if (!any.length) return;
  await writeTransaction(storage, async (trx) => {
    const dirty = await trx
      .deleteFrom('results_dirty')
      .returning(['location_id', 'utc_day'])
      .execute();
    const zones = new Map(
      (await trx.selectFrom('locations').select(['id', 'time_zone']).execute()).map((l) => [
        l.id,
        l.time_zone,
      ]),
    );
    const byLocation = new Map<number, string[]>();
    for (const d of dirty) {
      const days = byLocation.get(d.location_id);
      if (days) days.push(d.utc_day);
      else byLocation.set(d.location_id, [d.utc_day]);
    }
    for (const [locationId, utcDays] of byLocation) {
      const zone = zones.get(locationId);
      if (zone) for (const run of runsOf(utcDays.sort())) await rollUp(trx, locationId, zone, run);
    }
    const months = await trx
      .deleteFrom('results_months_dirty')
      .returning(['location_id', 'month'])
      .execute();
    for (const { location_id, month } of months) await sumMonth(trx, location_id, month);
  });
}

/** A location's rollup goes (its zone changed); the caller marks its answers dirty again. */
export async function forgetRollup(trx: CollectorDb, locationId: number): Promise<void> {
  await trx.deleteFrom('results_days').where('location_id', '=', locationId).execute();
  await trx.deleteFrom('results_months').where('location_id', '=', locationId).execute();
  await trx.deleteFrom('results_slice_days').where('location_id', '=', locationId).execute();
  await trx.deleteFrom('results_slice_months').where('location_id', '=', locationId).execute();
}

/**
 * Sorted UTC days cut where a day is missing: each run is rolled up on its own. One range from
 * the first to the last would span from a kiosk clock's year 1 to another's year 9999, and
 * walking ten thousand years of time-zone offsets blocked the collector for tens of seconds.
 */
function runsOf(days: readonly string[]): string[][] {
  const runs: string[][] = [];
  let previous = Number.NaN;
  for (const day of days) {
    const t = Date.parse(`${day}T00:00:00Z`);
    if (t - previous === DAY_MS) runs.at(-1)!.push(day);
    else runs.push([day]);
    previous = t;
  }
  return runs;
}

/** Rebuilds the local days that a run of UTC days touches, from their answers, slices too. */
async function rollUp(trx: CollectorDb, locationId: number, zone: string, utcDays: string[]) {
  const firstDay = localDay(Date.parse(`${utcDays[0]}T00:00:00Z`), zone);
  const lastDay = localDay(
    Date.parse(`${utcDays[utcDays.length - 1]}T00:00:00Z`) + DAY_MS - 1,
    zone,
  );
  const from = instantOf(firstDay, zone);
  const to = endOfLocalDay(lastDay, zone);
  const answers = await reportAnswers(trx, {
    locationIds: [locationId],
    from,
    to,
    includeRepeats: true,
  })
    .select([
      'touchpoint_id',
      'finalized_at',
      'smiley',
      'nps',
      'ces',
      'reasons',
      'language',
      'status',
      'possible_repeat',
    ])
    .execute();
  const spans = offsetSpans(from.getTime(), to.getTime() + 1, zone);
  const daysOf = (group: Iterable<AnswerFacts>) => dayRowsIn(locationId, spans, group);
  const rows = daysOf(answers.filter((a) => !toFlag(a.possible_repeat)));
  const slices = bySlice(answers, slicesOfAnswer).flatMap(({ slice, items }) =>
    daysOf(items).map((row) => ({ ...row, ...slice })),
  );
  for (const table of ['results_days', 'results_slice_days'] as const)
    await trx
      .deleteFrom(table)
      .where('location_id', '=', locationId)
      .where('day', '>=', firstDay)
      .where('day', '<=', lastDay)
      .execute();
  // Some 20 rows per statement: under SQLite's and PostgreSQL's bound-parameter limits.
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('results_days')
      .values(rows.slice(i, i + 500).map(stored))
      .execute();
  for (let i = 0; i < slices.length; i += 500)
    await trx
      .insertInto('results_slice_days')
      .values(slices.slice(i, i + 500).map(stored))
      .execute();
  const months = new Set<string>();
  // Walked to an equal month, not while "<=": the month after 9999-12 sorts before it as text.
  for (let m = firstDay.slice(0, 7); ; m = nextMonth(m)) {
    months.add(m);
    if (m >= lastDay.slice(0, 7)) break;
  }
  await trx
    .insertInto('results_months_dirty')
    .values([...months].map((month) => ({ location_id: locationId, month })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12
    ? `${String(y + 1).padStart(4, '0')}-01`
    : `${month.slice(0, 5)}${String(m + 1).padStart(2, '0')}`;
}

/** Sums a location's month again from its day rows, slices too (none left: the month rows go). */
async function sumMonth(trx: CollectorDb, locationId: number, month: string): Promise<void> {
  const inMonth = sql<boolean>`location_id = ${locationId} and day >= ${`${month}-01`} and day <= ${`${month}-31`}`;
  const days = decodedDays(
    await trx.selectFrom('results_days').where(inMonth).select(DAY_COLUMNS).execute(),
  );
  const sliceDays = decodedDays(
    await trx
      .selectFrom('results_slice_days')
      .where(inMonth)
      .select([...DAY_COLUMNS, 'language', 'status', 'repeats'])
      .execute(),
  ) as (DayRow & Slice)[];
  for (const table of ['results_months', 'results_slice_months'] as const)
    await trx
      .deleteFrom(table)
      .where('location_id', '=', locationId)
      .where('month', '=', month)
      .execute();
  const rows = monthRowsOf(days);
  if (rows.length) await trx.insertInto('results_months').values(rows.map(storedMonth)).execute();
  const slices = bySlice(sliceDays, (d) => [d]).flatMap(({ slice, items }) =>
    monthRowsOf(items).map((row) => ({
      ...storedMonth(row),
      language: slice.language,
      status: slice.status,
      repeats: slice.repeats,
    })),
  );
  for (let i = 0; i < slices.length; i += 500)
    await trx
      .insertInto('results_slice_months')
      .values(slices.slice(i, i + 500))
      .execute();
}

const storedMonth = (row: MonthRow) => ({
  ...row,
  hours: countsText(row.hours),
  days: countsText(row.days),
  reasons: JSON.stringify(row.reasons),
});

const stored = <R extends DayRow>(row: R) => ({
  ...row,
  hours: hoursText(row.hours),
  reasons: JSON.stringify(row.reasons),
});
