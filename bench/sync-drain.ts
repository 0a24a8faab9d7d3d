// Sync drain rate: 100,000 answers queued on a kiosk database, drained by the real sync engine
// (its own process, default tuning: 500 per batch, two batches in flight) to the real collector
// (`node server/main.ts`, its own process, SQLite, info logging on) over HTTP on loopback.
// Prints one JSON object: answers/s, batches, seconds, peak RSS of the kiosk and collector
// processes, and the collector's row count as proof nothing was lost.
// Env: BENCH_ANSWERS (100000); LASTWORD_BENCH_DIR (OS temp dir).
//
//   node bench/sync-drain.ts
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SyncEngine } from '../electron/core/sync/engine.ts';
import { openStorage } from '../server/db/open.ts';
import { enrolKiosk } from '../server/kiosk-api/kiosks.ts';
import { kioskWriter } from '../tests/support/outbox.ts';
import { startCollectorProcess } from './collector-process.ts';
import { peakRssMb } from './process-cpu.ts';

const ROOT = join(import.meta.dirname, '..');
const KIOSK_ID = 'bench-kiosk';

/** The kiosk side, run as `node bench/sync-drain.ts kiosk <db> <url> <token>`: drains, reports. */
async function kiosk(databasePath: string, url: string, token: string): Promise<void> {
  let batches = 0;
  const counting: typeof fetch = (input, init) => {
    if (String(input).endsWith('/v1/answers')) batches++;
    return fetch(input, init);
  };
  const engine = new SyncEngine({
    databasePath,
    kioskId: KIOSK_ID,
    collector: { url, token },
    appVersion: 'bench',
    fetch: counting,
  });
  const t0 = performance.now();
  let sent = 0;
  let failures = 0;
  for (;;) {
    const outcome = await engine.syncOnce();
    sent += outcome.sent;
    if (outcome.drained) break;
    failures++;
    await new Promise((r) => setTimeout(r, outcome.retryInMs));
  }
  const seconds = (performance.now() - t0) / 1000;
  const left = engine.status().queueDepth;
  await engine.stop();
  const report = {
    seconds,
    batches,
    sent,
    failures,
    left,
    peakRssMb: peakRssMb('self') ?? process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

async function main(): Promise<void> {
  const n = Number(process.env.BENCH_ANSWERS ?? 100_000);
  const dir = mkdtempSync(join(process.env.LASTWORD_BENCH_DIR ?? tmpdir(), 'lastword-bench-sync-'));
  const sqlitePath = join(dir, 'collector.sqlite');
  const databasePath = join(dir, 'kiosk.sqlite');
  try {
    const storage = await openStorage({ sqlitePath });
    const { token } = await enrolKiosk(
      storage,
      { kioskId: KIOSK_ID, location: 'Bench store', touchpoint: 'Desk 1' },
      new Date(),
    );
    const fillStart = performance.now();
    const writer = kioskWriter(databasePath, { kioskId: KIOSK_ID, chunk: 5_000 });
    writer.answers(n);
    writer.close();
    const fillSeconds = (performance.now() - fillStart) / 1000;

    const server = await startCollectorProcess({ sqlitePath });
    const url = server.url;

    const child = spawn(
      process.execPath,
      [join(ROOT, 'bench', 'sync-drain.ts'), 'kiosk', databasePath, url, token],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    if (code !== 0) throw new Error(`the kiosk process exited with ${code}`);
    const collectorPeak = peakRssMb(server.pid);
    await server.stop();

    const k = JSON.parse(out) as {
      seconds: number;
      batches: number;
      sent: number;
      failures: number;
      left: number;
      peakRssMb: number;
    };
    const stored = Number(
      (
        await storage.db
          .selectFrom('answers')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    await storage.close();
    const result = {
      bench: 'sync-drain',
      answers: n,
      answers_per_s: Math.round(k.sent / k.seconds),
      seconds: Number(k.seconds.toFixed(2)),
      batches: k.batches,
      failed_passes: k.failures,
      peak_rss_mb: {
        kiosk: Number(k.peakRssMb.toFixed(1)),
        collector: collectorPeak === null ? null : Number(collectorPeak.toFixed(1)),
      },
      collector_rows: stored,
      kiosk_queue_left: k.left,
      fill_seconds: Number(fillSeconds.toFixed(2)),
      setup:
        'kiosk engine and collector (`node server/main.ts`, SQLite, info log) in separate processes; HTTP/1.1 keep-alive on loopback; rate limit lifted; default engine tuning (500 per batch, two batches in flight)',
      cpus: cpus().length,
      node: process.version,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'kiosk') await kiosk(process.argv[3]!, process.argv[4]!, process.argv[5]!);
else await main();
