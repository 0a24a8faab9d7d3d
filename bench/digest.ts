// Weekly digest speed: the results benches' data (bench/results-data.ts: BENCH_ANSWERS answers at
// BENCH_LOCATIONS locations over two years) in a fresh SQLite file (or, with
// BENCH_ENGINE=postgres and LASTWORD_TEST_PG_URL, a fresh PostgreSQL schema), the rollup built,
// then the newest week's digest of every location built and rendered as its e-mail, one after
// another, as the delivery jobs do (server/digest/deliver.ts; the SMTP round trip is not in it).
// Prints one JSON object: the total seconds and per-location p50/p95/max ms. Target: every
// location's digest ≤ 60 s in all.
//
//   node bench/digest.ts
import { buildDigest } from '../server/digest/digest.ts';
import { digestMail } from '../server/digest/mail.ts';
import { DEFAULT_DIGEST_SCHEDULE, dueWeek } from '../server/digest/schedule.ts';
import { placesInScope } from '../server/reports/places.ts';
import { refreshRollup } from '../server/reports/rollup.ts';
import { percentile } from './latency-stats.ts';
import { ANSWERS, LOCATIONS, MANAGER } from './results-data.ts';
import { ENGINE, openBenchData } from './results-store.ts';

const now = new Date();

async function main(): Promise<void> {
  const data = await openBenchData(now);
  const { storage } = data;
  try {
    await refreshRollup(storage);
    const { places } = await placesInScope(storage.db, MANAGER, {}, 'see');
    const times: number[] = [];
    let bytes = 0;
    const started = performance.now();
    for (const place of places) {
      const t = performance.now();
      const { week } = dueWeek(DEFAULT_DIGEST_SCHEDULE, now, place.timeZone);
      const digest = await buildDigest(storage, place, week, DEFAULT_DIGEST_SCHEDULE, now);
      const mail = digestMail(digest, {
        poster: 'https://example.com/p',
        unsubscribe: 'https://example.com/u',
      });
      bytes += mail.html.length + mail.text.length;
      times.push(performance.now() - t);
    }
    const totalS = (performance.now() - started) / 1000;
    times.sort((a, b) => a - b);
    process.stdout.write(
      `${JSON.stringify({
        engine: ENGINE,
        schema: process.env.BENCH_SCHEMA ?? null,
        answers: ANSWERS,
        locations: LOCATIONS,
        digests: places.length,
        total_s: Math.round(totalS * 10) / 10,
        per_location_ms: {
          p50: Math.round(percentile(times, 50)),
          p95: Math.round(percentile(times, 95)),
          max: Math.round(times.at(-1)!),
        },
        mail_kb_mean: Math.round(bytes / places.length / 102.4) / 10,
        target_total_s: 60,
      })}\n`,
    );
  } finally {
    await data.close();
  }
}

await main();
