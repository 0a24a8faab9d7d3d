// Collector migration 005-routing-queue on a database that holds v4 data, on SQLite and, where
// LASTWORD_TEST_PG_URL answers, PostgreSQL: every earlier row kept, no earlier column changed,
// the routing_jobs table, and the two indexes the alert rules read through: answers by kiosk and
// receive time (the window rule's count) and staff alerts by location, kind and receive time.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  schemaUnderTest,
  seedV1,
  seedV2,
  V1_TABLES,
  V2_TABLES,
  V3_TABLES,
  type SchemaUnderTest,
} from '../../support/collector-schema.ts';
import { collectorEngines } from '../../support/collector.ts';

const EARLIER = [...V1_TABLES, ...V2_TABLES, ...V3_TABLES];

for (const engine of await collectorEngines('collector migration 005')) {
  describe.skipIf(engine.skip)(`collector migration 005-routing-queue on ${engine.name}`, () => {
    let s: SchemaUnderTest;
    let v4: Record<string, unknown[]>;
    let v4Columns: Record<string, unknown>;
    beforeAll(async () => {
      s = await schemaUnderTest(engine);
      await s.migrateTo('004-alert-actor-ids');
      await seedV1(s);
      await seedV2(s);
      v4 = await s.rows(EARLIER);
      v4Columns = await s.columns('answers');
      await s.migrateTo('005-routing-queue');
    });
    afterAll(async () => s?.drop());

    it('keeps every v4 row and column', async () => {
      expect(await s.rows(EARLIER)).toEqual(v4);
      expect(await s.columns('answers')).toEqual(v4Columns);
    });

    it('adds routing_jobs, and no other table', async () => {
      expect(await s.tables()).toEqual([...EARLIER, 'routing_jobs'].sort());
      expect(await s.columns('routing_jobs')).toEqual(
        s.expected({
          id: 'text',
          kiosk_id: 'text',
          kind: 'text',
          item_ids: 'json',
          received_at: 'instant',
          attempts: 'integer=',
          last_error: 'text?',
        }),
      );
      const job = {
        id: 'j1',
        kiosk_id: 'k1',
        item_ids: '["a1"]',
        received_at: '2026-11-23T09:00:00.000Z',
      };
      await s.insert('routing_jobs', { ...job, kind: 'answers' });
      await expect(s.insert('routing_jobs', { ...job, id: 'j2', kind: 'other' })).rejects.toThrow();
      await expect(
        s.insert('routing_jobs', { ...job, id: 'j3', kind: 'alerts', kiosk_id: 'nobody' }),
      ).rejects.toThrow();
    });

    it('adds the indexes the window rule and the window check read', async () => {
      expect(await s.indexes('answers')).toEqual(['answers_by_kiosk_received']);
      expect(await s.indexes('staff_alerts')).toEqual([
        'staff_alerts_by_answer',
        'staff_alerts_by_kiosk',
        'staff_alerts_by_location',
        'staff_alerts_by_status',
      ]);
    });

    it('counts a location’s recent answers through the index, not a table scan', async () => {
      const count = sql`select count(*) from answers
        where kiosk_id in (select id from kiosks where location = 'Store 1')
          and received_at >= '2026-11-23T09:00:00.000Z'`;
      // PostgreSQL would rightly scan a table this small: forbid that, so the plan shows whether
      // the index can serve the query at all.
      const plan =
        s.storage.engine === 'sqlite'
          ? (await sql<{ detail: string }>`explain query plan ${count}`.execute(s.storage.db)).rows
          : await s.storage.db.transaction().execute(async (trx) => {
              await sql`set local enable_seqscan = off`.execute(trx);
              return (await sql<{ 'QUERY PLAN': string }>`explain ${count}`.execute(trx)).rows;
            });
      const text = plan.map((r) => Object.values(r).join(' ')).join('\n');
      expect(text).toContain('answers_by_kiosk_received');
      expect(text).not.toMatch(/(SCAN|Seq Scan on) answers\b/);
    });
  });
}
