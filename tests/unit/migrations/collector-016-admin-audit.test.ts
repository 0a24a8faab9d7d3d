// Collector migration 016-admin-audit on a database that holds earlier data, on SQLite and, where
// LASTWORD_TEST_PG_URL answers, PostgreSQL: every row kept, the admin_audit table added with
// numbered ids that keep counting up after the newest row is deleted (pages of the log are read
// by id), and the command line's entries, which have no account, accepted.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  schemaUnderTest,
  seedV1,
  seedV2,
  type SchemaUnderTest,
} from '../../support/collector-schema.ts';
import { collectorEngines } from '../../support/collector.ts';

const entry = (over: Record<string, unknown> = {}) => ({
  at: '2026-12-02T10:00:00.000Z',
  actor_id: null,
  actor: 'command line',
  action: 'user.create',
  target: 'ada',
  details: '{}',
  address: null,
  ...over,
});

for (const engine of await collectorEngines('collector migration 016')) {
  describe.skipIf(engine.skip)(`collector migration 016-admin-audit on ${engine.name}`, () => {
    let s: SchemaUnderTest;
    let before: Record<string, unknown[]>;
    beforeAll(async () => {
      s = await schemaUnderTest(engine);
      await s.migrateTo('010-window-counts');
      await seedV1(s);
      await seedV2(s);
      await s.migrateTo('012-updates');
      before = await s.rows(await s.tables());
      await s.migrateTo('016-admin-audit');
    });
    afterAll(async () => s?.drop());

    it('keeps every earlier row', async () => {
      expect(await s.rows(Object.keys(before))).toEqual(before);
    });

    it('adds admin_audit', async () => {
      expect(await s.tables()).toEqual(
        expect.arrayContaining([...Object.keys(before), 'admin_audit']),
      );
      // The key is the engine's own numbering (SQLite reports a rowid alias as nullable); the
      // next test numbers rows.
      const { id, ...columns } = await s.columns('admin_audit');
      expect(id).toBeDefined();
      expect(columns).toEqual(
        s.expected({
          at: 'instant',
          actor_id: 'text?',
          actor: 'text',
          action: 'text',
          target: 'text',
          details: 'json',
          address: 'text?',
        }),
      );
    });

    it('numbers entries in order, never reusing an id', async () => {
      await s.insert('admin_audit', entry());
      await s.insert('admin_audit', entry({ actor_id: 'u1', actor: 'ada', address: '10.0.0.9' }));
      const ids = async () =>
        ((await s.rows(['admin_audit'])).admin_audit as { id: number | string }[]).map((r) =>
          Number(r.id),
        );
      const [first, second] = await ids();
      expect(second).toBeGreaterThan(first!);
      await sql`delete from admin_audit where id = ${second}`.execute(s.storage.db);
      await s.insert('admin_audit', entry({ target: 'bea' }));
      expect((await ids()).at(-1)).toBeGreaterThan(second!);
      await expect(s.insert('admin_audit', entry({ actor: null }))).rejects.toThrow();
    });
  });
}
