// The fleet view at scale: BENCH_KIOSKS simulated kiosks (default 5,000) against one collector
// (`node server/main.ts`, its own process) on PostgreSQL (LASTWORD_TEST_PG_URL, required; a fresh
// schema, dropped after), with time compressed: each simulated minute every kiosk sends its
// heartbeat (with the fleet fields) and a third of them an answer (a lunchtime peak: 20 an hour
// per kiosk), BENCH_IN_FLIGHT (16) requests in flight, as fast as the collector takes them (so
// latencies include queueing a real fleet spread over the minute would not see); then one
// GET /staff/api/kiosks, which costs what the fleet tick's judgement of every kiosk costs.
//   cpuMsPer1000KioskMinutes  the collector process's CPU (user + system) over BENCH_MINUTES (5)
//                             simulated minutes, per 1,000 kiosks per minute: what a fleet of
//                             that size costs the collector each real minute. Its PostgreSQL
//                             backends are not included.
//   heartbeatMs               p50/p95/p99 of POST /v1/heartbeat under that compressed load.
//   kiosksPageMs              GET /staff/api/kiosks with every kiosk (one row each), BENCH_RUNS
//                             (20) times after the load, one at a time: p50/p95 (target ≤ 500 ms),
//                             and the reply's size.
//   pageDrawMs                the Kiosks page in Chromium (1280x800), BENCH_PAGE_RUNS (20) loads:
//                             from navigation start to the first frame with rows, on the page's
//                             own clock, p50/p95.
//   pageResortMs              a click on a column header (Status, Last heartbeat) to the table
//                             drawn in that order, p50/p95.
// After the load (and its CPU), 5 % of the kiosks are given a problem (offline, failing disk,
// clock off, no taps), so the list and the page show a fleet as IT would meet it.
// BENCH_SCREENSHOTS=<folder> saves the page at 1280x800 and 390x844 there.
// Kiosks stand at 50 locations of 100 touchpoints, each with a usual-taps profile, so the silent
// check runs for every kiosk. All on loopback, PostgreSQL on the same machine. One JSON object.
//
//   LASTWORD_TEST_PG_URL=postgres://… node bench/fleet.ts
import { cpus, loadavg } from 'node:os';
import { openStorage } from '../server/db/open.ts';
import { createStaffUser } from '../server/staff/users.ts';
import { hashToken, newDeviceToken } from '../server/tokens.ts';
import { launchChromium } from '../tests/support/chromium.ts';
import { answer, freshPostgresSchema } from '../tests/support/collector.ts';
import { loginOnPage } from '../tests/support/staff-page.ts';
import { loginAs, STAFF_PASSWORD } from '../tests/support/staff.ts';
import { startCollectorProcess } from './collector-process.ts';
import { latencyStats } from './latency-stats.ts';
import { cpuSeconds } from './process-cpu.ts';

const PG_URL = process.env.LASTWORD_TEST_PG_URL;
if (!PG_URL) {
  process.stderr.write('fleet: set LASTWORD_TEST_PG_URL to a PostgreSQL server\n');
  process.exit(1);
}
const KIOSKS = Number(process.env.BENCH_KIOSKS ?? 5000);
const MINUTES = Number(process.env.BENCH_MINUTES ?? 5);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 16);
const PAGE_RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 20);
/** A folder for screenshots of the page at 1280x800 and 390x844; none when unset. */
const SHOTS = process.env.BENCH_SCREENSHOTS;
const PER_LOCATION = 100;

interface Kiosk {
  id: string;
  token: string;
  seq: number;
  started: string;
}

