// Collector migration 006-alert-events on a database that holds v5 data, on SQLite and, where
// LASTWORD_TEST_PG_URL answers, PostgreSQL: every earlier row kept, and the alert_events table
// whose key numbers the events in insert order and never hands an id out twice (a deleted newest
// id included), since screens on every instance resume by it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  schemaUnderTest,
  seedV1,
  seedV2,
  V1_TABLES,
  V2_TABLES,
  V3_TABLES,
  V5_TABLES,
  type SchemaUnderTest,
} from '../../support/collector-schema.ts';
import { collectorEngines } from '../../support/collector.ts';

const EARLIER = [...V1_TABLES, ...V2_TABLES, ...V3_TABLES, ...V5_TABLES];
const AT = '2026-11-23T09:00:00.000Z';

for (const engine of await collectorEngines('collector migration 006')) {
  describe.skipIf(engine.skip)(`collector migration 006-alert-events on ${engine.name}`, () => {
    let s: SchemaUnderTest;
    let v5: Record<string, unknown[]>;
    beforeAll(async () => {
      s = await schemaUnderTest(engine);
      await s.migrateTo('005-routing-queue');
      await seedV1(s);
      await seedV2(s);
      v5 = await s.rows(EARLIER);
      await s.migrateTo('006-alert-events');
    });
    afterAll(async () => s?.drop());

    it('keeps every v5 row', async () => {
      expect(await s.rows(EARLIER)).toEqual(v5);
    });

    it('adds alert_events, and no other table', async () => {
      expect(await s.tables()).toEqual([...EARLIER, 'alert_events'].sort());
      const { id, ...columns } = await s.columns('alert_events');
      expect(columns).toEqual(s.expected({ alert_id: 'text', type: 'text', at: 'instant' }));
      // The key is the engine's own numbering: a rowid alias (which SQLite reports as nullable,
      // a NULL asking for the next number) or a PostgreSQL identity; the test below numbers rows.
      expect(id).toBe(engine.name === 'SQLite' ? 'INTEGER null' : 'int8 not null');
      await expect(
        s.insert('alert_events', { alert_id: 'a1', type: 'other', at: AT }),
      ).rejects.toThrow();
    });

    it('numbers events in insert order and never reuses a deleted newest id', async () => {
      const ids = async () =>
        (await s.storage.db.selectFrom('alert_events').select('id').orderBy('id').execute()).map(
          (r) => Number(r.id),
        );
      await s.insert('alert_events', { alert_id: 'a1', type: 'alert', at: AT });
      await s.insert('alert_events', { alert_id: 'a1', type: 'update', at: AT });
      const [first, second] = await ids();
      expect(second).toBe(first! + 1);
      await s.storage.db.deleteFrom('alert_events').where('id', '=', second!).execute();
      await s.insert('alert_events', { alert_id: 'a2', type: 'alert', at: AT });
      expect(await ids()).toEqual([first, second! + 1]);
    });
  });
}
