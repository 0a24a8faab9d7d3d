// Collector migration 007-kiosk-rate-buckets on a database that holds the previous version's
// data, on SQLite and, where LASTWORD_TEST_PG_URL answers, PostgreSQL: every earlier table and
// row kept; on PostgreSQL one new unlogged table, kiosk_rate_buckets, that holds one bucket per
// kiosk; on SQLite (one instance, buckets in memory) no table at all.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../../server/db/migrations/index.ts';
import {
  schemaUnderTest,
  seedV1,
  seedV2,
  type SchemaUnderTest,
} from '../../support/collector-schema.ts';
import { collectorEngines } from '../../support/collector.ts';

const THIS = '007-kiosk-rate-buckets';
const PREVIOUS = migrations[migrations.findIndex((m) => m.name === THIS) - 1]!.name;

for (const engine of await collectorEngines('collector migration 007')) {
  describe.skipIf(engine.skip)(`collector migration ${THIS} on ${engine.name}`, () => {
    let s: SchemaUnderTest;
    let tables: string[];
    let rows: Record<string, unknown[]>;
    beforeAll(async () => {
      s = await schemaUnderTest(engine);
      await s.migrateTo(PREVIOUS);
      await seedV1(s);
      await seedV2(s);
      tables = await s.tables();
      rows = await s.rows(tables);
      await s.migrateTo(THIS);
    });
    afterAll(async () => s?.drop());

    it('keeps every earlier table and row', async () => {
      expect(await s.rows(tables)).toEqual(rows);
    });

    it(
      engine.name === 'PostgreSQL'
        ? 'adds kiosk_rate_buckets, unlogged, one bucket per kiosk'
        : 'adds no table: one SQLite instance keeps its buckets in memory',
      async () => {
        if (engine.name !== 'PostgreSQL') {
          expect(await s.tables()).toEqual(tables);
          return;
        }
        expect(await s.tables()).toEqual([...tables, 'kiosk_rate_buckets'].sort());
        const persistence = await sql<{ relpersistence: string }>`select relpersistence
          from pg_class where oid = 'kiosk_rate_buckets'::regclass`.execute(s.storage.db);
        expect(persistence.rows).toEqual([{ relpersistence: 'u' }]);
        const bucket = { kiosk_id: 'k1', tokens: 2.5, at_ms: 1_700_000_000_000, granted: true };
        await s.insert('kiosk_rate_buckets', bucket);
        await expect(s.insert('kiosk_rate_buckets', bucket)).rejects.toThrow();
      },
    );
  });
}
