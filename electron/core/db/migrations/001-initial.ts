// Schema v1: answers with a gapless per-kiosk seq, alerts in their own table, one outbox with a
// priority lane. Final answers are made immutable by a trigger, so no code path can edit one.
import type { Database } from 'better-sqlite3';

export const version = 1;

export function up(db: Database): void {
  db.exec(`
    CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) STRICT;
    INSERT INTO counters (name, value) VALUES ('answer_seq', 0);

    CREATE TABLE answers (
      id TEXT PRIMARY KEY,
      seq INTEGER NOT NULL UNIQUE,
      kiosk_id TEXT NOT NULL,
      survey_version TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('draft', 'complete', 'partial')),
      language TEXT NOT NULL,
      started_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      finalized_at TEXT,
      smiley INTEGER NOT NULL CHECK (smiley BETWEEN 1 AND 5),
      reasons TEXT,
      nps INTEGER CHECK (nps BETWEEN 0 AND 10),
      ces INTEGER CHECK (ces BETWEEN 1 AND 7),
      comment TEXT,
      contact TEXT,
      talk_now INTEGER NOT NULL DEFAULT 0,
      possible_repeat INTEGER NOT NULL DEFAULT 0,
      CHECK ((status = 'draft') = (finalized_at IS NULL))
    ) STRICT;
    CREATE INDEX answers_drafts ON answers (status) WHERE status = 'draft';

    CREATE TRIGGER answers_final_are_immutable BEFORE UPDATE ON answers
      WHEN OLD.status <> 'draft'
      BEGIN SELECT RAISE(ABORT, 'final answers are immutable'); END;
    CREATE TRIGGER answers_are_never_deleted BEFORE DELETE ON answers
      BEGIN SELECT RAISE(ABORT, 'answers are never deleted'); END;

    CREATE TABLE alerts (
      id TEXT PRIMARY KEY,
      answer_id TEXT REFERENCES answers (id),
      kind TEXT NOT NULL CHECK (kind IN ('low_score', 'talk_now', 'test')),
      created_at TEXT NOT NULL,
      detail TEXT NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX alerts_once_per_answer ON alerts (answer_id, kind) WHERE answer_id IS NOT NULL;

    -- lane 0: alerts (sent first), lane 1: final answers in seq order.
    CREATE TABLE outbox (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      lane INTEGER NOT NULL CHECK (lane IN (0, 1)),
      kind TEXT NOT NULL CHECK (kind IN ('answer', 'alert')),
      ref_id TEXT NOT NULL,
      created_at TEXT NOT NULL,
      sent_at TEXT,
      UNIQUE (kind, ref_id)
    ) STRICT;
    CREATE INDEX outbox_unsent ON outbox (lane, id) WHERE sent_at IS NULL;

    CREATE TABLE kiosk_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  `);
}
