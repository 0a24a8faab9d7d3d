// Collector migration 015-enrolment-codes on a database that holds earlier data, on SQLite and,
// where LASTWORD_TEST_PG_URL answers, PostgreSQL: every row kept, the enrolment_codes table
// added, and the database itself refusing a second code with the same hash and a code for a
// touchpoint that does not exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  schemaUnderTest,
  seedV1,
  seedV2,
  type SchemaUnderTest,
} from '../../support/collector-schema.ts';
import { collectorEngines } from '../../support/collector.ts';

const code = (over: Record<string, unknown> = {}) => ({
  id: 'c1',
  code_hash: 'h1',
  touchpoint_id: 1,
  created_by: 'cli',
  created_at: '2026-12-01T10:00:00.000Z',
  expires_at: '2026-12-02T10:00:00.000Z',
  ...over,
});

for (const engine of await collectorEngines('collector migration 015')) {
  describe.skipIf(engine.skip)(`collector migration 015-enrolment-codes on ${engine.name}`, () => {
    let s: SchemaUnderTest;
    let before: Record<string, unknown[]>;
    beforeAll(async () => {
      s = await schemaUnderTest(engine);
      await s.migrateTo('010-window-counts');
      await seedV1(s);
      await seedV2(s);
      await s.migrateTo('014-comment-search');
      before = await s.rows(await s.tables());
      await s.migrateTo('015-enrolment-codes');
    });
    afterAll(async () => s?.drop());

    it('keeps every earlier row', async () => {
      expect(await s.rows(Object.keys(before))).toEqual(before);
    });

    it('adds enrolment_codes', async () => {
      expect(await s.tables()).toEqual([...Object.keys(before), 'enrolment_codes'].sort());
      expect(await s.columns('enrolment_codes')).toEqual(
        s.expected({
          id: 'text',
          code_hash: 'text',
          touchpoint_id: 'integer',
          created_by: 'text',
          created_at: 'instant',
          expires_at: 'instant',
          used_at: 'instant?',
          used_by_kiosk: 'text?',
          revoked_at: 'instant?',
        }),
      );
    });

    it('refuses a repeated hash and an unknown touchpoint', async () => {
      const [point] = (await s.rows(['touchpoints'])).touchpoints as { id: number }[];
      expect(point).toBeDefined();
      await s.insert('enrolment_codes', code({ touchpoint_id: point!.id }));
      await expect(
        s.insert('enrolment_codes', code({ id: 'c2', touchpoint_id: point!.id })),
      ).rejects.toThrow();
      await expect(
        s.insert('enrolment_codes', code({ id: 'c3', code_hash: 'h3', touchpoint_id: 99999 })),
      ).rejects.toThrow();
    });
  });
}
