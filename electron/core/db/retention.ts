// Retention (GDPR): the kiosk keeps what the collector has settled only for its retention period
// (retentionDays, default 30), then purges it: answers and alerts the collector acknowledged, with
// their outbox rows, counted from the acknowledgment; dead letters (refused by the collector, or
// never valid to send), with the answers and alerts they stand for, counted from when they died;
// and the copies of a corrupt database the kiosk moved aside. Nothing unsettled is touched, and
// the schema's trigger refuses to delete an answer that is not settled, whatever this does.
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { schemaVersion } from './migrate.ts';
import { configure, movedAsideCopies } from './open.ts';

/** The schema version whose trigger lets settled answers be deleted. */
const NEEDS_VERSION = 3;

export interface Purged {
  answers: number;
  alerts: number;
  deadLetters: number;
  movedAside: number;
}

// Acknowledged (sent_at) or dead-lettered before the cutoff. Alerts go before the answers they
// name (the foreign key), and an answer an alert still names stays until that alert goes too.
const PURGE = {
  alerts: `DELETE FROM alerts
    WHERE id IN (SELECT ref_id FROM outbox WHERE kind = 'alert' AND sent_at < @cutoff)
       OR id IN (SELECT ref_id FROM dead_letters WHERE kind = 'alert' AND created_at < @cutoff)`,
  alertRows: `DELETE FROM outbox WHERE kind = 'alert' AND sent_at < @cutoff`,
  answers: `DELETE FROM answers
    WHERE (id IN (SELECT ref_id FROM outbox WHERE kind = 'answer' AND sent_at < @cutoff)
           OR id IN (SELECT ref_id FROM dead_letters WHERE kind = 'answer' AND created_at < @cutoff))
      AND NOT EXISTS (SELECT 1 FROM alerts l WHERE l.answer_id = answers.id)`,
  answerRows: `DELETE FROM outbox WHERE kind = 'answer' AND sent_at < @cutoff
      AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.id = outbox.ref_id)`,
  deadLetters: `DELETE FROM dead_letters WHERE created_at < @cutoff
      AND NOT EXISTS (SELECT 1 FROM answers a WHERE dead_letters.kind = 'answer' AND a.id = dead_letters.ref_id)
      AND NOT EXISTS (SELECT 1 FROM alerts l WHERE dead_letters.kind = 'alert' AND l.id = dead_letters.ref_id)`,
};

/** Purges what was settled before `cutoff`, on a connection of its own; the file must exist. */
export function purgeSettled(databasePath: string, cutoff: Date): Purged {
  const db = new Database(databasePath, { fileMustExist: true });
  try {
    configure(db);
    const v = schemaVersion(db);
    if (v < NEEDS_VERSION)
      throw new Error(`the kiosk database is at schema v${v}; retention needs v${NEEDS_VERSION}`);
    const run = (sql: string) => db.prepare(sql).run({ cutoff: cutoff.toISOString() }).changes;
    const counts = db
      .transaction(() => {
        const alerts = run(PURGE.alerts);
        run(PURGE.alertRows);
        const answers = run(PURGE.answers);
        run(PURGE.answerRows);
        return { alerts, answers, deadLetters: run(PURGE.deadLetters) };
      })
      .immediate();
    const old = movedAsideCopies(databasePath).filter((c) => c.movedAt < cutoff.getTime());
    for (const copy of old) rmSync(copy.file, { force: true });
    return { ...counts, movedAside: old.length };
  } finally {
    db.close();
  }
}
