// Results page speed: BENCH_ANSWERS (1,000,000) answers over two years at BENCH_LOCATIONS (200)
// locations in six time zones, generated straight into a fresh SQLite file in SQL (or, with
// BENCH_ENGINE=postgres and LASTWORD_TEST_PG_URL, a fresh PostgreSQL schema), then the rollup
// built once (timed: what the first read after a bulk load pays), then each results request
// (`resultsOf`, what GET /staff/api/results runs) timed BENCH_RUNS (20) times for a 30-day and a
// 1-year window over every location, and a 30-day window with a language filter (read from the
// answers, not the rollup). Prints one JSON object; target p95 ≤ 300 ms.
//
//   node bench/results.ts
import { join } from 'node:path';
import { sql } from 'kysely';
import { openStorage, type Storage } from '../server/db/open.ts';
import type { ResultsQuery } from '../server/reports/filter.ts';
import { placesInScope } from '../server/reports/places.ts';
import { resultsOf } from '../server/reports/results.ts';
import { refreshRollup } from '../server/reports/rollup.ts';
import { freshPostgresSchema } from '../tests/support/collector.ts';
import { tempDir } from '../tests/support/tmp.ts';
import { percentile } from './latency-stats.ts';

const ANSWERS = Number(process.env.BENCH_ANSWERS ?? 1_000_000);
const LOCATIONS = Number(process.env.BENCH_LOCATIONS ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const ENGINE = process.env.BENCH_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
const ZONES = [
  'Europe/Tallinn',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'Asia/Singapore',
  'Australia/Sydney',
];
const SPAN_S = 2 * 365 * 86_400;
const now = new Date();
const start = Math.floor(now.getTime() / 1000) - SPAN_S;
const manager = {
  id: 'b',
  username: 'b',
  displayName: 'B',
  role: 'manager',
  locations: [],
} as never;

async function generate(storage: Storage): Promise<void> {
  const db = storage.db;
  const at = new Date(start * 1000).toISOString();
  for (let i = 1; i <= LOCATIONS; i++) {
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
  const L = sql.raw(String(LOCATIONS));
  const last = sql.raw(String(ANSWERS - 1));
  const step = sql.raw(String(SPAN_S / ANSWERS));
  const from = sql.raw(String(start));
  // Row n: location 1 + n % LOCATIONS, spread evenly over the two years; scores from the row's
  // own hash, so the generator needs no per-row round trip.
  const series = pg
    ? sql`generate_series(0, ${last}) as s(n)`
    : sql`(with recursive s(n) as (select 0 union all select n + 1 from s where n < ${last}) select n from s) as s`;
  const h = (salt: number) =>
    pg
      ? sql.raw(`abs(hashint4(n * ${salt}))`)
      : sql.raw(`abs((n * 2654435761 + ${salt}) % 1000003)`);
  const instant = pg
    ? sql`to_timestamp(${from} + n * ${step})`
    : sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${from} + n * ${step}, 'unixepoch')`;
  await sql`insert into answers (id, kiosk_id, seq, survey_version, status, language, started_at, finalized_at,
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
    from ${series}`.execute(db);
  const utcDay = pg
    ? sql`to_char(finalized_at at time zone 'UTC', 'YYYY-MM-DD')`
    : sql`substr(finalized_at, 1, 10)`;
  await sql`insert into results_dirty (location_id, utc_day)
    select distinct location_id, ${utcDay} from answers`.execute(db);
}

async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function main(): Promise<void> {
  const tmp = tempDir('lastword-bench-results-');
  const schema =
    ENGINE === 'postgres' ? await freshPostgresSchema(process.env.LASTWORD_TEST_PG_URL!) : null;
  const storage = await openStorage(
    schema ? { databaseUrl: schema.url } : { sqlitePath: join(tmp.path, 'collector.sqlite') },
  );
  try {
    const generateMs = await timed(() => generate(storage));
    const rollupMs = await timed(() => refreshRollup(storage));
    const scope = await placesInScope(storage.db, manager, {}, 'see');
    const requests: Record<string, ResultsQuery> = {
      '30d': { period: '30d' },
      year: { period: 'year' },
      '30d_language_filter': { period: '30d', lang: ['en'] },
    };
    const out: Record<string, { p50_ms: number; p95_ms: number; max_ms: number }> = {};
    for (const [name, query] of Object.entries(requests)) {
      await resultsOf(storage, query, scope, now);
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++)
        times.push(await timed(() => resultsOf(storage, query, scope, now)));
      times.sort((a, b) => a - b);
      out[name] = {
        p50_ms: Math.round(percentile(times, 50)),
        p95_ms: Math.round(percentile(times, 95)),
        max_ms: Math.round(times.at(-1)!),
      };
    }
    const rolled = await storage.db
      .selectFrom('results_days')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    process.stdout.write(
      `${JSON.stringify({ engine: ENGINE, answers: ANSWERS, locations: LOCATIONS, runs: RUNS, generate_s: Math.round(generateMs / 100) / 10, first_rollup_s: Math.round(rollupMs / 100) / 10, rollup_rows: Number(rolled.n), requests: out, target_p95_ms: 300 })}\n`,
    );
  } finally {
    await storage.close();
    await schema?.drop();
    tmp.remove();
  }
}

await main();
