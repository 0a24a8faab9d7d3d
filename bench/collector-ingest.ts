// Collector ingest rate: 50 kiosks sending answer batches at once, each kiosk one batch at a
// time (as a kiosk's sync engine does), through real HTTP to `node server/main.ts` running as its
// own process. Two shapes: draining a backlog (100 answers per batch) and live traffic (1 per
// batch). SQLite always; PostgreSQL too when LASTWORD_TEST_PG_URL reaches a server.
// Prints one JSON object. Env: BENCH_KIOSKS (50), BENCH_DRAIN_BATCHES (10), BENCH_LIVE_BATCHES (20),
// BENCH_DEBUG=1 to echo the collector's log to stderr.
//
//   node bench/collector-ingest.ts
import { cpus } from 'node:os';
import { join } from 'node:path';
import { enrolBenchKiosks, postAnswerBatches } from './answer-batches.ts';
import { startCollectorProcess } from './collector-process.ts';
import { openStorage, type StorageOptions } from '../server/db/open.ts';
import { freshPostgresSchema, postgresReachable } from '../tests/support/collector.ts';
import { tempDir } from '../tests/support/tmp.ts';

const KIOSKS = Number(process.env.BENCH_KIOSKS ?? 50);
const SCENARIOS = [
  { name: 'drain', batchSize: 100, batchesPerKiosk: Number(process.env.BENCH_DRAIN_BATCHES ?? 10) },
  { name: 'live', batchSize: 1, batchesPerKiosk: Number(process.env.BENCH_LIVE_BATCHES ?? 20) },
];

async function runEngine(engine: 'sqlite' | 'postgres') {
  const tmp = tempDir('lastword-bench-collector-');
  const pgSchema =
    engine === 'postgres' ? await freshPostgresSchema(process.env.LASTWORD_TEST_PG_URL!) : null;
  const storageOptions: StorageOptions = pgSchema
    ? { databaseUrl: pgSchema.url }
    : { sqlitePath: join(tmp.path, 'collector.sqlite') };
  const storage = await openStorage(storageOptions);
  try {
    const kiosks = await enrolBenchKiosks(storage, KIOSKS);
    const server = await startCollectorProcess(storageOptions);
    const results: Record<string, unknown> = {};
    try {
      for (const s of SCENARIOS)
        results[s.name] = await postAnswerBatches(
          [server.url],
          kiosks,
          s.batchSize,
          s.batchesPerKiosk,
        );
    } finally {
      await server.stop();
    }
    const stored = Number(
      (
        await storage.db
          .selectFrom('answers')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const expected = SCENARIOS.reduce((n, s) => n + KIOSKS * s.batchSize * s.batchesPerKiosk, 0);
    return { ...results, rowsStored: stored, rowsExpected: expected };
  } finally {
    await storage.close();
    await pgSchema?.drop();
    tmp.remove();
  }
}

const pg = await postgresReachable(process.env.LASTWORD_TEST_PG_URL);
const out: Record<string, unknown> = {
  bench: 'collector-ingest',
  kiosks: KIOSKS,
  transport:
    'HTTP/1.1 keep-alive, loopback; server is `node server/main.ts` in its own process, info logging on',
  rateLimit: 'lifted for the bench (it measures capacity, not the limiter)',
  cpus: cpus().length,
  node: process.version,
  sqlite: await runEngine('sqlite'),
  postgres: pg
    ? await runEngine('postgres')
    : 'skipped: no PostgreSQL reachable (set LASTWORD_TEST_PG_URL)',
};
process.stdout.write(`${JSON.stringify(out)}\n`);
