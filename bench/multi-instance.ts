// Several collector instances on one PostgreSQL (as an operator runs them behind a load
// balancer): for each instance count in BENCH_INSTANCES (default 1,2,4), N `node server/main.ts`
// processes on a fresh schema (dropped at the end), their connections with synchronous_commit
// on (the default, which the CI cluster turns off; its fsync stays off, and `database` in the
// output says what the server had), measured three ways:
//   ingest     BENCH_KIOSKS simulated kiosks (200), kiosk i posting to instance i mod N, each
//              BENCH_BATCHES (5) batches of 100 answers one at a time, all kiosks at once;
//              answers/s until every POST is answered, and until alert routing has taken every
//              routing job they left.
//   CPU        the collector processes' user + system CPU (/proc/<pid>/stat) over the ingest
//              phase, routing included. One simulated kiosk stands for a busy real one: 60 answers
//              an hour. cpuSecondsPer1000KioskHours = collector CPU seconds per answer × 60 × 1000,
//              the CPU a thousand such kiosks cost the collectors in an hour; coresPer1000Kiosks is
//              the same divided by 3600. The PostgreSQL backends serving the collectors (found by
//              their application_name) are reported beside it, not included.
//   card       a staff account (admin) logged in on instance 0 with the live stream open; one kiosk
//              at a time posts a low-score alert to instance N-1 (the same one when N = 1), and the
//              time from sending the POST to the alert's event on the stream is taken; BENCH_SAMPLES
//              (200) samples, 20–50 ms apart, each from the next kiosk (so none folds into an open
//              card). crossInstanceVsSingle compares p50/p95 with N = 1; the target is ≤ 1.5×.
// All on loopback, the simulated kiosks and PostgreSQL on the same machine as the collectors (so
// on a small machine more instances compete for the same cores). Prints one JSON object.
//
//   LASTWORD_TEST_PG_URL=postgres://… node bench/multi-instance.ts
import { cpus, loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { StreamData } from '../shared/staff-api.ts';
import { openStorage, type Storage } from '../server/db/open.ts';
import { createStaffUser } from '../server/staff/users.ts';
import { alert, call, freshPostgresSchema } from '../tests/support/collector.ts';
import { loginAs, STAFF_PASSWORD } from '../tests/support/staff.ts';
import { readEvents } from '../tests/support/staff-sse.ts';
import { enrolBenchKiosks, postAnswerBatches, type BenchKiosk } from './answer-batches.ts';
import { startCollectorProcess } from './collector-process.ts';
import { latencyStats } from './latency-stats.ts';
import { cpuSeconds } from './process-cpu.ts';

const PG_URL = process.env.LASTWORD_TEST_PG_URL;
if (!PG_URL) {
  process.stderr.write(
    'multi-instance: set LASTWORD_TEST_PG_URL to a PostgreSQL server (scripts/ci/start-postgres.sh prints one)\n',
  );
  process.exit(1);
}
const INSTANCES = (process.env.BENCH_INSTANCES ?? '1,2,4').split(',').map(Number);
const KIOSKS = Number(process.env.BENCH_KIOSKS ?? 200);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 5);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const BATCH_SIZE = 100;
const ANSWERS_PER_KIOSK_HOUR = 60;
const CARD_TIMEOUT_MS = 10_000;
const APP_NAME = `lastword-bench-${process.pid}`;

const round = (n: number, digits = 2) => Number(n.toFixed(digits));

/** CPU seconds so far of each PostgreSQL backend the collectors hold (by application_name). */
async function backendCpu(admin: pg.Client): Promise<Map<number, number>> {
  const { rows } = await admin.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE application_name = $1',
    [APP_NAME],
  );
  return new Map(rows.map((r) => [r.pid, cpuSeconds(r.pid)]));
}

/**
 * The collectors' connection: named, so their backends can be found, and with synchronous_commit
 * on whatever the server's default (the CI cluster turns it off for speed).
 */
function withSession(schemaUrl: string): string {
  const url = new URL(schemaUrl);
  url.searchParams.set('application_name', APP_NAME);
  const options = [url.searchParams.get('options'), '-c synchronous_commit=on'];
  url.searchParams.set('options', options.filter(Boolean).join(' '));
  return url.toString();
}

async function routingDrained(storage: Storage): Promise<void> {
  for (;;) {
    const { n } = await storage.db
      .selectFrom('routing_jobs')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(n) === 0) return;
    await sleep(20);
  }
}

/** A live staff screen: resolves `next(kioskId)` when an alert event from that kiosk arrives. */
async function openScreen(url: string, cookie: string) {
  const waiting = new Map<string, (at: number) => void>();
  let seen = 0;
  let enough = false;
  let opened!: () => void;
  const open = new Promise<void>((resolve) => (opened = resolve));
  const reading = readEvents(
    url,
    cookie,
    (events) => {
      const at = performance.now();
      for (; seen < events.length; seen++) {
        const e = events[seen]!;
        if (e.event === 'snapshot') opened();
        if (e.event !== 'alert' && e.event !== 'update') continue;
        const card = StreamData[e.event].parse(JSON.parse(e.data));
        waiting.get(card.kioskId)?.(at);
        waiting.delete(card.kioskId);
      }
      return enough;
    },
    { timeoutMs: 30 * 60_000 },
  );
  await open;
  return {
    next: (kioskId: string) =>
      new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), CARD_TIMEOUT_MS);
        waiting.set(kioskId, (at) => (clearTimeout(timer), resolve(at)));
      }),
    /** Stops reading at the next event (the caller sends one). */
    async close(last: () => Promise<void>) {
      enough = true;
      await last();
      await reading;
    },
  };
}

