// Collector migration 005-redaction on a database that holds v4 data, on SQLite and, where
// LASTWORD_TEST_PG_URL answers, PostgreSQL: every earlier row kept as it was, with nothing marked
// redacted and the delivery's personal data unknown; the new columns hold a redaction and a
// delivery's flag (and nothing but a flag); two indexes for the retention pass.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const EARLIER = [...V1_TABLES, ...V2_TABLES, ...V3_TABLES];
const ANSWER_ID = '0190f1c4-7d2a-7b3c-8d4e-5f6a7b8c9d0e';

for (const engine of await collectorEngines('collector migration 005')) {
  describe.skipIf(engine.skip)(`collector migration 005-redaction on ${engine.name}`, () => {
    let s: SchemaUnderTest;
    let v4: Record<string, unknown[]>;
    beforeAll(async () => {
      s = await schemaUnderTest(engine);
      await s.migrateTo('004-alert-actor-ids');
      await seedV1(s);
      await seedV2(s);
      v4 = await s.rows(EARLIER);
      await s.migrateTo('005-redaction');
    });
    afterAll(async () => s?.drop());

    it('keeps every v4 row: nothing redacted, personal data of old deliveries unknown', async () => {
      const unchanged = (table: string, added: Record<string, null>) =>
        v4[table]!.map((row) => ({ ...(row as object), ...added }));
      expect(await s.rows(EARLIER)).toEqual({
        ...v4,
        answers: unchanged('answers', { redacted_at: null }),
        staff_alerts: unchanged('staff_alerts', { redacted_at: null }),
        alert_deliveries: unchanged('alert_deliveries', { personal_data: null }),
      });
      expect(v4.answers).toMatchObject([{ comment: 'Too slow' }]);
    });

    it('adds three columns and two indexes, and no table', async () => {
      expect(await s.tables()).toEqual([...EARLIER].sort());
      expect(await s.columns('answers')).toMatchObject(s.expected({ redacted_at: 'instant?' }));
      expect(await s.columns('staff_alerts')).toMatchObject(
        s.expected({ redacted_at: 'instant?' }),
      );
      expect(await s.columns('alert_deliveries')).toMatchObject(
        s.expected({ personal_data: 'flag?' }),
      );
      expect(await s.indexes('answers')).toEqual(['answers_with_text_by_received']);
      expect(await s.indexes('staff_alerts')).toEqual([
        'staff_alerts_by_answer',
        'staff_alerts_by_kiosk',
        'staff_alerts_by_status',
        'staff_alerts_with_note_by_received',
      ]);
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
