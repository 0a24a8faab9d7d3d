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
import { BatchReply } from '../shared/protocol.ts';
import { startCollectorProcess } from './collector-process.ts';
import { openStorage, type StorageOptions } from '../server/db/open.ts';
import { enrolKiosk } from '../server/kiosk-api/kiosks.ts';
import { answer, freshPostgresSchema, postgresReachable } from '../tests/support/collector.ts';
import { tempDir } from '../tests/support/tmp.ts';

const KIOSKS = Number(process.env.BENCH_KIOSKS ?? 50);
const SCENARIOS = [
  { name: 'drain', batchSize: 100, batchesPerKiosk: Number(process.env.BENCH_DRAIN_BATCHES ?? 10) },
  { name: 'live', batchSize: 1, batchesPerKiosk: Number(process.env.BENCH_LIVE_BATCHES ?? 20) },
];

interface Kiosk {
  id: string;
  token: string;
  nextSeq: number;
}

function percentile(sorted: number[], p: number): number {
  return Number(
    (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0).toFixed(1),
  );
}

async function scenario(url: string, kiosks: Kiosk[], batchSize: number, batchesPerKiosk: number) {
  const latencies: number[] = [];
  let problems = 0;
  const started = performance.now();
  await Promise.all(
    kiosks.map(async (k) => {
      for (let b = 0; b < batchesPerKiosk; b++) {
        const answers = Array.from({ length: batchSize }, (_, i) =>
          answer(
            k.id,
            k.nextSeq + i,
            (k.nextSeq + i) % 5 === 0
              ? { comment: 'Kiire ja sõbralik teenindus, aitäh!', smiley: 5, nps: 10 }
              : {},
          ),
        );
        const t0 = performance.now();
        const res = await fetch(`${url}/v1/answers`, {
          method: 'POST',
          headers: { authorization: `Bearer ${k.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ kioskId: k.id, sentAt: new Date().toISOString(), answers }),
        });
        const reply = BatchReply.parse(await res.json());
        latencies.push(performance.now() - t0);
        k.nextSeq += batchSize;
        if (
          res.status !== 200 ||
          reply.results.some((r) => r.status !== 'stored') ||
          reply.highestContiguousSeq !== k.nextSeq - 1
        )
          problems++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  const answers = kiosks.length * batchSize * batchesPerKiosk;
  return {
    batchSize,
    batches: latencies.length,
    answers,
    seconds: Number(seconds.toFixed(2)),
    answersPerSecond: Math.round(answers / seconds),
    batchesPerSecond: Math.round(latencies.length / seconds),
    batchLatencyMs: {
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: percentile(sorted, 100),
    },
    batchesNotFullyStored: problems,
  };
}

async function runEngine(engine: 'sqlite' | 'postgres') {
  const tmp = tempDir('lastword-bench-collector-');
  const pgSchema =
    engine === 'postgres' ? await freshPostgresSchema(process.env.LASTWORD_TEST_PG_URL!) : null;
  const storageOptions: StorageOptions = pgSchema
    ? { databaseUrl: pgSchema.url }
    : { sqlitePath: join(tmp.path, 'collector.sqlite') };
  const storage = await openStorage(storageOptions);
  try {
    const kiosks: Kiosk[] = [];
    for (let i = 0; i < KIOSKS; i++) {
      const id = `bench-${String(i).padStart(2, '0')}`;
      kiosks.push({
        id,
        token: (
          await enrolKiosk(
            storage,
            { kioskId: id, location: 'Bench store', touchpoint: `Desk ${i}` },
            new Date(),
          )
        ).token,
        nextSeq: 1,
      });
    }
    const server = await startCollectorProcess(storageOptions);
    const results: Record<string, unknown> = {};
    try {
      for (const s of SCENARIOS)
        results[s.name] = await scenario(server.url, kiosks, s.batchSize, s.batchesPerKiosk);
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
