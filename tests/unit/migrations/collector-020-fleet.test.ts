// Collector migration 020-fleet on a database that holds earlier data, on SQLite and, where
// LASTWORD_TEST_PG_URL answers, PostgreSQL: every row kept (kiosks with their new fleet columns
// empty), the history tables added with their keys and indexes, and the database itself refusing
// a status the collector never writes and a second row for one kiosk's hour.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  schemaUnderTest,
  seedV1,
  seedV2,
  type SchemaUnderTest,
} from '../../support/collector-schema.ts';
import { collectorEngines } from '../../support/collector.ts';

const NEW_KIOSK_COLUMNS = {
  dead_letters: 'integer?',
  storage_error: 'text?',
  storage_errors: 'integer?',
  storage_failing_since: 'instant?',
  started_at: 'instant?',
  recent_restarts: 'text?',
  last_tap_at: 'instant?',
  taps_today: 'integer?',
  fleet_status: 'text?',
  fleet_status_since: 'instant?',
};

const hourRow = (over: Record<string, unknown> = {}) => ({
  kiosk_id: 'desk-1',
  hour: '2026-12-02T09:00:00.000Z',
  heartbeats: 60,
  restarts: 0,
  max_queue_depth: 3,
  max_abs_skew_ms: 1200,
  storage_failing: 0,
  dead_letters: 0,
  storage_errors: null,
  taps_today: 12,
  last_at: '2026-12-02T09:59:30.000Z',
  ...over,
});

for (const engine of await collectorEngines('collector migration 020')) {
  describe.skipIf(engine.skip)(`collector migration 020-fleet on ${engine.name}`, () => {
    let s: SchemaUnderTest;
    let before: Record<string, unknown[]>;
    beforeAll(async () => {
      s = await schemaUnderTest(engine);
      await s.migrateTo('010-window-counts');
      await seedV1(s);
      await seedV2(s);
      await s.migrateTo('019-follow-ups');
      before = await s.rows(await s.tables());
      await s.migrateTo('020-fleet');
    });
    afterAll(async () => s?.drop());

    it('keeps every earlier row and gives kiosks empty fleet columns', async () => {
      const after = await s.rows(Object.keys(before));
      const empty = Object.fromEntries(Object.keys(NEW_KIOSK_COLUMNS).map((c) => [c, null]));
      expect(after.kiosks!.length).toBeGreaterThan(0);
      expect(after.kiosks).toEqual(
        before.kiosks!.map((k) => ({ ...(k as Record<string, unknown>), ...empty })),
      );
      expect({ ...after, kiosks: [] }).toEqual({ ...before, kiosks: [] });
      const columns = await s.columns('kiosks');
      expect(columns).toMatchObject(s.expected(NEW_KIOSK_COLUMNS));
    });

    it('adds the history tables with their indexes', async () => {
      expect(await s.tables()).toEqual(
        [
          ...Object.keys(before),
          'fleet_claims',
          'kiosk_hours',
          'kiosk_status_events',
          'touchpoint_usual_taps',
        ].sort(),
      );
      expect(await s.columns('kiosk_hours')).toEqual(
        s.expected({
          kiosk_id: 'text',
          hour: 'instant',
          heartbeats: 'integer',
          restarts: 'integer',
          max_queue_depth: 'integer',
          max_abs_skew_ms: 'big',
          storage_failing: 'integer',
          dead_letters: 'integer?',
          storage_errors: 'integer?',
          taps_today: 'integer?',
          last_at: 'instant',
        }),
      );
      expect(await s.indexes('kiosk_hours')).toEqual(['kiosk_hours_by_hour']);
      expect(await s.indexes('kiosk_status_events')).toEqual([
        'kiosk_status_events_by_at',
        'kiosk_status_events_by_kiosk',
      ]);
    });

    it('takes one row per kiosk hour and only the statuses the collector writes', async () => {
      await s.insert('kiosk_hours', hourRow());
      await expect(s.insert('kiosk_hours', hourRow())).rejects.toThrow();
      const event = { kiosk_id: 'desk-1', at: '2026-12-02T09:00:00.000Z' };
      await s.insert('kiosk_status_events', { ...event, status: 'offline', previous: 'ok' });
      await s.insert('kiosk_status_events', { ...event, status: 'ok', previous: null });
      await expect(
        s.insert('kiosk_status_events', { ...event, status: 'asleep', previous: null }),
      ).rejects.toThrow();
      await expect(
        s.insert('kiosk_status_events', { ...event, status: 'ok', previous: 'gone' }),
      ).rejects.toThrow();
      await s.insert('fleet_claims', {
        task: 'fleet.prune',
        day: '2026-12-02',
        claimed_at: '2026-12-02T00:00:01.000Z',
      });
      await expect(
        s.insert('fleet_claims', {
          task: 'fleet.prune',
          day: '2026-12-02',
          claimed_at: '2026-12-02T00:00:02.000Z',
        }),
      ).rejects.toThrow();
    });
  });
}
