// Collector migration 009-durable-jobs on a database that holds v8 data, on SQLite and, where
// LASTWORD_TEST_PG_URL answers, PostgreSQL: every earlier row kept (old deliveries without a
// message id), held_notifications on both engines, and local_jobs on SQLite only (PostgreSQL's
// jobs live in pg-boss's own schema).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deliveryRow,
  schemaUnderTest,
  seedV1,
  seedV2,
  type SchemaUnderTest,
} from '../../support/collector-schema.ts';
import { collectorEngines } from '../../support/collector.ts';

for (const engine of await collectorEngines('collector migration 009')) {
  describe.skipIf(engine.skip)(`collector migration 009-durable-jobs on ${engine.name}`, () => {
    let s: SchemaUnderTest;
    let v8: Record<string, unknown[]>;
    let earlier: string[];
    const sqlite = engine.name === 'SQLite';
    beforeAll(async () => {
      s = await schemaUnderTest(engine);
      await s.migrateTo('008-alert-events');
      await seedV1(s);
      await seedV2(s);
      earlier = await s.tables();
      v8 = await s.rows(earlier);
      await s.migrateTo('009-durable-jobs');
    });
    afterAll(async () => s?.drop());

    it('keeps every v8 row; old deliveries have no message id', async () => {
      const now = await s.rows(earlier);
      expect(now.alert_deliveries).toEqual(
        v8.alert_deliveries!.map((r) => ({ ...(r as object), message_id: null })),
      );
      expect({ ...now, alert_deliveries: [] }).toEqual({ ...v8, alert_deliveries: [] });
      expect(await s.indexes('alert_deliveries')).toContain('alert_deliveries_by_message');
    });

    it('adds held_notifications, and local_jobs on SQLite only', async () => {
      const added = sqlite ? ['held_notifications', 'local_jobs'] : ['held_notifications'];
      expect(await s.tables()).toEqual([...earlier, ...added].sort());
      expect(await s.columns('held_notifications')).toEqual(
        s.expected({
          id: 'text',
          staff_alert_id: 'text',
          location: 'text',
          reason: 'text',
          more: 'json?',
          channels: 'json',
          held_at: 'instant',
        }),
      );
      if (!sqlite) return;
      expect(await s.columns('local_jobs')).toEqual(
        s.expected({
          id: 'text',
          queue: 'text',
          data: 'json',
          run_after: 'integer',
          attempts: 'integer=',
          last_error: 'text?',
        }),
      );
      await expect(
        s.insert('local_jobs', { id: 'j1', queue: 'q', data: '{}', run_after: 'soon' }),
      ).rejects.toThrow();
    });

    it('records a delivery with its message id', async () => {
      await s.insert('alert_deliveries', deliveryRow({ id: 'd2', message_id: 'msg_sa1_initial' }));
      const row = await s.storage.db
        .selectFrom('alert_deliveries')
        .select('message_id')
        .where('id', '=', 'd2')
        .executeTakeFirstOrThrow();
      expect(row.message_id).toBe('msg_sa1_initial');
    });
  });
}
