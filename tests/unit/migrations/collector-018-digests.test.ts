// Collector migration 018-digests on a database that holds earlier data, on SQLite and, where
// LASTWORD_TEST_PG_URL answers, PostgreSQL: every row kept, the three digest tables added, and
// the database itself refusing what would mail someone twice: a location's week claimed twice
// (two instances ticking at once), one address subscribed twice to one location, one delivery
// row twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  schemaUnderTest,
  seedV1,
  seedV2,
  type SchemaUnderTest,
} from '../../support/collector-schema.ts';
import { collectorEngines } from '../../support/collector.ts';

const AT = '2026-11-30T07:00:00.000Z';

for (const engine of await collectorEngines('collector migration 018')) {
  describe.skipIf(engine.skip)(`collector migration 018-digests on ${engine.name}`, () => {
    let s: SchemaUnderTest;
    let before: Record<string, unknown[]>;
    beforeAll(async () => {
      s = await schemaUnderTest(engine);
      await s.migrateTo('010-window-counts');
      await seedV1(s);
      await seedV2(s);
      await s.migrateTo('017-duty-shifts');
      before = await s.rows(await s.tables());
      await s.migrateTo('018-digests');
    });
    afterAll(async () => s?.drop());

    it('keeps every earlier row and adds the digest tables', async () => {
      expect(await s.rows(Object.keys(before))).toEqual(before);
      expect(await s.tables()).toEqual(
        [...Object.keys(before), 'digest_deliveries', 'digest_sends', 'digest_subscribers'].sort(),
      );
      expect(await s.columns('digest_subscribers')).toEqual(
        s.expected({
          id: 'text',
          location_id: 'integer',
          email: 'text',
          user_id: 'text?',
          unsubscribe_token: 'text',
          created_at: 'instant',
        }),
      );
      expect(await s.columns('digest_sends')).toEqual(
        s.expected({
          location_id: 'integer',
          week: 'text',
          due_at: 'instant',
          created_at: 'instant',
        }),
      );
      expect(await s.columns('digest_deliveries')).toEqual(
        s.expected({
          location_id: 'integer',
          week: 'text',
          subscriber_id: 'text',
          status: 'text',
          attempts: 'integer',
          updated_at: 'instant',
          error: 'text?',
        }),
      );
      expect(await s.indexes('digest_subscribers')).toContain('digest_subscribers_by_user');
    });

    it('refuses a second claim of a week, a second subscription of an address, a second delivery', async () => {
      const send = { location_id: 1, week: '2026-11-23', due_at: AT, created_at: AT };
      await s.insert('digest_sends', send);
      await expect(s.insert('digest_sends', send)).rejects.toThrow();
      await s.insert('digest_sends', { ...send, week: '2026-11-30' });

      const sub = (id: string, over: Record<string, unknown> = {}) => ({
        id,
        location_id: 1,
        email: 'lead@example.com',
        user_id: null,
        unsubscribe_token: `token-${id}`,
        created_at: AT,
        ...over,
      });
      await s.insert('digest_subscribers', sub('a'));
      await expect(s.insert('digest_subscribers', sub('b'))).rejects.toThrow();
      await expect(
        s.insert(
          'digest_subscribers',
          sub('c', { email: 'x@example.com', unsubscribe_token: 'token-a' }),
        ),
      ).rejects.toThrow();
      await s.insert('digest_subscribers', sub('d', { location_id: 2 }));

      const delivery = {
        location_id: 1,
        week: '2026-11-23',
        subscriber_id: 'a',
        status: 'pending',
        attempts: 0,
        updated_at: AT,
        error: null,
      };
      await s.insert('digest_deliveries', delivery);
      await expect(s.insert('digest_deliveries', delivery)).rejects.toThrow();
    });
  });
}
