// Results page speed: BENCH_ANSWERS (1,000,000) answers over two years at BENCH_LOCATIONS (200)
// locations in six time zones, generated straight into a fresh SQLite file in SQL (or, with
// BENCH_ENGINE=postgres and LASTWORD_TEST_PG_URL, a fresh PostgreSQL schema), then the rollup
// built once (timed: what the first read after a bulk load pays), then each results request
// (`resultsOf`, what GET /staff/api/results runs) timed BENCH_RUNS (20) times for a 30-day and a
// 1-year window over every location, unfiltered and filtered by language, complete/partial and
// "include repeats" (summed from the rollup's slices, migration 025). Prints one JSON object;
// target p95 ≤ 300 ms.
//
//   node bench/results.ts
import type { ResultsQuery } from '../server/reports/filter.ts';
import { placesInScope } from '../server/reports/places.ts';
import { resultsOf } from '../server/reports/results.ts';
import { refreshRollup } from '../server/reports/rollup.ts';
import { percentile } from './latency-stats.ts';
import { ANSWERS, LOCATIONS, MANAGER } from './results-data.ts';
import { ENGINE, openBenchData } from './results-store.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const now = new Date();

async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function main(): Promise<void> {
  const data = await openBenchData(now);
  const { storage } = data;
  try {
    const rollupMs = await timed(() => refreshRollup(storage));
    const scope = await placesInScope(storage.db, MANAGER, {}, 'see');
    const requests: Record<string, ResultsQuery> = {
      '30d': { period: '30d' },
      year: { period: 'year' },
      '30d_language_filter': { period: '30d', lang: ['en'] },
      year_language_filter: { period: 'year', lang: ['en'] },
      '30d_complete_only': { period: '30d', complete: '1' },
      year_with_repeats: { period: 'year', repeats: 'include' },
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
    const count = async (table: 'results_days' | 'results_slice_days') =>
      Number(
        (
          await storage.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    process.stdout.write(
      `${JSON.stringify({ engine: ENGINE, answers: ANSWERS, locations: LOCATIONS, runs: RUNS, schema: process.env.BENCH_SCHEMA ?? null, generate_s: data.generateS, first_rollup_s: data.generateS === null ? null : Math.round(rollupMs / 100) / 10, rollup_rows: await count('results_days'), slice_rows: await count('results_slice_days'), requests: out, target_p95_ms: 300 })}\n`,
    );
  } finally {
    await data.close();
  }
}

await main();