async function postLowScore(url: string, k: BenchKiosk): Promise<void> {
  const reply = await call({ url, token: k.token }, 'POST', '/v1/alerts', {
    kioskId: k.id,
    sentAt: new Date().toISOString(),
    alerts: [alert({ kind: 'low_score', createdAt: new Date().toISOString() })],
  });
  if (reply.status !== 200) throw new Error(`POST /v1/alerts: ${reply.status}`);
}

async function cardLatencies(urls: string[], kiosks: BenchKiosk[]) {
  const staff = await loginAs(urls[0]!, 'bench');
  const screen = await openScreen(urls[0]!, staff.cookie);
  const target = urls.at(-1)!;
  const latencies: number[] = [];
  let missed = 0;
  for (let i = 0; i < SAMPLES; i++) {
    const k = kiosks[i % kiosks.length]!;
    const arrival = screen.next(k.id);
    const sent = performance.now();
    await postLowScore(target, k);
    const at = await arrival;
    if (at === null) missed++;
    else latencies.push(at - sent);
    await sleep(20 + Math.random() * 30);
  }
  await screen.close(() => postLowScore(target, kiosks[SAMPLES % kiosks.length]!));
  return { ...latencyStats(latencies), samples: latencies.length, missed };
}

async function runInstances(n: number, admin: pg.Client) {
  const schema = await freshPostgresSchema(PG_URL!);
  const url = withSession(schema.url);
  const storage = await openStorage({ databaseUrl: schema.url });
  try {
    const kiosks = await enrolBenchKiosks(storage, KIOSKS);
    await createStaffUser(
      storage,
      { username: 'bench', displayName: 'Bench', password: STAFF_PASSWORD, role: 'admin' },
      new Date(),
    );
    const starting = await Promise.allSettled(
      Array.from({ length: n }, () => startCollectorProcess({ databaseUrl: url })),
    );
    const collectors = starting.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    if (collectors.length < n) {
      await Promise.all(collectors.map((c) => c.stop()));
      throw starting.find((s) => s.status === 'rejected')!.reason;
    }
    try {
      const urls = collectors.map((c) => c.url);
      const cpuBefore = collectors.map((c) => cpuSeconds(c.pid));
      const pgBefore = await backendCpu(admin);
      const started = performance.now();
      const ingest = await postAnswerBatches(urls, kiosks, BATCH_SIZE, BATCHES);
      await routingDrained(storage);
      const routedSeconds = (performance.now() - started) / 1000;
      const perInstance = collectors.map((c, i) => cpuSeconds(c.pid) - cpuBefore[i]!);
      const pgAfter = await backendCpu(admin);
      const pgSeconds = [...pgAfter].reduce((s, [pid, t]) => s + t - (pgBefore.get(pid) ?? 0), 0);
      const collectorSeconds = perInstance.reduce((a, b) => a + b, 0);
      const perKioskHour = (collectorSeconds / ingest.answers) * ANSWERS_PER_KIOSK_HOUR;
      return {
        ingest: { ...ingest, routedSeconds: round(routedSeconds) },
        cpu: {
          collectorSeconds: round(collectorSeconds),
          perInstanceSeconds: perInstance.map((s) => round(s)),
          collectorCoresBusy: round(collectorSeconds / routedSeconds),
          cpuSecondsPer1000KioskHours: round(perKioskHour * 1000),
          coresPer1000Kiosks: round((perKioskHour * 1000) / 3600, 4),
          postgresBackendSeconds: round(pgSeconds),
        },
        cardLatencyMs: await cardLatencies(urls, kiosks),
      };
    } finally {
      await Promise.all(collectors.map((c) => c.stop()));
    }
  } finally {
    await storage.close();
    await schema.drop();
  }
}

/** The server's version and the settings a collector's connection gets. */
async function sessionSettings(): Promise<Record<string, string>> {
  const c = new pg.Client({ connectionString: withSession(PG_URL!) });
  await c.connect();
  try {
    const settings: Record<string, string> = {};
    for (const n of ['server_version', 'synchronous_commit', 'fsync'])
      settings[n] = (await c.query<Record<string, string>>(`SHOW ${n}`)).rows[0]![n]!;
    return settings;
  } finally {
    await c.end();
  }
}

const admin = new pg.Client({ connectionString: PG_URL });
await admin.connect();
try {
  const database = await sessionSettings();
  const runs: Record<number, Awaited<ReturnType<typeof runInstances>>> = {};
  for (const n of INSTANCES) runs[n] = await runInstances(n, admin);
  const single = runs[1]?.cardLatencyMs;
  const crossInstanceVsSingle = single
    ? Object.fromEntries(
        INSTANCES.filter((n) => n > 1).map((n) => {
          const p50 = round(runs[n]!.cardLatencyMs.p50 / single.p50);
          const p95 = round(runs[n]!.cardLatencyMs.p95 / single.p95);
          return [n, { p50, p95, withinTarget: p50 <= 1.5 && p95 <= 1.5 }];
        }),
      )
    : 'needs 1 in BENCH_INSTANCES';
  const out = {
    bench: 'multi-instance',
    database,
    kiosks: KIOSKS,
    batchSize: BATCH_SIZE,
    batchesPerKiosk: BATCHES,
    cardSamples: SAMPLES,
    kioskLoad: `one simulated kiosk = ${ANSWERS_PER_KIOSK_HOUR} answers/hour for the CPU figures; the ingest phase posts as fast as the collectors take it`,
    cardPath:
      'kiosk POST /v1/alerts on instance N-1 → routing → alert_events + NOTIFY → instance 0 → SSE event',
    target: 'cross-instance card p50 and p95 within 1.5× the single-instance ones',
    cpus: cpus().length,
    loadavgAtEnd: loadavg().map((l) => round(l)),
    node: process.version,
    runs,
    crossInstanceVsSingle,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
} finally {
  await admin.end();
}
