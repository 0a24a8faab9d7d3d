// The results rollup (results_days, migration 013): what the results page sums instead of reading
// every answer of a year. Kept by marking, not by counting at ingest: the ingest transaction only
// notes (location, UTC day) in results_dirty (markDirty, one small insert per batch), and the next
// reader rolls those days up again from the answers themselves (refreshRollup). A day rebuilt from
// its answers is right whatever happened to them (a late queued answer, a partial answer replaced,
// a location's zone changed), which counters bumped at ingest would have to get right case by case.
// Concurrency: a reader takes the dirty marks it rebuilds in its own transaction; a mark written by
// an ingest that commits later stays, and is rebuilt by the next read.
import { sql } from 'kysely';
import { endOfLocalDay, instantOf, localDay } from '../../shared/local-time.ts';
import { writeTransaction, type CollectorDb, type Storage } from '../db/open.ts';
import { fromJson, toNumber } from '../db/values.ts';
import { reportAnswers, type AnswerFilter } from './answers.ts';
import { dayRowsOf, hoursOf, hoursText, type DayRow } from './day-rows.ts';
import { noSums, type Sums } from './figures.ts';

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

/** Rolls up every dirty day; cheap (one read) when none is. */
export async function refreshRollup(storage: Storage): Promise<void> {
  const any = await storage.db.selectFrom('results_dirty').select('location_id').limit(1).execute();
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
  });
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

/** Rebuilds the local days that a run of UTC days touches, from their answers. */
async function rollUp(trx: CollectorDb, locationId: number, zone: string, utcDays: string[]) {
  const firstDay = localDay(Date.parse(`${utcDays[0]}T00:00:00Z`), zone);
  const lastDay = localDay(
    Date.parse(`${utcDays[utcDays.length - 1]}T00:00:00Z`) + DAY_MS - 1,
    zone,
  );
  const from = instantOf(firstDay, zone);
  const to = endOfLocalDay(lastDay, zone);
  const answers = await reportAnswers(trx, { locationIds: [locationId], from, to })
    .select(['touchpoint_id', 'finalized_at', 'smiley', 'nps', 'ces', 'reasons'])
    .execute();
  const rows = dayRowsOf(locationId, zone, answers, from.getTime(), to.getTime());
  await trx
    .deleteFrom('results_days')
    .where('location_id', '=', locationId)
    .where('day', '>=', firstDay)
    .where('day', '<=', lastDay)
    .execute();
  // Some 20 rows per statement: under SQLite's and PostgreSQL's bound-parameter limits.
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('results_days')
      .values(rows.slice(i, i + 500).map(stored))
      .onConflict((oc) =>
        oc.columns(['location_id', 'day', 'touchpoint_id']).doUpdateSet((eb) => ({
          answers: eb.ref('excluded.answers'),
          happy: eb.ref('excluded.happy'),
          unhappy: eb.ref('excluded.unhappy'),
          promoters: eb.ref('excluded.promoters'),
          passives: eb.ref('excluded.passives'),
          detractors: eb.ref('excluded.detractors'),
          ces_sum: eb.ref('excluded.ces_sum'),
          ces_n: eb.ref('excluded.ces_n'),
          hours: eb.ref('excluded.hours'),
          reasons: eb.ref('excluded.reasons'),
        })),
      )
      .execute();
}

const stored = (row: DayRow) => ({
  ...row,
  hours: hoursText(row.hours),
  reasons: JSON.stringify(row.reasons),
});

/** A location and the local days to read there, both included. */
export interface LocationWindow {
  id: number;
  timeZone: string;
  from: string;
  to: string;
}

/** The rollup's rows of these windows (and touchpoints); callers choose the columns. */
function windowRows(
  storage: Storage,
  windows: readonly LocationWindow[],
  touchpointIds: readonly number[] | undefined,
) {
  // Locations sharing a window (most do: they share today) are one condition.
  const groups = new Map<string, number[]>();
  for (const w of windows)
    groups.set(`${w.from} ${w.to}`, [...(groups.get(`${w.from} ${w.to}`) ?? []), w.id]);
  return storage.db
    .selectFrom('results_days')
    .where((eb) =>
      eb.or(
        [...groups].map(([range, ids]) => {
          const [from, to] = range.split(' ') as [string, string];
          return eb.and([
            sql<boolean>`location_id in (${sql.join(ids)})`,
            eb('day', '>=', from),
            eb('day', '<=', to),
          ]);
        }),
      ),
    )
    .$if(touchpointIds !== undefined, (q) =>
      q.where(
        touchpointIds!.length
          ? sql<boolean>`touchpoint_id in (${sql.join(touchpointIds!)})`
          : sql<boolean>`1 = 0`,
      ),
    );
}

/**
 * The windows' counts summed in the database (the previous period's tiles need nothing else):
 * one row back instead of a row per location, touchpoint and day.
 */
export async function rolledUpSums(
  storage: Storage,
  windows: readonly LocationWindow[],
  touchpointIds: readonly number[] | undefined,
): Promise<Sums> {
  const zero = noSums();
  if (!windows.length) return zero;
  const total = (column: keyof Sums) =>
    sql<number | string | null>`sum(${sql.ref(column)})`.as(column);
  const row = await windowRows(storage, windows, touchpointIds)
    .select([
      total('answers'),
      total('happy'),
      total('promoters'),
      total('passives'),
      total('detractors'),
      total('ces_sum'),
      total('ces_n'),
    ])
    .executeTakeFirstOrThrow();
  return Object.fromEntries(
    Object.keys(zero).map((k) => [k, toNumber(row[k as keyof Sums]) ?? 0]),
  ) as unknown as Sums;
}

/** Day rows from the rollup (answers without repeats, every language and status). */
export async function rolledUpRows(
  storage: Storage,
  windows: readonly LocationWindow[],
  touchpointIds: readonly number[] | undefined,
): Promise<DayRow[]> {
  if (!windows.length) return [];
  const rows = await windowRows(storage, windows, touchpointIds)
    .select([
      'location_id',
      'touchpoint_id',
      'day',
      'weekday',
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
    ])
    .execute();
  // Filled in place: a copy of each of a year's rows is garbage the next moment.
  for (const r of rows) {
    const d = r as unknown as { hours: unknown; reasons: unknown };
    d.hours = hoursOf(d.hours as string);
    d.reasons = fromJson<Record<string, [number, number]>>(d.reasons);
  }
  return rows as unknown as DayRow[];
}

/** Day rows straight from the answers, for a filter the rollup does not cover. */
export async function answerRows(
  storage: Storage,
  windows: readonly LocationWindow[],
  filter: Omit<AnswerFilter, 'locationIds' | 'from' | 'to'>,
): Promise<DayRow[]> {
  const out: DayRow[] = [];
  for (const w of windows) {
    const from = instantOf(w.from, w.timeZone);
    const to = endOfLocalDay(w.to, w.timeZone);
    const answers = await reportAnswers(storage.db, { ...filter, locationIds: [w.id], from, to })
      .select(['touchpoint_id', 'finalized_at', 'smiley', 'nps', 'ces', 'reasons'])
      .execute();
    out.push(...dayRowsOf(w.id, w.timeZone, answers, from.getTime(), to.getTime()));
  }
  return out;
}
