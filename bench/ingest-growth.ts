// Ingest rate as the answers table grows: at each size, one kiosk posts BENCH_ANSWERS answers in
// 500-answer batches (one request at a time, as its sync engine does) to `node server/main.ts`
// on SQLite, with the alert rules on: thresholds, aggregation and a window rule over the
// location, which holds 20 other kiosks whose answers fill the table. One answer in five is
// unhappy (smiley 1-2), so routing raises a staff alert for each. The clock stops when the last
// reply is in and routing has raised every alert (read from the database file).
// Between sizes the collector is stopped and the table filled straight in SQL (years of history,
// received before the window), then started again, and its first batch is left off the clock
// (warm-up). Prints one JSON object with the rate per size.
// Env: BENCH_SIZES (0,100000,1000000,10000000), BENCH_ANSWERS (60000), LASTWORD_BENCH_DIR.
//
//   node bench/ingest-growth.ts
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setRouting } from '../server/alerts/routing-store.ts';
import { openStorage } from '../server/db/open.ts';
import { enrolKiosk } from '../server/kiosk-api/kiosks.ts';
import { BatchReply } from '../shared/protocol.ts';
import { answer } from '../tests/support/collector.ts';
import { startCollectorProcess } from './collector-process.ts';

const SIZES = (process.env.BENCH_SIZES ?? '0,100000,1000000,10000000').split(',').map(Number);
const ANSWERS = Number(process.env.BENCH_ANSWERS ?? 60_000);
const BATCH = 500;
const LOCATION = 'Bench store';
const FILLERS = 20;

/** Fills the table to `size` rows with the filler kiosks' history, received over the past year. */
function fillTo(path: string, size: number): number {
  const db = new Database(path);
  try {
    const have = (db.prepare('SELECT count(*) AS n FROM answers').get() as { n: number }).n;
    if (have >= size) return 0;
    const t0 = performance.now();
    // Ids sort in insert order, so the primary key grows at its end, as uuidv7 ids do.
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT CAST(? AS INTEGER) UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO answers (id, kiosk_id, seq, survey_version, status, language, started_at,
         finalized_at, smiley, reasons, nps, ces, comment, contact, talk_now, possible_repeat,
         device_sent_at, received_at)
       SELECT printf('00000000-0000-7000-8000-%012d', i), 'filler-' || (i % ${FILLERS}),
         i / ${FILLERS} + 1, 'bench', 'complete', 'en', t, t, 1 + i % 5, '[]', i % 11, NULL,
         NULL, NULL, 0, 0, t, t
       FROM (SELECT i, strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-2 days',
         '-' || (i % 31536000) || ' seconds') AS t FROM n)`,
    ).run(have, size - 1);
    db.prepare(
      `UPDATE kiosks SET highest_contiguous_seq =
         (SELECT max(seq) FROM answers WHERE kiosk_id = kiosks.id) WHERE id LIKE 'filler-%'`,
    ).run();
    return (performance.now() - t0) / 1000;
  } finally {
    db.close();
  }
}

function count(path: string, query: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare(query).get() as { n: number }).n;
  } finally {
    db.close();
  }
}
const LOW_SCORE_ALERTS = "SELECT count(*) AS n FROM staff_alerts WHERE kind = 'low_score'";

/**
 * The batches' bodies, made before the clock starts: a kiosk reads its queued answers from its
 * database, it does not mint ids and JSON while it drains, and this bench measures the collector.
 */
function batches(kioskId: string, from: number): { bodies: string[]; unhappy: number } {
  let unhappy = 0;
  const bodies: string[] = [];
  const sentAt = new Date().toISOString();
  for (let seq = from; seq < from + ANSWERS; seq += BATCH) {
    const answers = Array.from({ length: BATCH }, (_, i) => {
      const low = (seq + i) % 5 === 0;
      if (low) unhappy++;
      return answer(kioskId, seq + i, {
        finalizedAt: sentAt,
        ...(low ? { smiley: 1 + ((seq + i) % 2), nps: 3 } : {}),
      });
    });
    bodies.push(JSON.stringify({ kioskId, sentAt, answers }));
  }
  return { bodies, unhappy };
}

/** Posts the bodies one at a time, as a kiosk drains, and reads each reply as a kiosk would. */
async function post(url: string, token: string, bodies: string[]): Promise<void> {
  for (const body of bodies) {
    const res = await fetch(`${url}/v1/answers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    });
    const reply = BatchReply.parse(await res.json());
    if (reply.results.some((r) => r.status !== 'stored'))
      throw new Error(`a batch was not fully stored: ${JSON.stringify(reply.results[0])}`);
  }
}

const dir = mkdtempSync(join(process.env.LASTWORD_BENCH_DIR ?? tmpdir(), 'lastword-bench-growth-'));
try {
  const sqlitePath = join(dir, 'collector.sqlite');
  const storage = await openStorage({ sqlitePath });
  const now = new Date();
  const { token } = await enrolKiosk(
    storage,
    { kioskId: 'bench-kiosk', location: LOCATION, touchpoint: 'Desk 1' },
    now,
  );
  for (let i = 0; i < FILLERS; i++)
    await enrolKiosk(
      storage,
      { kioskId: `filler-${i}`, location: LOCATION, touchpoint: `Desk ${i + 2}` },
      now,
    );
  await setRouting(
    storage,
    LOCATION,
    { thresholds: { smiley: 2 }, window: { minutes: 15, percent: 50, minAnswers: 20 } },
    now,
  );
  await storage.close();

  const sizes = [];
  let nextSeq = 1;
  let alerts = 0;
  for (const size of SIZES) {
    const fillSeconds = fillTo(sqlitePath, size);
    const rowsBefore = count(sqlitePath, 'SELECT count(*) AS n FROM answers');
    const server = await startCollectorProcess({ sqlitePath });
    try {
      const { bodies, unhappy } = batches('bench-kiosk', nextSeq);
      alerts += unhappy;
      // A fresh process spends its first half second warming up (JIT, lazy modules, the retention
      // pass at start); a kiosk coming back online meets a collector that has been running.
      await post(server.url, token, bodies.slice(0, 1));
      const t0 = performance.now();
      await post(server.url, token, bodies.slice(1));
      const repliedSeconds = (performance.now() - t0) / 1000;
      while (count(sqlitePath, LOW_SCORE_ALERTS) < alerts)
        await new Promise((r) => setTimeout(r, 20));
      const seconds = (performance.now() - t0) / 1000;
      sizes.push({
        rows_before: rowsBefore,
        answers_per_s: Math.round((ANSWERS - BATCH) / seconds),
        seconds: Number(seconds.toFixed(2)),
        replies_done_s: Number(repliedSeconds.toFixed(2)),
        fill_seconds: Number(fillSeconds.toFixed(1)),
      });
    } finally {
      await server.stop();
    }
    nextSeq += ANSWERS;
  }
  process.stdout.write(
    `${JSON.stringify({
      bench: 'ingest-growth',
      answers_per_size: ANSWERS,
      batch: BATCH,
      unhappy_share: 0.2,
      sizes,
      setup:
        '`node server/main.ts` on SQLite (own process, info log, rate limit lifted); one kiosk posting 500-answer batches (made before the clock starts) one at a time over loopback, the first one untimed (warm-up); rules: thresholds, aggregation, window 15 min/50%/20 answers over 21 kiosks; timed until every low-score alert is raised',
      cpus: cpus().length,
      node: process.version,
    })}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
