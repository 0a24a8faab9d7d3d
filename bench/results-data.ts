// The results benches' data: BENCH_ANSWERS (1,000,000) answers over two years at
// BENCH_LOCATIONS (200) locations in six time zones, generated straight into the database in
// SQL (no per-row round trip), with every answer's day marked for the rollup. Shared by
// bench/results.ts and bench/digest.ts.
import { sql } from 'kysely';
import type { Storage } from '../server/db/open.ts';
import { withAnswersBare } from './bulk-load.ts';

export const ANSWERS = Number(process.env.BENCH_ANSWERS ?? 1_000_000);
export const LOCATIONS = Number(process.env.BENCH_LOCATIONS ?? 200);
const ZONES = [
  'Europe/Tallinn',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'Asia/Singapore',
  'Australia/Sydney',
];
const SPAN_S = 2 * 365 * 86_400;
const CHUNK = 1_000_000;

/** A manager's account as placesInScope reads it: every location. */
export const MANAGER = {
  id: 'b',
  username: 'b',
  displayName: 'B',
  role: 'manager',
  locations: [],
} as never;

/** Fills an empty, migrated collector database; answers end at `now`. */
export async function generate(
  storage: Storage,
  now: Date,
  answers = ANSWERS,
  locations = LOCATIONS,
): Promise<void> {
  const start = Math.floor(now.getTime() / 1000) - SPAN_S;
  const db = storage.db;
  const at = new Date(start * 1000).toISOString();
  for (let i = 1; i <= locations; i++) {
    await db
      .insertInto('locations')
      .values({
        name: `Store ${i}`,
        time_zone: ZONES[i % ZONES.length]!,
        closed_days: '[]',
        hours: JSON.stringify({
          mon: [['08:00', '20:00']],
          tue: [['08:00', '20:00']],
          wed: [['08:00', '20:00']],
          thu: [['08:00', '20:00']],
          fri: [['08:00', '20:00']],
          sat: [['09:00', '18:00']],
        }),
        created_at: at,
      })
      .execute();
    await db
      .insertInto('touchpoints')
      .values({ location_id: i, name: 'Desk', created_at: at })
      .execute();
    await db
      .insertInto('kiosks')
      .values({
        id: `k${i}`,
        token_hash: `h${i}`,
        touchpoint_id: i,
        enrolled_at: at,
        clock_skew_ms: 0,
        clock_flagged: 0,
      })
      .execute();
  }
  const pg = storage.engine === 'postgres';
  // Constants as SQL literals: a bound JS number is a REAL to SQLite, and seq is an INTEGER.
  const L = sql.raw(String(locations));
  const step = sql.raw(String(SPAN_S / answers));
  const from = sql.raw(String(start));
  // Row n: location 1 + n % LOCATIONS, spread evenly over the two years; scores from the row's
  // own hash, so the generator needs no per-row round trip. PostgreSQL: a million rows a
  // statement into the bare table (bench/bulk-load.ts), so a 10-million load shows progress and
  // no statement holds everything at once.
  const rows = (lo: number, hi: number) =>
    pg
      ? sql`generate_series(${sql.raw(String(lo))}, ${sql.raw(String(hi))}) as s(n)`
      : sql`(with recursive s(n) as (select ${sql.raw(String(lo))} union all select n + 1 from s where n < ${sql.raw(String(hi))}) select n from s) as s`;
  const h = (salt: number) =>
    pg
      ? sql.raw(`abs(hashint4(n * ${salt}))`)
      : sql.raw(`abs((n * 2654435761 + ${salt}) % 1000003)`);
  const instant = pg
    ? sql`to_timestamp(${from} + n * ${step})`
    : sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${from} + n * ${step}, 'unixepoch')`;
  const insert = (lo: number, hi: number) =>
    sql`insert into answers (id, kiosk_id, seq, survey_version, status, language, started_at, finalized_at,
      smiley, reasons, nps, ces, comment, contact, talk_now, possible_repeat, device_sent_at, received_at,
      location_id, touchpoint_id, survey_id)
    select ${pg ? sql`md5(n::text)::uuid` : sql`printf('%032x', n)`}, 'k' || (1 + n % ${L}), 1 + n / ${L}, 'v1',
      case when ${h(7)} % 12 = 0 then 'partial' else 'complete' end,
      case when ${h(11)} % 4 = 0 then 'et' else 'en' end, ${instant}, ${instant},
      1 + ${h(13)} % 5,
      ${pg ? sql`case when ${h(17)} % 3 = 0 then '["wait-time"]'::jsonb else '[]'::jsonb end` : sql`case when ${h(17)} % 3 = 0 then '["wait-time"]' else '[]' end`},
      ${h(19)} % 11, case when ${h(23)} % 2 = 0 then 1 + ${h(29)} % 7 end, null, null, ${pg ? sql`false` : sql`0`},
      ${pg ? sql`${h(31)} % 50 = 0` : sql`${h(31)} % 50 = 0`}, ${instant}, ${instant},
      1 + n % ${L}, 1 + n % ${L}, null
    from ${rows(lo, hi)}`.execute(db);
  if (pg)
    await withAnswersBare(storage, async () => {
      for (let lo = 0; lo < answers; lo += CHUNK)
        await insert(lo, Math.min(lo + CHUNK, answers) - 1);
    });
  else await insert(0, answers - 1);
  const utcDay = pg
    ? sql`to_char(finalized_at at time zone 'UTC', 'YYYY-MM-DD')`
    : sql`substr(finalized_at, 1, 10)`;
  await sql`insert into results_dirty (location_id, utc_day)
    select distinct location_id, ${utcDay} from answers`.execute(db);
}
