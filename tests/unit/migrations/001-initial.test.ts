import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../electron/core/db/migrate.ts';
import * as v1 from '../../../electron/core/db/migrations/001-initial.ts';
import { tempDir } from '../../support/tmp.ts';

describe('migration 001: initial schema', () => {
  const dir = tempDir();
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(join(dir.path, `v1-${Math.random()}.sqlite`));
    migrate(db, [v1]);
  });
  afterEach(() => db.close());

  const insert = (id: string, seq: number) =>
    db
      .prepare(
        `INSERT INTO answers (id, seq, kiosk_id, survey_version, status, language, started_at, updated_at, smiley)
                VALUES (?, ?, 'k', 's', 'draft', 'en', 't', 't', 3)`,
      )
      .run(id, seq);

  it('sets user_version to 1 and starts the seq counter at 0', () => {
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare(`SELECT value FROM counters WHERE name = 'answer_seq'`).get()).toEqual({
      value: 0,
    });
  });

  it('lets a draft change and refuses any change to a final answer', () => {
    insert('a', 1);
    db.prepare(`UPDATE answers SET nps = 9 WHERE id = 'a'`).run();
    db.prepare(`UPDATE answers SET status = 'complete', finalized_at = 't2' WHERE id = 'a'`).run();
    expect(() => db.prepare(`UPDATE answers SET nps = 0 WHERE id = 'a'`).run()).toThrow(
      /final answers are immutable/,
    );
    expect(db.prepare(`SELECT nps FROM answers WHERE id = 'a'`).get()).toEqual({ nps: 9 });
  });

  it('never deletes answers and never reuses a seq', () => {
    insert('a', 1);
    expect(() => db.prepare(`DELETE FROM answers`).run()).toThrow(/never deleted/);
    expect(() => insert('b', 1)).toThrow(/UNIQUE/);
  });

  it('holds one alert of a kind per answer', () => {
    insert('a', 1);
    const alert = db.prepare(
      `INSERT INTO alerts (id, answer_id, kind, created_at, detail) VALUES (?, 'a', 'low_score', 't', '{}')`,
    );
    alert.run('x');
    expect(() => alert.run('y')).toThrow(/UNIQUE/);
  });

  it('is not applied twice', () => {
    expect(migrate(db, [v1])).toBe(1);
  });
});
