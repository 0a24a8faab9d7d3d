// Schema v2: what the sync engine needs. An outbox row keeps how often it was tried and why the
// last try failed (the admin screen and the heartbeat show it). An item the collector rejects,
// or that cannot be valid on the wire, moves to dead_letters with the reason and the payload as
// it would have been sent, so it never blocks the queue and is never silently lost.
import type { Database } from 'better-sqlite3';

export const version = 2;

export function up(db: Database): void {
  db.exec(`
    ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE outbox ADD COLUMN last_error TEXT;

    CREATE TABLE dead_letters (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      kind TEXT NOT NULL CHECK (kind IN ('answer', 'alert')),
      ref_id TEXT NOT NULL,
      reason TEXT NOT NULL,
      payload TEXT NOT NULL CHECK (json_valid(payload)),
      created_at TEXT NOT NULL,
      UNIQUE (kind, ref_id)
    ) STRICT;
  `);
}
