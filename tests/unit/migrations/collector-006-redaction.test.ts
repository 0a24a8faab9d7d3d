// Collector migration 006-redaction on a database that holds the previous version's data, on
// SQLite and, where LASTWORD_TEST_PG_URL answers, PostgreSQL: every earlier row kept as it was,
// with nothing marked redacted and the delivery's personal data unknown; three new columns, which
// hold a redaction and a delivery's flag (and nothing but a flag), and two indexes for the
// retention pass; no table and no other column or index.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../../server/db/migrations/index.ts';
import {
  AT,
  deliveryRow,
  schemaUnderTest,
  seedV1,
  seedV2,
  V1_TABLES,
  V2_TABLES,
  V3_TABLES,
  type SchemaUnderTest,
} from '../../support/collector-schema.ts';
import { collectorEngines } from '../../support/collector.ts';

const THIS = '006-redaction';
const PREVIOUS = migrations[migrations.findIndex((m) => m.name === THIS) - 1]!.name;
const EARLIER = [...V1_TABLES, ...V2_TABLES, ...V3_TABLES];
const ANSWER_ID = '0190f1c4-7d2a-7b3c-8d4e-5f6a7b8c9d0e';
const CHANGED = ['answers', 'staff_alerts', 'alert_deliveries'] as const;

for (const engine of await collectorEngines('collector migration 006')) {
  describe.skipIf(engine.skip)(`collector migration ${THIS} on ${engine.name}`, () => {
    let s: SchemaUnderTest;
    let rows: Record<string, unknown[]>;
    let tables: string[];
    const columns: Record<string, Record<string, string>> = {};
    const indexes: Record<string, string[]> = {};
    beforeAll(async () => {
      s = await schemaUnderTest(engine);
      await s.migrateTo(PREVIOUS);
      await seedV1(s);
      await seedV2(s);
      rows = await s.rows(EARLIER);
      tables = await s.tables();
      for (const t of CHANGED) {
        columns[t] = await s.columns(t);
        indexes[t] = await s.indexes(t);
      }
      await s.migrateTo(THIS);
    });
    afterAll(async () => s?.drop());

    it('keeps every earlier row: nothing redacted, personal data of old deliveries unknown', async () => {
      const unchanged = (table: string, added: Record<string, null>) =>
        rows[table]!.map((row) => ({ ...(row as object), ...added }));
      expect(await s.rows(EARLIER)).toEqual({
        ...rows,
        answers: unchanged('answers', { redacted_at: null }),
        staff_alerts: unchanged('staff_alerts', { redacted_at: null }),
        alert_deliveries: unchanged('alert_deliveries', { personal_data: null }),
      });
      expect(rows.answers).toMatchObject([{ comment: 'Too slow' }]);
    });

    it('adds three columns and two indexes, and no table', async () => {
      expect(await s.tables()).toEqual(tables);
      expect(await s.columns('answers')).toEqual({
        ...columns.answers,
        ...s.expected({ redacted_at: 'instant?' }),
      });
      expect(await s.columns('staff_alerts')).toEqual({
        ...columns.staff_alerts,
        ...s.expected({ redacted_at: 'instant?' }),
      });
      expect(await s.columns('alert_deliveries')).toEqual({
        ...columns.alert_deliveries,
        ...s.expected({ personal_data: 'flag?' }),
      });
      expect(await s.indexes('answers')).toEqual(
        [...indexes.answers!, 'answers_with_text_by_received'].sort(),
      );
      expect(await s.indexes('staff_alerts')).toEqual(
        [...indexes.staff_alerts!, 'staff_alerts_with_note_by_received'].sort(),
      );
      expect(await s.indexes('alert_deliveries')).toEqual(indexes.alert_deliveries);
    });

    it('stores a redaction and whether a delivery carried personal data, and only a flag', async () => {
      await s.storage.db
        .updateTable('answers')
        .set({ comment: null, contact: null, redacted_at: AT })
        .where('id', '=', ANSWER_ID)
        .execute();
      const answer = await s.storage.db
        .selectFrom('answers')
        .select(['comment', 'contact', 'smiley', 'nps', 'redacted_at'])
        .executeTakeFirstOrThrow();
      expect({ ...answer, redacted_at: new Date(answer.redacted_at!).toISOString() }).toEqual({
        comment: null,
        contact: null,
        smiley: 1,
        nps: 2,
        redacted_at: AT,
      });
      await s.insert('alert_deliveries', deliveryRow({ id: 'd2', personal_data: 1 }));
      const flag = await s.storage.db
        .selectFrom('alert_deliveries')
        .select('personal_data')
        .where('id', '=', 'd2')
        .executeTakeFirstOrThrow();
      expect([1, true]).toContain(flag.personal_data);
      await expect(
        s.insert('alert_deliveries', deliveryRow({ id: 'd3', personal_data: 2 })),
      ).rejects.toThrow();
    });
  });
}
