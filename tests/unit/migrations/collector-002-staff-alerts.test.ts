// Collector migration 002-staff-alerts on a database that holds v1 data, on SQLite and, where
// LASTWORD_TEST_PG_URL answers, PostgreSQL: every v1 row kept as it was, the staff alert, delivery
// and routing tables with their columns and indexes, and the checks that keep a wrong kind,
// status or outcome out of the store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AT,
  deliveryRow,
  schemaUnderTest,
  seedV1,
  staffAlertRow,
  V1_TABLES,
  V2_TABLES,
  type SchemaUnderTest,
} from '../../support/collector-schema.ts';
import { collectorEngines } from '../../support/collector.ts';

for (const engine of await collectorEngines('collector migration 002')) {
  describe.skipIf(engine.skip)(`collector migration 002-staff-alerts on ${engine.name}`, () => {
    let s: SchemaUnderTest;
    let v1: Record<string, unknown[]>;
    beforeAll(async () => {
      s = await schemaUnderTest(engine);
      await s.migrateTo('001-initial');
      await seedV1(s);
      v1 = await s.rows(V1_TABLES);
      await s.migrateTo('002-staff-alerts');
      await s.insert('staff_alerts', staffAlertRow());
    });
    afterAll(async () => s?.drop());

    it('keeps every v1 row as it was', async () => {
      expect(await s.rows(V1_TABLES)).toEqual(v1);
      expect(v1.answers).toHaveLength(1);
    });

    it('adds the staff alert, delivery and routing tables, and only those', async () => {
      expect(await s.tables()).toEqual([...V1_TABLES, ...V2_TABLES].sort());
      expect(await s.columns('staff_alerts')).toEqual(
        s.expected({
          id: 'text',
          source_alert_id: 'text?',
          kiosk_id: 'text',
          location: 'text',
          touchpoint: 'text',
          kind: 'text',
          priority: 'text',
          created_at: 'instant',
          received_at: 'instant',
          late: 'flag=',
          answer_id: 'text?',
          smiley: 'integer?',
          nps: 'integer?',
          ces: 'integer?',
          status: 'text=',
          acknowledged_by: 'text?',
          acknowledged_at: 'instant?',
          resolved_by: 'text?',
          resolved_at: 'instant?',
          outcome: 'text?',
          note: 'text?',
          ack_seconds: 'integer?',
          resolve_seconds: 'integer?',
          aggregated_into: 'text?',
          aggregate_count: 'integer=',
          summarized_count: 'integer=',
          suppressed: 'text?',
          escalation_step: 'integer=',
        }),
      );
      expect(await s.indexes('staff_alerts')).toEqual([
        'staff_alerts_by_answer',
        'staff_alerts_by_kiosk',
        'staff_alerts_by_status',
      ]);
      expect(await s.columns('alert_deliveries')).toEqual(
        s.expected({
          id: 'text',
          staff_alert_id: 'text',
          channel: 'text',
          channel_kind: 'text',
          reason: 'text',
          attempt: 'integer',
          status: 'text',
          http_status: 'integer?',
          error: 'text?',
          at: 'instant',
        }),
      );
      expect(await s.indexes('alert_deliveries')).toEqual(['alert_deliveries_by_alert']);
      expect(await s.columns('alert_routing')).toEqual(
        s.expected({ location: 'text', body: 'text', updated_at: 'instant' }),
      );
    });

    it('starts a staff alert open, unfolded and unescalated', async () => {
      const back = await s.storage.db
        .selectFrom('staff_alerts')
        .select(['status', 'aggregate_count', 'summarized_count', 'escalation_step'])
        .where('id', '=', 'sa1')
        .executeTakeFirstOrThrow();
      expect(back).toEqual({
        status: 'open',
        aggregate_count: 0,
        summarized_count: 0,
        escalation_step: 0,
      });
    });

    it('logs a delivery of an alert and keeps a location’s routing', async () => {
      await s.insert('alert_deliveries', deliveryRow());
      await s.insert('alert_routing', {
        location: 'Main store',
        body: '{"thresholds":{}}',
        updated_at: AT,
      });
      expect(await s.rows(['alert_deliveries', 'alert_routing'])).toMatchObject({
        alert_deliveries: [{ staff_alert_id: 'sa1', status: 'delivered' }],
        alert_routing: [{ location: 'Main store' }],
      });
    });

    it('refuses a wrong kind, priority, status or outcome, and routing one kiosk alert twice', async () => {
      const another = (over: Record<string, unknown>) =>
        s.insert(
          'staff_alerts',
          staffAlertRow({ id: crypto.randomUUID(), source_alert_id: null, ...over }),
        );
      await another({ id: 'sa-window', kind: 'window' });
      await expect(another({ kind: 'shouting' })).rejects.toThrow(/check/i);
      await expect(another({ priority: 'whenever' })).rejects.toThrow(/check/i);
      await expect(another({ status: 'snoozed' })).rejects.toThrow(/check/i);
      await expect(another({ outcome: 'fine' })).rejects.toThrow(/check/i);
      await expect(another({ kiosk_id: 'nobody' })).rejects.toThrow(/foreign/i);
      await expect(
        another({ source_alert_id: '0190f1c4-7d2a-7b3c-8d4e-5f6a7b8c9d0f' }),
        'a second staff alert for the same kiosk alert',
      ).rejects.toThrow(/unique|duplicate/i);
      await expect(
        s.storage.db
          .updateTable('staff_alerts')
          .set({ outcome: 'fine' as never })
          .execute(),
      ).rejects.toThrow(/check/i);
    });

    it('refuses a delivery of no alert, or with a status it does not know', async () => {
      await expect(
        s.insert('alert_deliveries', deliveryRow({ id: 'd2', staff_alert_id: 'missing' })),
      ).rejects.toThrow(/foreign/i);
      await expect(
        s.insert('alert_deliveries', deliveryRow({ id: 'd3', status: 'lost' })),
      ).rejects.toThrow(/check/i);
    });
  });
}
