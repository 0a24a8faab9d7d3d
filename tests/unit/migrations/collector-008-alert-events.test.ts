// Collector migration 008-alert-events on a database that holds v7 data, on SQLite and, where
// LASTWORD_TEST_PG_URL answers, PostgreSQL: every earlier row kept, and the alert_events table
// whose key numbers the events in insert order and never hands an id out twice (a deleted newest
// id included), since screens on every instance resume by it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  schemaUnderTest,
  seedV1,
  seedV2,
  type SchemaUnderTest,
} from '../../support/collector-schema.ts';
import { collectorEngines } from '../../support/collector.ts';

const AT = '2026-11-23T09:00:00.000Z';

for (const engine of await collectorEngines('collector migration 008')) {
  describe.skipIf(engine.skip)(`collector migration 008-alert-events on ${engine.name}`, () => {
    let s: SchemaUnderTest;
    let v7: Record<string, unknown[]>;
    // The tables before (one more on PostgreSQL: 007's rate buckets).
    let earlier: string[];
    beforeAll(async () => {
      s = await schemaUnderTest(engine);
      await s.migrateTo('007-kiosk-rate-buckets');
      await seedV1(s);
      await seedV2(s);
      earlier = await s.tables();
      v7 = await s.rows(earlier);
      await s.migrateTo('008-alert-events');
    });
    afterAll(async () => s?.drop());

    it('keeps every v7 row', async () => {
      expect(await s.rows(earlier)).toEqual(v7);
    });

    it('adds alert_events, and no other table', async () => {
      expect(await s.tables()).toEqual([...earlier, 'alert_events'].sort());
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
