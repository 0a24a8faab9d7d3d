import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../electron/core/db/migrate.ts';
import * as v1 from '../../../electron/core/db/migrations/001-initial.ts';
import * as v2 from '../../../electron/core/db/migrations/002-sync.ts';
import { tempDir } from '../../support/tmp.ts';

describe('migration 002: sync bookkeeping and dead letters', () => {
  const dir = tempDir();
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(join(dir.path, `v2-${Math.random()}.sqlite`));
  });
  afterEach(() => db.close());
  afterAll(() => dir.remove());

  it('upgrades a v1 database with queued rows: they keep their place and start with no attempts', () => {
    migrate(db, [v1]);
    db.prepare(
      `INSERT INTO outbox (lane, kind, ref_id, created_at) VALUES (1, 'answer', 'a', 't')`,
    ).run();
    expect(migrate(db, [v1, v2])).toBe(2);
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare(`SELECT ref_id, sent_at, attempts, last_error FROM outbox`).all()).toEqual([
      { ref_id: 'a', sent_at: null, attempts: 0, last_error: null },
    ]);
  });

  it('keeps one dead letter per item, with a reason and a JSON payload', () => {
    migrate(db, [v1, v2]);
    const insert = db.prepare(
      `INSERT INTO dead_letters (kind, ref_id, reason, payload, created_at) VALUES (?, ?, ?, ?, 't')`,
    );
    insert.run('answer', 'a', 'seq 1 is already held', '{"id":"a"}');
    expect(() => insert.run('answer', 'a', 'again', '{}')).toThrow(/UNIQUE/);
    expect(() => insert.run('alert', 'b', 'bad', 'not json')).toThrow(/CHECK/);
    expect(() => insert.run('survey', 'c', 'bad', '{}')).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO dead_letters (kind, ref_id, payload, created_at) VALUES ('alert', 'd', '{}', 't')`,
        )
        .run(),
    ).toThrow(/NOT NULL/);
  });

  it('is not applied twice', () => {
    migrate(db, [v1, v2]);
    expect(migrate(db, [v1, v2])).toBe(2);
  });
});
