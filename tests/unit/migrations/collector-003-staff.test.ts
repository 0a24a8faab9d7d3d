// Collector migration 003-staff on a database that holds v2 data, on SQLite and, where
// LASTWORD_TEST_PG_URL answers, PostgreSQL: every earlier row kept as it was, the staff account,
// session and login-throttle tables with their columns and index, and the checks that keep an
// unknown role, a second account of one name and a session of no user out of the store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AT,
  schemaUnderTest,
  seedV1,
  seedV2,
  V1_TABLES,
  V2_TABLES,
  V3_TABLES,
  type SchemaUnderTest,
} from '../../support/collector-schema.ts';
import { collectorEngines } from '../../support/collector.ts';

const user = (id: string, username: string, role = 'staff') => ({
  id,
  username,
  display_name: username,
  password_hash: 'scrypt$16384$8$1$salt$hash',
  role,
  locations: '["Main store"]',
  created_at: AT,
  disabled: 0,
});
const session = (id: string, userId: string) => ({
  id,
  user_id: userId,
  created_at: AT,
  expires_at: AT,
  last_seen_at: AT,
  csrf_token: 'c',
});

for (const engine of await collectorEngines('collector migration 003')) {
  describe.skipIf(engine.skip)(`collector migration 003-staff on ${engine.name}`, () => {
    let s: SchemaUnderTest;
    let v2: Record<string, unknown[]>;
    beforeAll(async () => {
      s = await schemaUnderTest(engine);
      await s.migrateTo('002-staff-alerts');
      await seedV1(s);
      await seedV2(s);
      v2 = await s.rows([...V1_TABLES, ...V2_TABLES]);
      await s.migrateTo('003-staff');
    });
    afterAll(async () => s?.drop());

    it('keeps every v2 row as it was', async () => {
      expect(await s.rows([...V1_TABLES, ...V2_TABLES])).toEqual(v2);
      expect(v2.staff_alerts).toMatchObject([{ status: 'resolved', outcome: 'recovered' }]);
    });

    it('adds the staff account, session and throttle tables, and only those', async () => {
      expect(await s.tables()).toEqual([...V1_TABLES, ...V2_TABLES, ...V3_TABLES].sort());
      expect(await s.columns('staff_users')).toEqual(
        s.expected({
          id: 'text',
          username: 'text',
          display_name: 'text',
          password_hash: 'text',
          role: 'text',
          locations: 'json',
          created_at: 'instant',
          disabled: 'flag=',
        }),
      );
      expect(await s.columns('staff_sessions')).toEqual(
        s.expected({
          id: 'text',
          user_id: 'text',
          created_at: 'instant',
          expires_at: 'instant',
          last_seen_at: 'instant',
          csrf_token: 'text',
        }),
      );
      expect(await s.indexes('staff_sessions')).toEqual(['staff_sessions_by_user']);
      expect(await s.columns('staff_login_attempts')).toEqual(
        s.expected({
          key: 'text',
          failures: 'integer',
          first_failure_at: 'instant',
          locked_until: 'instant?',
        }),
      );
    });

    it('refuses an unknown role, a taken username and a session of no user', async () => {
      await s.insert('staff_users', user('u1', 'dana'));
      await expect(s.insert('staff_users', user('u2', 'dana'))).rejects.toThrow(
        /unique|duplicate/i,
      );
      await expect(s.insert('staff_users', user('u3', 'owen', 'owner'))).rejects.toThrow(/check/i);
      await s.insert('staff_sessions', session('h1', 'u1'));
      await expect(s.insert('staff_sessions', session('h2', 'nobody'))).rejects.toThrow(/foreign/i);
      await s.insert('staff_login_attempts', {
        key: 'user:dana',
        failures: 1,
        first_failure_at: AT,
        locked_until: null,
      });
      const rows = await s.storage.db
        .selectFrom('staff_users')
        .select(['username', 'disabled'])
        .execute();
      expect(rows.map((r) => [r.username, Number(r.disabled)])).toEqual([['dana', 0]]);
    });

    it('ends a user’s sessions with the user', async () => {
      await s.insert('staff_users', user('u9', 'gone'));
      await s.insert('staff_sessions', session('h9', 'u9'));
      await s.storage.db.deleteFrom('staff_users').where('id', '=', 'u9').execute();
      const left = await s.storage.db
        .selectFrom('staff_sessions')
        .select('id')
        .where('user_id', '=', 'u9')
        .execute();
      expect(left).toEqual([]);
    });
  });
}
