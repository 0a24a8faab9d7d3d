// The kill test's checks of the database a killed writer left (kill-recovery.test.ts): integrity,
// every acknowledged answer as acknowledged, seq without a gap, outbox rows for what is final, no
// final answer changed, leftover drafts recovered whole. It remembers what it saw across kills
// and counts what the closing summary reports.
import Database from 'better-sqlite3';
import { existsSync, readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { apply, fieldsOf, same, type Acked, type Row, type Run } from './kill-log.ts';

/** One checker per database file, called after every kill in order. */
export function killChecker(databasePath: string) {
  /** What the test knows across kills, and what the closing summary reports. */
  const everAcked = new Map<string, Acked>();
  const finals = new Map<string, string>();
  let known = new Set<string>();
  let pendingDrafts: string[] = [];
  const stats = {
    kills: 0,
    inStart: 0,
    inOpen: 0,
    inFlight: 0,
    betweenWrites: 0,
    answers: 0,
    finished: 0,
    lost: 0,
    seqGaps: 0,
    recovered: 0,
    unackedCommits: 0,
  };

  function count(db: Database.Database, sql: string): number {
    return (db.prepare(sql).get() as { n: number }).n;
  }

  /** Checks the database as the killed writer left it; returns what is wrong, if anything. */
  function verify(run: Run): string[] {
    const problems = [...run.problems];
    const lost = (id: string, why: string) => {
      stats.lost++;
      problems.push(`acknowledged answer ${id} ${why}`);
    };
    if (readdirSync(dirname(databasePath)).some((f) => f.includes('.corrupt-')))
      problems.push('the database was moved aside as corrupt');
    if (!existsSync(databasePath)) {
      if (everAcked.size + run.acked.size > 0) problems.push('the database file is gone');
      return problems;
    }
    const db = new Database(databasePath, { readonly: true, fileMustExist: true });
    try {
      const integrity = db.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
      if (
        !db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'answers'`).get()
      ) {
        // Killed before the first migration committed: acceptable only if nothing was acknowledged.
        if (everAcked.size + run.acked.size > 0) problems.push('the answers table is gone');
        return problems;
      }
      const rows = new Map(
        (db.prepare('SELECT * FROM answers').all() as Row[]).map((r) => [r.id, r]),
      );

      // seq: exactly 1..max (seq is UNIQUE, so count == max means no gap), and the counter at max.
      const { n, hi } = db
        .prepare('SELECT count(*) AS n, coalesce(max(seq), 0) AS hi FROM answers')
        .get() as { n: number; hi: number };
      const counter = (
        db.prepare(`SELECT value FROM counters WHERE name = 'answer_seq'`).get() as {
          value: number;
        }
      ).value;
      const gaps = hi - n + Math.max(0, counter - hi);
      if (gaps > 0 || counter < hi) {
        stats.seqGaps += gaps;
        problems.push(`seq: ${n} answers, max seq ${hi}, counter ${counter}`);
      }

      // Every answer ever acknowledged is there, and a finish acknowledged is the status stored.
      for (const [id, a] of everAcked) {
        const row = rows.get(id);
        if (!row) lost(id, 'is missing');
        else if (a.status !== 'draft' && row.status !== a.status)
          lost(id, `was finished ${a.status} but is ${row.status}`);
      }
      const alertOf = db.prepare('SELECT 1 FROM alerts WHERE answer_id = ? AND kind = ?');
      for (const [id, a] of run.acked) {
        if (everAcked.has(id)) problems.push(`answer id ${id} was handed out twice`);
        const row = rows.get(id);
        if (!row) {
          lost(id, 'is missing');
          continue;
        }
        const op =
          run.inFlight && run.inFlight.kind !== 'start' && run.inFlight.id === id
            ? run.inFlight
            : null;
        const fields = fieldsOf(row);
        if (!same(fields, a.fields) && !(op && same(fields, apply(a.fields, op)))) {
          lost(id, `has ${JSON.stringify(fields)}, acknowledged ${JSON.stringify(a.fields)}`);
        }
        // A start in flight may have committed, finishing the open draft as partial with it.
        const startInFlight = run.inFlight?.kind === 'start' && row.status === 'partial';
        if (
          a.status === 'draft' &&
          row.status !== 'draft' &&
          !(op?.kind === 'finish' && row.status === op.status) &&
          !startInFlight
        ) {
          problems.push(`answer ${id} became ${row.status} without a finish`);
        }
        for (const kind of a.alerts) if (!alertOf.get(id, kind)) lost(id, `has no ${kind} alert`);
      }

      // Final answers and alerts have their outbox rows; drafts have none.
      const noOutbox = count(
        db,
        `SELECT count(*) AS n FROM answers a WHERE a.status <> 'draft'
        AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.kind = 'answer' AND o.ref_id = a.id AND o.lane = 1)`,
      );
      const strayOutbox = count(
        db,
        `SELECT count(*) AS n FROM outbox o WHERE o.kind = 'answer'
        AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.id = o.ref_id AND a.status <> 'draft')`,
      );
      const alertNoOutbox = count(
        db,
        `SELECT count(*) AS n FROM alerts l
        WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.kind = 'alert' AND o.ref_id = l.id AND o.lane = 0)`,
      );
      if (noOutbox || strayOutbox || alertNoOutbox) {
        problems.push(
          `outbox: ${noOutbox} final answers without a row, ${strayOutbox} rows for no final answer, ${alertNoOutbox} alerts without a row`,
        );
      }

      // No final answer changed, not by a byte, and no answer vanished.
      for (const [id, before] of finals) {
        const row = rows.get(id);
        if (!row || JSON.stringify(row) !== before)
          problems.push(`final answer ${id} changed: ${before} -> ${JSON.stringify(row)}`);
      }
      for (const id of known) if (!rows.has(id)) problems.push(`answer ${id} vanished`);
      for (const [id, row] of rows)
        if (row.status !== 'draft' && !finals.has(id)) finals.set(id, JSON.stringify(row));

      // The drafts the previous kill left: all final as partial once this writer was ready; if it
      // died during its start, either all of them (recovery committed) or none.
      const recovered = pendingDrafts.filter((id) => rows.get(id)?.status === 'partial');
      const stillDraft = pendingDrafts.filter((id) => rows.get(id)?.status === 'draft');
      if (
        recovered.length + stillDraft.length !== pendingDrafts.length ||
        (recovered.length > 0 && stillDraft.length > 0)
      ) {
        problems.push(
          `leftover drafts half recovered: ${recovered.length} partial, ${stillDraft.length} draft of ${pendingDrafts.length}`,
        );
      } else if (run.ready && stillDraft.length > 0) {
        problems.push(
          `${stillDraft.length} leftover drafts were not recovered by a writer that started`,
        );
      }
      stats.recovered += recovered.length;

      // A row nobody acknowledged can only come from the one start in flight when the kill landed.
      const unacked = [...rows.keys()].filter((id) => !known.has(id) && !run.acked.has(id));
      if (unacked.length > (run.inFlight?.kind === 'start' ? 1 : 0))
        problems.push(`answers stored without an ack: ${unacked.join(', ')}`);
      stats.unackedCommits += unacked.length;

      known = new Set(rows.keys());
      pendingDrafts = [...rows.values()].filter((r) => r.status === 'draft').map((r) => r.id);
    } finally {
      db.close();
    }
    for (const [id, a] of run.acked) everAcked.set(id, a);
    return problems;
  }

  return {
    stats,
    verify,
    /** The drafts the last writer left open. */
    pendingDrafts: () => pendingDrafts,
    /** How many answers were seen final, and how many seen at all. */
    finals: () => finals.size,
    known: () => known.size,
  };
}
