// Schema v3: answers may leave the kiosk once the collector has settled them. Retention (GDPR)
// purges them after the kiosk's period (db/retention.ts decides when); the schema still makes
// sure that no code path can delete a draft or a final answer that has not been settled: one
// the collector acknowledged (its outbox row is marked sent) or one moved to dead letters.
// Final answers stay immutable.
import type { Database } from 'better-sqlite3';

export const version = 3;

export function up(db: Database): void {
  db.exec(`
    DROP TRIGGER answers_are_never_deleted;
    CREATE TRIGGER answers_deleted_only_once_settled BEFORE DELETE ON answers
      WHEN OLD.status = 'draft'
        OR (NOT EXISTS (SELECT 1 FROM outbox o
                        WHERE o.kind = 'answer' AND o.ref_id = OLD.id AND o.sent_at IS NOT NULL)
            AND NOT EXISTS (SELECT 1 FROM dead_letters d
                            WHERE d.kind = 'answer' AND d.ref_id = OLD.id))
      BEGIN SELECT RAISE(ABORT, 'only answers the collector has settled are deleted'); END;
  `);
}
