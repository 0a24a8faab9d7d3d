// Answer export speed: BENCH_ANSWERS answers (default 1,000,000) at two locations in different
// time zones, filled straight in SQL into a SQLite file (one in five with a comment, reasons by
// id, surveys kept as ingest keeps them), then exported as CSV by `node server/main.ts` (its own
// process) to a logged-in admin over loopback, with no filter: every row. The client counts the
// records as they stream in and keeps none. Prints rows/s and the collector's peak RSS (VmHWM),
// which includes the process's own start-up. Targets: ≥ 50,000 rows/s, ≤ 200 MB.
// Env: BENCH_ANSWERS, LASTWORD_BENCH_DIR.
//
//   node bench/export.ts
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage } from '../server/db/open.ts';
import { attachConfig } from '../server/kiosk-api/kiosk-configs.ts';
import { enrolKiosk } from '../server/kiosk-api/kiosks.ts';
import { updateLocation } from '../server/locations/store.ts';
import { createStaffUser } from '../server/staff/users.ts';
import { smallConfig } from '../tests/support/config.ts';
import { STAFF_PASSWORD, postLogin } from '../tests/support/staff.ts';
import { startCollectorProcess } from './collector-process.ts';
import { peakRssMb, rssMb } from './process-cpu.ts';

const ANSWERS = Number(process.env.BENCH_ANSWERS ?? 1_000_000);
const PLACES = [
  { kioskId: 'berlin-kiosk', location: 'Berlin', touchpoint: 'Desk', timeZone: 'Europe/Berlin' },
  { kioskId: 'ny-kiosk', location: 'New York', touchpoint: 'Door', timeZone: 'America/New_York' },
];

/** Locations, kiosks with the small survey, and an admin, as the CLI would make them. */
async function prepare(sqlitePath: string): Promise<void> {
  const storage = await openStorage({ sqlitePath });
  try {
    for (const p of PLACES) {
      await enrolKiosk(storage, p, new Date());
      await updateLocation(storage, p.location, { timeZone: p.timeZone });
      await attachConfig(storage, p.kioskId, { ...smallConfig(), kioskId: p.kioskId }, new Date());
    }
    await createStaffUser(
      storage,
      { username: 'bench', password: STAFF_PASSWORD, role: 'admin' },
      new Date(),
    );
  } finally {
    await storage.close();
  }
}

/** A year of answers, alternating between the two kiosks, their places and survey ids. */
function fill(sqlitePath: string): number {
  const db = new Database(sqlitePath);
  try {
    const t0 = performance.now();
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1),
       k AS (SELECT k.id, k.touchpoint_id, t.location_id, ks.survey_id,
         row_number() OVER (ORDER BY k.id) - 1 AS slot
         FROM kiosks k JOIN touchpoints t ON t.id = k.touchpoint_id
         JOIN kiosk_surveys ks ON ks.kiosk_id = k.id)
       INSERT INTO answers (id, kiosk_id, seq, survey_version, status, language, started_at,
         finalized_at, smiley, reasons, nps, ces, comment, contact, talk_now, possible_repeat,
         device_sent_at, received_at, location_id, touchpoint_id, survey_id)
       SELECT printf('00000000-0000-7000-8000-%012d', i), k.id, i / 2 + 1, 'test-1',
         'complete', CASE WHEN i % 3 = 0 THEN 'et' ELSE 'en' END, t, t, 1 + i % 5,
         CASE WHEN i % 5 < 2 THEN '["wait","staff"]' ELSE '["fast"]' END, i % 11, 1 + i % 7,
         CASE WHEN i % 5 = 0 THEN 'The queue was long, "as usual", said customer ' || i END,
         NULL, 0, i % 50 = 0, t, t, k.location_id, k.touchpoint_id, k.survey_id
       FROM (SELECT i, strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || (i * 31) || ' seconds') AS t
         FROM n) JOIN k ON k.slot = i % 2`,
    ).run(ANSWERS);
    return (performance.now() - t0) / 1000;
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(process.env.LASTWORD_BENCH_DIR ?? tmpdir(), 'lastword-export-'));
  const sqlitePath = join(dir, 'collector.sqlite');
  try {
    await prepare(sqlitePath);
    const fillSeconds = fill(sqlitePath);
    const server = await startCollectorProcess({ sqlitePath });
    try {
      const login = await postLogin(server.url, 'bench', STAFF_PASSWORD);
      const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
      // What the process holds before the export (start-up, a login's password check).
      const idlePeakRssMb = peakRssMb(server.pid);
      const idleRssMb = rssMb(server.pid);
      const t0 = performance.now();
      const reply = await fetch(`${server.url}/staff/api/export.csv?repeats=include`, {
        headers: { cookie },
      });
      if (reply.status !== 200) throw new Error(`export: ${reply.status} ${await reply.text()}`);
      let lines = 0;
      let bytes = 0;
      let firstByteMs: number | null = null;
      // The collector's RSS sampled while it exports: its peak (VmHWM) is set at start-up and
      // by the login's password hash (scrypt at N=2^15, r=8, p=3 takes 32 MiB; 128 MiB before
      // 2026-12-03), before the export begins.
      let exportRssMb = 0;
      const sampler = setInterval(() => {
        exportRssMb = Math.max(exportRssMb, rssMb(server.pid) ?? 0);
      }, 50);
      for await (const chunk of reply.body!) {
        firstByteMs ??= performance.now() - t0;
        bytes += chunk.length;
        for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) lines++;
      }
      clearInterval(sampler);
      const seconds = (performance.now() - t0) / 1000;
      const rows = lines - 1;
      if (rows !== ANSWERS) throw new Error(`exported ${rows} rows of ${ANSWERS}`);
      const report = {
        rows,
        seconds: Number(seconds.toFixed(2)),
        rowsPerSecond: Math.round(rows / seconds),
        firstByteMs: Math.round(firstByteMs ?? 0),
        megabytes: Number((bytes / 1e6).toFixed(1)),
        collectorPeakRssMb: Number((peakRssMb(server.pid) ?? NaN).toFixed(1)),
        collectorPeakRssBeforeMb: Number((idlePeakRssMb ?? NaN).toFixed(1)),
        collectorRssBeforeMb: Number((idleRssMb ?? NaN).toFixed(1)),
        collectorRssDuringExportMaxMb: Number(exportRssMb.toFixed(1)),
        fillSeconds: Number(fillSeconds.toFixed(1)),
      };
      process.stdout.write(`${JSON.stringify(report)}\n`);
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
