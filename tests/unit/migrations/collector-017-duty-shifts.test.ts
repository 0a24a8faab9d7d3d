// Collector migration 017-duty-shifts on a database that holds earlier data, on SQLite and, where
// LASTWORD_TEST_PG_URL answers, PostgreSQL: every row kept, duty_shifts added, and the database
// itself refusing a second open shift for one account (two check-ins racing) while allowing any
// number of ended ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  schemaUnderTest,
  seedV1,
  seedV2,
  type SchemaUnderTest,
} from '../../support/collector-schema.ts';
import { collectorEngines } from '../../support/collector.ts';

const shift = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  user_id: 'u1',
  touchpoint_id: 1,
  started_at: '2026-12-02T09:00:00.000Z',
  expires_at: '2026-12-02T21:00:00.000Z',
  ended_at: null,
  ...over,
});

for (const engine of await collectorEngines('collector migration 017')) {
  describe.skipIf(engine.skip)(`collector migration 017-duty-shifts on ${engine.name}`, () => {
    let s: SchemaUnderTest;
    let before: Record<string, unknown[]>;
    beforeAll(async () => {
      s = await schemaUnderTest(engine);
      await s.migrateTo('010-window-counts');
      await seedV1(s);
      await seedV2(s);
      await s.migrateTo('016-admin-audit');
      before = await s.rows(await s.tables());
      await s.migrateTo('017-duty-shifts');
    });
    afterAll(async () => s?.drop());

    it('keeps every earlier row and adds duty_shifts', async () => {
      expect(await s.rows(Object.keys(before))).toEqual(before);
      expect(await s.tables()).toEqual([...Object.keys(before), 'duty_shifts'].sort());
      expect(await s.columns('duty_shifts')).toEqual(
        s.expected({
          id: 'text',
          user_id: 'text',
          touchpoint_id: 'integer',
          started_at: 'instant',
          expires_at: 'instant',
          ended_at: 'instant?',
        }),
      );
      expect(await s.indexes('duty_shifts')).toEqual(
        expect.arrayContaining(['duty_shifts_by_touchpoint', 'duty_shifts_one_open']),
      );
    });

    it('allows one open shift per account, and any number of ended ones', async () => {
      await s.insert('duty_shifts', shift('a', { ended_at: '2026-12-02T10:00:00.000Z' }));
      await s.insert('duty_shifts', shift('b', { ended_at: '2026-12-02T11:00:00.000Z' }));
      await s.insert('duty_shifts', shift('c'));
      await expect(s.insert('duty_shifts', shift('d'))).rejects.toThrow();
      await s.insert('duty_shifts', shift('e', { user_id: 'u2' }));
    });
  });
}
