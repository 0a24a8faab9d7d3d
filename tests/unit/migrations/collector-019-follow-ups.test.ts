// Collector migration 019-follow-ups on a database that holds earlier data, on SQLite and, where
// LASTWORD_TEST_PG_URL answers, PostgreSQL: every row kept, follow_ups added with its indexes,
// and the database itself refusing a channel or status the collector never writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  schemaUnderTest,
  seedV1,
  seedV2,
  type SchemaUnderTest,
} from '../../support/collector-schema.ts';
import { collectorEngines } from '../../support/collector.ts';

const followUp = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  answer_id: '01934b7e-0000-7000-8000-000000000001',
  alert_id: null,
  channel: 'email',
  template: 'apology',
  language: 'en',
  subject: 'Your visit',
  body: 'Dear Ada, …',
  sent_by: 'u1',
  created_at: '2026-12-02T09:00:00.000Z',
  updated_at: '2026-12-02T09:00:00.000Z',
  status: 'queued',
  error: null,
  attempts: 0,
  redacted_at: null,
  ...over,
});

for (const engine of await collectorEngines('collector migration 019')) {
  describe.skipIf(engine.skip)(`collector migration 019-follow-ups on ${engine.name}`, () => {
    let s: SchemaUnderTest;
    let before: Record<string, unknown[]>;
    beforeAll(async () => {
      s = await schemaUnderTest(engine);
      await s.migrateTo('010-window-counts');
      await seedV1(s);
      await seedV2(s);
      await s.migrateTo('018-digests');
      before = await s.rows(await s.tables());
      await s.migrateTo('019-follow-ups');
    });
    afterAll(async () => s?.drop());

    it('keeps every earlier row and adds follow_ups', async () => {
      expect(await s.rows(Object.keys(before))).toEqual(before);
      expect(await s.tables()).toEqual([...Object.keys(before), 'follow_ups'].sort());
      expect(await s.columns('follow_ups')).toEqual(
        s.expected({
          id: 'text',
          answer_id: 'uuid',
          alert_id: 'text?',
          channel: 'text',
          template: 'text',
          language: 'text',
          subject: 'text?',
          body: 'text?',
          sent_by: 'text',
          created_at: 'instant',
          updated_at: 'instant',
          status: 'text',
          error: 'text?',
          attempts: 'integer',
          redacted_at: 'instant?',
        }),
      );
      expect(await s.indexes('follow_ups')).toEqual(
        expect.arrayContaining([
          'follow_ups_by_answer',
          'follow_ups_by_sender',
          'follow_ups_by_alert',
        ]),
      );
    });

    it('takes a follow-up, and refuses a channel or status the collector does not know', async () => {
      await s.insert('follow_ups', followUp('a'));
      await s.insert('follow_ups', followUp('b', { channel: 'sms', status: 'failed' }));
      await expect(s.insert('follow_ups', followUp('c', { channel: 'fax' }))).rejects.toThrow();
      await expect(s.insert('follow_ups', followUp('d', { status: 'lost' }))).rejects.toThrow();
    });
  });
}
