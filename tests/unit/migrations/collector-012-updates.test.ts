// Collector migration 012-updates on a database that holds earlier data, on SQLite and, where
// LASTWORD_TEST_PG_URL answers, PostgreSQL: every row kept, the releases and update_assignments
// tables added, and the database itself refusing a rollout share outside 0–100, an unknown
// channel, and an assignment that says nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  schemaUnderTest,
  seedV1,
  seedV2,
  type SchemaUnderTest,
} from '../../support/collector-schema.ts';
import { collectorEngines } from '../../support/collector.ts';

const release = (over: Record<string, unknown> = {}) => ({
  version: '1.0.0',
  channel: 'stable',
  manifests: '{}',
  files: '[]',
  percent: 100,
  published_at: '2026-12-01T10:00:00.000Z',
  ...over,
});
const assignment = (over: Record<string, unknown> = {}) => ({
  scope: 'kiosk',
  target: 'k1',
  channel: 'beta',
  version: null,
  updated_at: '2026-12-01T10:00:00.000Z',
  ...over,
});

for (const engine of await collectorEngines('collector migration 012')) {
  describe.skipIf(engine.skip)(`collector migration 012-updates on ${engine.name}`, () => {
    let s: SchemaUnderTest;
    let v11: Record<string, unknown[]>;
    beforeAll(async () => {
      s = await schemaUnderTest(engine);
      await s.migrateTo('010-window-counts');
      await seedV1(s);
      await seedV2(s);
      await s.migrateTo('011-locations');
      v11 = await s.rows(await s.tables());
      await s.migrateTo('012-updates');
    });
    afterAll(async () => s?.drop());

    it('keeps every v11 row', async () => {
      expect(await s.rows(Object.keys(v11))).toEqual(v11);
    });

    it('adds releases and update_assignments', async () => {
      expect(await s.tables()).toEqual(
        [...Object.keys(v11), 'releases', 'update_assignments'].sort(),
      );
      expect(await s.columns('releases')).toEqual(
        s.expected({
          version: 'text',
          channel: 'text',
          manifests: 'json',
          files: 'json',
          percent: 'integer',
          published_at: 'instant',
          withdrawn_at: 'instant?',
        }),
      );
      expect(await s.columns('update_assignments')).toEqual(
        s.expected({
          scope: 'text',
          target: 'text',
          channel: 'text?',
          version: 'text?',
          updated_at: 'instant',
        }),
      );
    });

    it('refuses a share outside 0–100, an unknown channel, and an empty assignment', async () => {
      await s.insert('releases', release());
      await expect(
        s.insert('releases', release({ version: '1.0.1', percent: 140 })),
      ).rejects.toThrow();
      await expect(
        s.insert('releases', release({ version: '1.0.2', channel: 'nightly' })),
      ).rejects.toThrow();
      await expect(s.insert('releases', release())).rejects.toThrow();
      await s.insert('update_assignments', assignment());
      await s.insert(
        'update_assignments',
        assignment({ target: 'k2', channel: null, version: '1.0.0' }),
      );
      await expect(
        s.insert('update_assignments', assignment({ target: 'k3', channel: null })),
      ).rejects.toThrow();
      await expect(
        s.insert('update_assignments', assignment({ target: 'k4', scope: 'region' })),
      ).rejects.toThrow();
    });
  });
}
