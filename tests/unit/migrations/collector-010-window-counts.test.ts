// Collector migration 010-window-counts on a database that holds v9 data, on SQLite and, where
// LASTWORD_TEST_PG_URL answers, PostgreSQL: every row kept, the window rule's rolling counts
// (one row per location and minute), and a kiosk's open card found through a partial index of
// cards (SQLite's plan is checked; on PostgreSQL, whose plans need statistics, the definition).
import { sql, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  schemaUnderTest,
  seedV1,
  seedV2,
  type SchemaUnderTest,
} from '../../support/collector-schema.ts';
import { collectorEngines } from '../../support/collector.ts';

for (const engine of await collectorEngines('collector migration 010')) {
  describe.skipIf(engine.skip)(`collector migration 010-window-counts on ${engine.name}`, () => {
    let s: SchemaUnderTest;
    let v9: Record<string, unknown[]>;
    beforeAll(async () => {
      s = await schemaUnderTest(engine);
      await s.migrateTo('009-durable-jobs');
      await seedV1(s);
      await seedV2(s);
      v9 = await s.rows(await s.tables());
      await s.migrateTo('010-window-counts');
    });
    afterAll(async () => s?.drop());

    const sqlite = engine.name === 'SQLite';
    /** SQLite's plan for a query (PostgreSQL's depends on statistics a tiny table lacks). */
    async function plan(query: RawBuilder<unknown>): Promise<string> {
      const { rows } = await sql<{ detail: string }>`explain query plan ${query}`.execute(
        s.storage.db,
      );
      return rows.map((r) => r.detail).join('\n');
    }
    /** PostgreSQL's definition of an index, as pg_indexes prints it. */
    async function definition(name: string): Promise<string> {
      const { rows } = await sql<{ def: string }>`select indexdef as def from pg_indexes
        where schemaname = current_schema() and indexname = ${name}`.execute(s.storage.db);
      return rows[0]?.def ?? '(none)';
    }

    it('keeps every v9 row', async () => {
      expect(await s.rows(Object.keys(v9))).toEqual(v9);
    });

    it('adds window_counts, keyed by location and minute, and drops the old window index', async () => {
      expect(await s.tables()).toContain('window_counts');
      expect(await s.columns('window_counts')).toEqual(
        s.expected({
          location: 'text',
          minute: 'big',
          smiley_1: 'integer=',
          smiley_2: 'integer=',
          smiley_3: 'integer=',
          smiley_4: 'integer=',
          smiley_5: 'integer=',
        }),
      );
      await s.insert('window_counts', { location: 'Store 1', minute: 29_000_000, smiley_1: 2 });
      await expect(
        s.insert('window_counts', { location: 'Store 1', minute: 29_000_000 }),
      ).rejects.toThrow();
      expect(await s.indexes('answers')).toEqual(['answers_with_text_by_received']);
    });

    it('finds a kiosk’s open card without reading the alerts folded into it', async () => {
      expect(await s.indexes('staff_alerts')).toContain('staff_alerts_heads');
      if (!sqlite) {
        expect(await definition('staff_alerts_heads')).toMatch(
          /\(kiosk_id, kind, received_at\) WHERE \(\(aggregated_into IS NULL\) AND \(suppressed IS NULL\)\)/,
        );
        return;
      }
      expect(
        await plan(sql`select id from staff_alerts where kiosk_id = 'k1' and kind = 'low_score'
          and aggregated_into is null and suppressed is null
          and received_at >= '2026-11-23T09:00:00.000Z' order by received_at desc limit 1`),
      ).toContain('staff_alerts_heads');
    });
  });
}
