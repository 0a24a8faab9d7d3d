// Collector migration 001-initial on SQLite and, where LASTWORD_TEST_PG_URL answers, PostgreSQL:
// the kiosk tables with their columns, keys and index, and the checks that keep an impossible
// answer or alert out of the store on both engines (SQLite tables are STRICT, so a wrong type
// fails there as it does in PostgreSQL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AT,
  schemaUnderTest,
  seedV1,
  V1_TABLES,
  type SchemaUnderTest,
} from '../../support/collector-schema.ts';
import { collectorEngines } from '../../support/collector.ts';

const ANSWER = {
  id: '0190f1c4-7d2a-7b3c-8d4e-000000000001',
  kiosk_id: 'k1',
  seq: 2,
  survey_version: 's1',
  status: 'partial',
  language: 'en',
  started_at: AT,
  finalized_at: AT,
  smiley: 4,
  reasons: '[]',
  talk_now: 0,
  possible_repeat: 0,
  device_sent_at: AT,
  received_at: AT,
};

for (const engine of await collectorEngines('collector migration 001')) {
  describe.skipIf(engine.skip)(`collector migration 001-initial on ${engine.name}`, () => {
    let s: SchemaUnderTest;
    beforeAll(async () => {
      s = await schemaUnderTest(engine);
      await s.migrateTo('001-initial');
      await seedV1(s);
    });
    afterAll(async () => s?.drop());

    it('creates the kiosk tables, and only those', async () => {
      expect(await s.tables()).toEqual(V1_TABLES);
    });

    it('gives each table its columns, with the engine’s types for instants, flags and JSON', async () => {
      expect(await s.columns('kiosks')).toEqual(
        s.expected({
          id: 'text',
          token_hash: 'text',
          location: 'text',
          touchpoint: 'text',
          enrolled_at: 'instant',
          revoked_at: 'instant?',
          highest_contiguous_seq: 'integer=',
          last_seen_at: 'instant?',
          clock_skew_ms: 'big?',
          clock_flagged: 'flag=',
          app_version: 'text?',
          queue_depth: 'integer?',
          oldest_unsent_at: 'instant?',
          last_error: 'text?',
          last_heartbeat_at: 'instant?',
          last_heartbeat_device_time: 'instant?',
        }),
      );
      expect(await s.columns('answers')).toEqual(
        s.expected({
          id: 'uuid',
          kiosk_id: 'text',
          seq: 'integer',
          survey_version: 'text',
          status: 'text',
          language: 'text',
          started_at: 'instant',
          finalized_at: 'instant',
          smiley: 'integer',
          reasons: 'json',
          nps: 'integer?',
          ces: 'integer?',
          comment: 'text?',
          contact: 'json?',
          talk_now: 'flag',
          possible_repeat: 'flag',
          device_sent_at: 'instant',
          received_at: 'instant',
        }),
      );
      expect(await s.columns('alerts')).toEqual(
        s.expected({
          id: 'uuid',
          kiosk_id: 'text',
          answer_id: 'uuid?',
          kind: 'text',
          created_at: 'instant',
          detail: 'json',
          device_sent_at: 'instant',
          received_at: 'instant',
        }),
      );
      expect(await s.columns('kiosk_configs')).toEqual(
        s.expected({ kiosk_id: 'text', version: 'text', body: 'text', updated_at: 'instant' }),
      );
      expect(await s.indexes('alerts')).toEqual(['alerts_by_kiosk']);
    });

    it('stores a kiosk with its answer, alert and config, starting the seq run at 0', async () => {
      const rows = await s.rows(['kiosks', 'answers', 'alerts', 'kiosk_configs']);
      expect(rows.kiosks).toMatchObject([{ id: 'k1', highest_contiguous_seq: 0 }]);
      expect(rows.answers).toMatchObject([{ kiosk_id: 'k1', seq: 1, smiley: 1 }]);
      expect(rows.alerts).toMatchObject([{ kiosk_id: 'k1', kind: 'low_score' }]);
      expect(rows.kiosk_configs).toMatchObject([{ kiosk_id: 'k1', version: 'v1' }]);
    });

    it('refuses answers no kiosk could send', async () => {
      await s.insert('answers', ANSWER);
      const next = (over: Record<string, unknown>) =>
        s.insert('answers', { ...ANSWER, id: crypto.randomUUID(), seq: 3, ...over });
      await expect(next({ seq: 2 }), 'a held seq').rejects.toThrow(/unique|duplicate/i);
      await expect(next({ seq: 0 })).rejects.toThrow(/check/i);
      await expect(next({ status: 'draft' })).rejects.toThrow(/check/i);
      await expect(next({ smiley: 6 })).rejects.toThrow(/check/i);
      await expect(next({ nps: 11 })).rejects.toThrow(/check/i);
      await expect(next({ ces: 0 })).rejects.toThrow(/check/i);
      await expect(next({ kiosk_id: 'nobody' })).rejects.toThrow(/foreign/i);
      await expect(next({ seq: 'three' }), 'a wrong type').rejects.toThrow();
      await expect(next({ talk_now: 2 }), 'a flag other than 0/1').rejects.toThrow();
      await expect(next({ reasons: null })).rejects.toThrow(/null/i);
    });

    it('refuses a kiosk alert of a kind kiosks do not send, or of no kiosk', async () => {
      const alert = {
        id: '0190f1c4-7d2a-7b3c-8d4e-000000000002',
        kiosk_id: 'k1',
        answer_id: null,
        kind: 'talk_now',
        created_at: AT,
        detail: '{}',
        device_sent_at: AT,
        received_at: AT,
      };
      await s.insert('alerts', alert);
      await expect(
        s.insert('alerts', { ...alert, id: crypto.randomUUID(), kind: 'window' }),
      ).rejects.toThrow(/check/i);
      await expect(
        s.insert('alerts', { ...alert, id: crypto.randomUUID(), kiosk_id: 'nobody' }),
      ).rejects.toThrow(/foreign/i);
      await expect(
        s.insert('kiosks', {
          id: 'k2',
          token_hash: 'h1',
          location: 'x',
          touchpoint: 'y',
          enrolled_at: AT,
        }),
        'a second kiosk with the same token',
      ).rejects.toThrow(/unique|duplicate/i);
    });
  });
}
