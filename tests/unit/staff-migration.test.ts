// Collector migration 003 (staff accounts, sessions, login throttle) on SQLite and, where
// LASTWORD_TEST_PG_URL answers, PostgreSQL: the tables exist after opening, and their checks
// keep an unknown role, a duplicate username and a session of no user out of the store.
import { afterAll, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../../server/db/open.ts';
import { freshPostgresSchema } from '../support/collector.ts';
import { staffEngines } from '../support/staff.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir('lastword-staff-migration-');
afterAll(() => dir.remove());

const user = (id: string, username: string, role = 'staff') => ({
  id,
  username,
  display_name: username,
  password_hash: 'scrypt$16384$8$1$salt$hash',
  role: role as 'staff',
  locations: '["Main store"]',
  created_at: '2026-11-23T09:00:00.000Z',
  disabled: 0,
});

for (const engine of await staffEngines()) {
  describe.skipIf(engine.skip)(`migration 003-staff on ${engine.name}`, () => {
    it('creates the staff tables with their checks', async () => {
      const schema = engine.postgresUrl ? await freshPostgresSchema(engine.postgresUrl) : null;
      const storage: Storage = await openStorage(
        schema
          ? { databaseUrl: schema.url }
          : { sqlitePath: `${dir.path}/${Math.random()}.sqlite` },
      );
      try {
        const db = storage.db;
        await db.insertInto('staff_users').values(user('u1', 'dana')).execute();
        await expect(
          db.insertInto('staff_users').values(user('u2', 'dana')).execute(),
        ).rejects.toThrow(/unique|duplicate/i);
        await expect(
          db
            .insertInto('staff_users')
            .values(user('u3', 'owen', 'owner'))
            .execute(),
        ).rejects.toThrow(/check/i);
        const at = '2026-11-23T09:00:00.000Z';
        const session = { created_at: at, expires_at: at, last_seen_at: at, csrf_token: 'c' };
        await db
          .insertInto('staff_sessions')
          .values({ id: 'h1', user_id: 'u1', ...session })
          .execute();
        await expect(
          db
            .insertInto('staff_sessions')
            .values({ id: 'h2', user_id: 'nobody', ...session })
            .execute(),
        ).rejects.toThrow(/foreign/i);
        await db
          .insertInto('staff_login_attempts')
          .values({ key: 'user:dana', failures: 1, first_failure_at: at, locked_until: null })
          .execute();
        const rows = await db.selectFrom('staff_users').select(['username', 'disabled']).execute();
        expect(rows.map((r) => [r.username, Number(r.disabled)])).toEqual([['dana', 0]]);
      } finally {
        await storage.close();
        await schema?.drop();
      }
    });
  });
}
