// Collector migration 014-comment-search on a database that holds earlier data, on SQLite and,
// where LASTWORD_TEST_PG_URL answers, PostgreSQL: every row kept, comments already stored found
// by a search at once (the index is filled, not only kept from now on), a comment added later
// found and a redacted one gone from the index itself, the indexes a feed and the read API need,
// and api_tokens refusing two tokens with one name or one hash.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentMatches, searchWords } from '../../../server/reports/comment-search.ts';
import {
  AT,
  schemaUnderTest,
  seedV1,
  seedV2,
  type SchemaUnderTest,
} from '../../support/collector-schema.ts';
import { collectorEngines } from '../../support/collector.ts';

const SEEDED = '0190f1c4-7d2a-7b3c-8d4e-5f6a7b8c9d0e';
const LATER = '0190f1c4-7d2a-7b3c-8d4e-5f6a7b8c9d1a';

for (const engine of await collectorEngines('collector migration 014')) {
  describe.skipIf(engine.skip)(`collector migration 014-comment-search on ${engine.name}`, () => {
    let s: SchemaUnderTest;
    let v12: Record<string, unknown[]>;
    beforeAll(async () => {
      s = await schemaUnderTest(engine);
      await s.migrateTo('010-window-counts');
      await seedV1(s);
      await seedV2(s);
      await s.migrateTo('012-updates');
      v12 = await s.rows(await s.tables());
      await s.migrateTo('014-comment-search');
    });
    afterAll(async () => s?.drop());

    const found = async (text: string) =>
      (
        await s.storage.db
          .selectFrom('answers')
          .select('id')
          .where(commentMatches(s.storage.engine, searchWords(text)))
          .orderBy('id')
          .execute()
      ).map((r) => r.id);

    it('keeps every v12 row', async () => {
      expect(await s.rows(Object.keys(v12))).toEqual(v12);
    });

    it('finds comments stored before it, by prefix and by stem', async () => {
      expect(await found('slow')).toEqual([SEEDED]);
      expect(await found('TOO sl')).toEqual([SEEDED]);
      expect(await found('fast')).toEqual([]);
    });

    it('indexes a comment stored later, and forgets a redacted one', async () => {
      await s.insert('answers', {
        id: LATER,
        kiosk_id: 'k1',
        seq: 2,
        survey_version: 's1',
        status: 'complete',
        language: 'en',
        started_at: AT,
        finalized_at: AT,
        smiley: 2,
        reasons: '[]',
        comment: 'We were waiting for ages',
        talk_now: s.storage.engine === 'sqlite' ? 0 : false,
        possible_repeat: s.storage.engine === 'sqlite' ? 0 : false,
        device_sent_at: AT,
        received_at: AT,
      });
      expect(await found('waited')).toEqual([LATER]);
      expect(await found('wait ages')).toEqual([LATER]);
      await s.storage.db
        .updateTable('answers')
        .set({ comment: null, redacted_at: AT })
        .where('id', '=', LATER)
        .execute();
      expect(await found('waiting')).toEqual([]);
      if (s.storage.engine === 'sqlite') {
        // The words themselves leave the index (secure-delete), not only the match.
        await sql`create virtual table temp.fts_words using fts5vocab(main, answers_fts, row)`.execute(
          s.storage.db,
        );
        const words = await sql<{ term: string }>`select term from temp.fts_words`.execute(
          s.storage.db,
        );
        expect(words.rows.map((r) => r.term).sort()).toEqual(['slow', 'too']);
      }
    });

    it('adds the feed’s, the read API’s and the search’s indexes', async () => {
      const indexes = await s.indexes('answers');
      expect(indexes).toEqual(
        expect.arrayContaining(['answers_by_update', 'answers_comments_by_time']),
      );
      if (s.storage.engine !== 'sqlite') expect(indexes).toContain('answers_comment_search');
    });

    it('adds api_tokens, one name and one hash each', async () => {
      // The id's nullability reads differently per engine (an SQLite rowid alias): left out.
      const { id, ...columns } = await s.columns('api_tokens');
      expect(id).toMatch(/^(INTEGER|int4) /);
      expect(columns).toEqual(
        s.expected({
          name: 'text',
          token_hash: 'text',
          locations: 'json?',
          created_at: 'instant',
          revoked_at: 'instant?',
        }),
      );
      const token = { name: 'bi', token_hash: 'h1', locations: null, created_at: AT };
      await s.insert('api_tokens', token);
      await expect(s.insert('api_tokens', { ...token, token_hash: 'h2' })).rejects.toThrow();
      await expect(s.insert('api_tokens', { ...token, name: 'crm' })).rejects.toThrow();
    });
  });
}
