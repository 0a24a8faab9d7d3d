// Collector migration 004-alert-actor-ids on a database that holds v3 data, on SQLite and, where
// LASTWORD_TEST_PG_URL answers, PostgreSQL: every earlier row kept as it was, an alert handled
// before the migration left with no account ids (its names still say who), and the two new
// columns able to hold the ids of the accounts that acknowledged and resolved an alert.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  schemaUnderTest,
  seedV1,
  seedV2,
  staffAlertRow,
  V1_TABLES,
  V2_TABLES,
  V3_TABLES,
  type SchemaUnderTest,
} from '../../support/collector-schema.ts';
import { collectorEngines } from '../../support/collector.ts';

const EARLIER = [...V1_TABLES, ...V2_TABLES, ...V3_TABLES];

for (const engine of await collectorEngines('collector migration 004')) {
  describe.skipIf(engine.skip)(`collector migration 004-alert-actor-ids on ${engine.name}`, () => {
    let s: SchemaUnderTest;
    let v3: Record<string, unknown[]>;
    beforeAll(async () => {
      s = await schemaUnderTest(engine);
      await s.migrateTo('003-staff');
      await seedV1(s);
      await seedV2(s);
      v3 = await s.rows(EARLIER);
      await s.migrateTo('004-alert-actor-ids');
    });
    afterAll(async () => s?.drop());

    it('keeps every v3 row, an alert handled before it with no account ids', async () => {
      const after = await s.rows(EARLIER);
      expect(after).toEqual({
        ...v3,
        staff_alerts: v3.staff_alerts!.map((row) => ({
          ...(row as object),
          acknowledged_by_id: null,
          resolved_by_id: null,
        })),
      });
      expect(after.staff_alerts).toMatchObject([{ acknowledged_by: 'Dana', resolved_by: 'Dana' }]);
    });

    it('adds the two id columns to staff_alerts, and no table', async () => {
      expect(await s.tables()).toEqual([...EARLIER].sort());
      expect(await s.columns('staff_alerts')).toMatchObject(
        s.expected({ acknowledged_by_id: 'text?', resolved_by_id: 'text?' }),
      );
    });

    it('stores who acknowledged and who resolved by account id', async () => {
      await s.insert(
        'staff_alerts',
        staffAlertRow({
          id: 'sa2',
          source_alert_id: null,
          status: 'acknowledged',
          acknowledged_by_id: 'u1',
          acknowledged_at: '2026-11-23T09:01:00.000Z',
        }),
      );
      await s.storage.db
        .updateTable('staff_alerts')
        .set({ status: 'resolved', resolved_by_id: 'u2', outcome: 'recovered' })
        .where('id', '=', 'sa2')
        .execute();
      const back = await s.storage.db
        .selectFrom('staff_alerts')
        .select(['acknowledged_by_id', 'resolved_by_id', 'acknowledged_by', 'resolved_by'])
        .where('id', '=', 'sa2')
        .executeTakeFirstOrThrow();
      expect(back).toEqual({
        acknowledged_by_id: 'u1',
        resolved_by_id: 'u2',
        acknowledged_by: null,
        resolved_by: null,
      });
    });
  });
}
