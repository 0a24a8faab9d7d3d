// Collector migration 024-it-alerts on a database that holds earlier data, on SQLite and, where
// LASTWORD_TEST_PG_URL answers, PostgreSQL: every row kept (kiosks gain two empty columns),
// it_alert_deliveries and it_default_routing added, and the database itself refusing an unknown
// status or reason, a delivery for a kiosk that does not exist and a second default routing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AT,
  schemaUnderTest,
  seedV1,
  seedV2,
  type SchemaUnderTest,
} from '../../support/collector-schema.ts';
import { collectorEngines } from '../../support/collector.ts';

const ADDED = ['it_alert_status', 'it_alerted_at'];

const delivery = (over: Record<string, unknown> = {}) => ({
  id: 'd1',
  kiosk_id: 'k1',
  kiosk_status: 'offline',
  channel: 'it',
  channel_kind: 'generic',
  reason: 'alert',
  attempt: 1,
  status: 'delivered',
  http_status: 200,
  error: null,
  at: AT,
  message_id: 'it_k1_alert_offline_1_it',
  ...over,
});

for (const engine of await collectorEngines('collector migration 024')) {
  describe.skipIf(engine.skip)(`collector migration 024-it-alerts on ${engine.name}`, () => {
    let s: SchemaUnderTest;
    let before: Record<string, unknown[]>;
    beforeAll(async () => {
      s = await schemaUnderTest(engine);
      await s.migrateTo('010-window-counts');
      await seedV1(s);
      await seedV2(s);
      await s.migrateTo('023-results-months');
      before = await s.rows(await s.tables());
      await s.migrateTo('024-it-alerts');
    });
    afterAll(async () => s?.drop());

    it('keeps every earlier row and adds the IT alert tables', async () => {
      const after = await s.rows(Object.keys(before));
      for (const kiosk of after.kiosks as Record<string, unknown>[])
        for (const column of ADDED) {
          expect(kiosk[column], column).toBeNull();
          delete kiosk[column];
        }
      expect(after).toEqual(before);
      expect(await s.tables()).toEqual(
        [...Object.keys(before), 'it_alert_deliveries', 'it_default_routing'].sort(),
      );
      expect(await s.columns('it_alert_deliveries')).toEqual(
        s.expected({
          id: 'text',
          kiosk_id: 'text',
          kiosk_status: 'text',
          channel: 'text',
          channel_kind: 'text',
          reason: 'text',
          attempt: 'integer',
          status: 'text',
          http_status: 'integer?',
          error: 'text?',
          at: 'instant',
          message_id: 'text',
        }),
      );
      expect(await s.indexes('it_alert_deliveries')).toEqual([
        'it_alert_deliveries_by_kiosk',
        'it_alert_deliveries_by_message',
      ]);
      const kiosks = await s.columns('kiosks');
      expect([kiosks.it_alert_status, kiosks.it_alerted_at]).toEqual([
        s.expected({ x: 'text?' }).x,
        s.expected({ x: 'instant?' }).x,
      ]);
    });

    it('refuses an unknown status or reason, a kiosk that does not exist, a second default', async () => {
      await s.insert('it_alert_deliveries', delivery());
      await s.insert(
        'it_alert_deliveries',
        delivery({ id: 'd2', reason: 'recovered', kiosk_status: 'ok' }),
      );
      await expect(
        s.insert('it_alert_deliveries', delivery({ id: 'd3', kiosk_status: 'sleepy' })),
      ).rejects.toThrow();
      await expect(
        s.insert('it_alert_deliveries', delivery({ id: 'd4', reason: 'nag' })),
      ).rejects.toThrow();
      await expect(
        s.insert('it_alert_deliveries', delivery({ id: 'd5', status: 'lost' })),
      ).rejects.toThrow();
      await expect(
        s.insert('it_alert_deliveries', delivery({ id: 'd6', kiosk_id: 'nobody' })),
      ).rejects.toThrow();
      const routing = { scope: 'default', body: '{}', updated_at: AT };
      await s.insert('it_default_routing', routing);
      await expect(s.insert('it_default_routing', routing)).rejects.toThrow();
      await expect(
        s.insert('it_default_routing', { ...routing, scope: 'Main store' }),
      ).rejects.toThrow();
      await expect(
        s.storage.db
          .updateTable('kiosks')
          .set({ it_alert_status: 'asleep' as never })
          .execute(),
      ).rejects.toThrow();
    });
  });
}
