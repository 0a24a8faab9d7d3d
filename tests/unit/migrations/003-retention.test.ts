import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../electron/core/db/migrate.ts';
import * as v1 from '../../../electron/core/db/migrations/001-initial.ts';
import * as v2 from '../../../electron/core/db/migrations/002-sync.ts';
import * as v3 from '../../../electron/core/db/migrations/003-retention.ts';
import { tempDir } from '../../support/tmp.ts';

describe('migration 003: settled answers may be deleted, nothing else', () => {
  const dir = tempDir();
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(join(dir.path, `v3-${Math.random()}.sqlite`));
  });
  afterEach(() => db.close());
  afterAll(() => dir.remove());

  let seq = 0;
  const answer = (id: string, status: 'draft' | 'complete') =>
    db
      .prepare(
        `INSERT INTO answers (id, seq, kiosk_id, survey_version, status, language, started_at, updated_at, finalized_at, smiley)
         VALUES (?, ?, 'k', 's', ?, 'en', 't', 't', ?, 3)`,
      )
      .run(id, ++seq, status, status === 'draft' ? null : 't');
  const queued = (id: string, sentAt: string | null) =>
    db
      .prepare(
        `INSERT INTO outbox (lane, kind, ref_id, created_at, sent_at) VALUES (1, 'answer', ?, 't', ?)`,
      )
      .run(id, sentAt);
  const remove = (id: string) => () => db.prepare(`DELETE FROM answers WHERE id = ?`).run(id);

  it('upgrades a v2 database with its rows as they were', () => {
    migrate(db, [v1, v2]);
    answer('a', 'complete');
    queued('a', null);
    expect(migrate(db, [v1, v2, v3])).toBe(3);
    expect(schemaVersion(db)).toBe(3);
    expect(db.prepare(`SELECT id, status FROM answers`).all()).toEqual([
      { id: 'a', status: 'complete' },
    ]);
  });

  it('refuses to delete a draft or a final answer the collector has not settled', () => {
    migrate(db, [v1, v2, v3]);
    answer('draft', 'draft');
    answer('unsent', 'complete');
    queued('unsent', null);
    answer('never-queued', 'complete');
    for (const id of ['draft', 'unsent', 'never-queued'])
      expect(remove(id), id).toThrow(/only answers the collector has settled are deleted/);
    expect(db.prepare(`SELECT count(*) AS n FROM answers`).get()).toEqual({ n: 3 });
  });

  it('deletes an answer the collector acknowledged, or one moved to dead letters', () => {
    migrate(db, [v1, v2, v3]);
    answer('sent', 'complete');
    queued('sent', '2026-11-23T09:00:00.000Z');
    answer('dead', 'complete');
    db.prepare(
      `INSERT INTO dead_letters (kind, ref_id, reason, payload, created_at) VALUES ('answer', 'dead', 'bad', '{}', 't')`,
    ).run();
    remove('sent')();
    remove('dead')();
    expect(db.prepare(`SELECT count(*) AS n FROM answers`).get()).toEqual({ n: 0 });
  });

  it('still keeps final answers immutable', () => {
    migrate(db, [v1, v2, v3]);
    answer('a', 'complete');
    queued('a', '2026-11-23T09:00:00.000Z');
    expect(() => db.prepare(`UPDATE answers SET nps = 0 WHERE id = 'a'`).run()).toThrow(
      /final answers are immutable/,
    );
  });

  it('is not applied twice', () => {
    migrate(db, [v1, v2, v3]);
    expect(migrate(db, [v1, v2, v3])).toBe(3);
  });
});
