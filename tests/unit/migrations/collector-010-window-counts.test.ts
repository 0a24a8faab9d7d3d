// Collector migration 010-routing-indexes on a database that holds v9 data, on SQLite and, where
// LASTWORD_TEST_PG_URL answers, PostgreSQL: every row kept, and the router's two growing reads
// served by an index (the window count by the index alone), not by a scan that grows with the
// table. SQLite's plans are checked; on PostgreSQL the index definitions.
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
  describe.skipIf(engine.skip)(`collector migration 010-routing-indexes on ${engine.name}`, () => {
    let s: SchemaUnderTest;
    let v9: Record<string, unknown[]>;
    beforeAll(async () => {
      s = await schemaUnderTest(engine);
      await s.migrateTo('009-durable-jobs');
      await seedV1(s);
      await seedV2(s);
      v9 = await s.rows(await s.tables());
      await s.migrateTo('010-routing-indexes');
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

    it('keeps every v9 row and table', async () => {
      expect(await s.rows(await s.tables())).toEqual(v9);
    });

    it('counts the window from the index alone', async () => {
      expect(await s.indexes('answers')).toEqual([
        'answers_window',
        'answers_with_text_by_received',
      ]);
      if (!sqlite) {
        expect(await definition('answers_window')).toContain(
          '(kiosk_id, received_at, finalized_at, possible_repeat, smiley)',
        );
        return;
      }
      const text = await plan(sql`select count(*), sum(case when smiley <= 2 then 1 else 0 end)
        from answers where kiosk_id in (select id from kiosks where location = 'Store 1')
          and received_at >= '2026-11-23T09:00:00.000Z'
          and finalized_at >= '2026-11-23T09:00:00.000Z' and possible_repeat = 0`);
      expect(text).toContain('COVERING INDEX answers_window');
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