const schema = await freshPostgresSchema(PG_URL);
const storage = await openStorage({ databaseUrl: schema.url });
const kiosks: Kiosk[] = [];
try {
  // The fleet straight in SQL: enrolling 5,000 kiosks one transaction at a time is not the bench.
  const now = new Date().toISOString();
  const locations = Math.ceil(KIOSKS / PER_LOCATION);
  await storage.db
    .insertInto('locations')
    .values(
      Array.from({ length: locations }, (_, l) => ({
        name: `Bench store ${l}`,
        time_zone: ['Europe/Tallinn', 'America/New_York', 'Asia/Singapore'][l % 3]!,
        hours: JSON.stringify({ mon: [['00:00', '24:00']], tue: [['00:00', '24:00']] }),
        closed_days: '[]',
        external_id: null,
        created_at: now,
      })),
    )
    .execute();
  const ids = await storage.db.selectFrom('locations').select('id').orderBy('id').execute();
  for (let i = 0; i < KIOSKS; i += 1000) {
    const n = Math.min(1000, KIOSKS - i);
    const points = await storage.db
      .insertInto('touchpoints')
      .values(
        Array.from({ length: n }, (_, j) => ({
          location_id: ids[Math.floor((i + j) / PER_LOCATION)]!.id,
          name: `Desk ${i + j}`,
          created_at: now,
        })),
      )
      .returning('id')
      .execute();
    const batch = points.map((p, j) => {
      const k = {
        id: `fleet-${String(i + j).padStart(5, '0')}`,
        token: newDeviceToken(),
        seq: 1,
        started: now,
      };
      kiosks.push(k);
      return { id: k.id, token_hash: hashToken(k.token), touchpoint_id: p.id, enrolled_at: now };
    });
    await storage.db.insertInto('kiosks').values(batch).execute();
    await storage.db
      .insertInto('touchpoint_usual_taps')
      .values(
        points.map((p) => ({
          touchpoint_id: p.id,
          taps: JSON.stringify(Array<number>(168).fill(6)),
          computed_at: now,
        })),
      )
      .execute();
  }
  await createStaffUser(
    storage,
    {
      username: 'bench',
      displayName: 'Bench',
      password: STAFF_PASSWORD,
      role: 'admin',
      locations: [],
    },
    new Date(),
  );

  const collector = await startCollectorProcess({ databaseUrl: schema.url });
  const admin = await loginAs(collector.url, 'bench');
  const heartbeatMs: number[] = [];
  let failures = 0;

  /** Runs `jobs` with IN_FLIGHT at a time. */
  const pool = async (jobs: (() => Promise<void>)[]) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < jobs.length) await jobs[next++]!();
      }),
    );
  };
  const post = async (k: Kiosk, path: string, body: unknown) => {
    const res = await fetch(`${collector.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${k.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    await res.arrayBuffer();
    if (res.status !== 200) failures++;
  };

  const cpu0 = cpuSeconds(collector.pid);
  const wall0 = performance.now();
  for (let minute = 0; minute < MINUTES; minute++) {
    const jobs: (() => Promise<void>)[] = [];
    kiosks.forEach((k, i) => {
      jobs.push(async () => {
        const at = new Date().toISOString();
        const t0 = performance.now();
        await post(k, '/v1/heartbeat', {
          kioskId: k.id,
          appVersion: '1.4.2',
          queueDepth: 0,
          oldestUnsentAt: null,
          lastError: null,
          deviceTime: at,
          deadLetters: 0,
          storageError: null,
          storageErrors: 0,
          startedAt: k.started,
          lastTapAt: at,
          tapsToday: k.seq - 1,
        });
        heartbeatMs.push(performance.now() - t0);
      });
      if ((i + minute) % 3 === 0)
        jobs.push(async () => {
          const a = answer(k.id, k.seq++);
          await post(k, '/v1/answers', {
            kioskId: k.id,
            sentAt: new Date().toISOString(),
            answers: [a],
          });
        });
    });
    await pool(jobs);
    await admin.call('GET', '/staff/api/kiosks');
  }
  const loadCpu = cpuSeconds(collector.pid) - cpu0;
  const loadWall = (performance.now() - wall0) / 1000;

  // A fleet with problems, as the page shows one: 2 % offline, 1 % each with a failing disk, a
  // clock 11 min off, no taps for two days (silent where its store is open). After the CPU
  // measurement, so that stays what the heartbeats and answers cost.
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
  const every = (n: number, r: number) => kiosks.filter((_, i) => i % n === r).map((k) => k.id);
  for (const [ids, set] of [
    [every(50, 7), { last_heartbeat_at: hoursAgo(2) }],
    [every(100, 3), { storage_failing_since: hoursAgo(1), storage_error: 'SQLITE_FULL' }],
    [every(100, 5), { clock_flagged: 1, clock_skew_ms: 660_000 }],
    [every(100, 9), { last_tap_at: hoursAgo(48) }],
  ] as const)
    await storage.db.updateTable('kiosks').set(set).where('id', 'in', ids).execute();

  const pageMs: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = await admin.call('GET', '/staff/api/kiosks');
    pageMs.push(performance.now() - t0);
    bytes = JSON.stringify(r.body).length;
    if (r.status !== 200 || (r.body as { kiosks: unknown[] }).kiosks.length !== KIOSKS) failures++;
  }

  // The page in Chromium: from navigation to the first rows drawn, and a re-sort by a click.
  const browser = await launchChromium();
  const drawMs: number[] = [];
  const sortMs: number[] = [];
  try {
    const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await loginOnPage(tab, collector.url, 'bench', STAFF_PASSWORD);
    for (let i = 0; i < PAGE_RUNS; i++) {
      // Read on the page's own clock (ms since its navigation started), polled every frame, as
      // cold-start reads the kiosk's faces: the harness's own round trips are not the page's.
      await tab.goto(`${collector.url}/staff/kiosks`, { waitUntil: 'commit' });
      const drawn = await tab.waitForFunction(
        () => document.querySelector('tbody tr') !== null && performance.now(),
        undefined,
        { polling: 'raf' },
      );
      drawMs.push(Number(await drawn.jsonValue()));
      // Each click sorts by another column: done when its header says so.
      for (const column of ['Last heartbeat', 'Status']) {
        const t1 = performance.now();
        await tab.getByRole('button', { name: column, exact: true }).click();
        await tab.waitForFunction(
          (name) => document.querySelector('th[aria-sort="ascending"]')?.textContent === name,
          column,
        );
        sortMs.push(performance.now() - t1);
      }
    }
    if (SHOTS) {
      await tab.screenshot({ path: `${SHOTS}/fleet-1280.png` });
      await tab.setViewportSize({ width: 390, height: 844 });
      await tab.screenshot({ path: `${SHOTS}/fleet-390.png` });
      await tab.screenshot({ path: `${SHOTS}/fleet-390-full.png`, fullPage: true });
    }
  } finally {
    await browser.close();
    await collector.stop();
  }

  const page = latencyStats(pageMs);
  const draw = latencyStats(drawMs);
  const resort = latencyStats(sortMs);
  process.stdout.write(
    `${JSON.stringify({
      kiosks: KIOSKS,
      simulatedMinutes: MINUTES,
      requests: heartbeatMs.length + Math.ceil((KIOSKS * MINUTES) / 3),
      wallSeconds: Number(loadWall.toFixed(1)),
      collectorCpuSeconds: Number(loadCpu.toFixed(1)),
      cpuMsPer1000KioskMinutes: Math.round((loadCpu * 1000) / MINUTES / (KIOSKS / 1000)),
      heartbeatMs: latencyStats(heartbeatMs),
      kiosksPageMs: { p50: page.p50, p95: page.p95, max: page.max, targetP95: 500 },
      kiosksPageBytes: bytes,
      pageDrawMs: { p50: draw.p50, p95: draw.p95, max: draw.max },
      pageResortMs: { p50: resort.p50, p95: resort.p95, max: resort.max },
      failures,
      machine: { cpus: cpus().length, loadavg: loadavg().map((l) => Number(l.toFixed(2))) },
    })}\n`,
  );
} finally {
  await storage.close();
  await schema.drop();
}
