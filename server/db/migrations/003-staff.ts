// Collector schema v3: staff accounts, their sessions and the login throttle. Same conventions as
// 001 (STRICT tables on SQLite, timestamptz/boolean/jsonb on PostgreSQL).
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.ts';
import { migrationColumns, type MigrationColumns } from './columns.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const cols = migrationColumns(engine);
  await createStaffUsers(db, cols);
  await createStaffSessions(db, cols);
  await createStaffLoginAttempts(db, cols);
}

async function createStaffUsers(db: Kysely<unknown>, cols: MigrationColumns): Promise<void> {
  const { instant, flag, json, strict, off } = cols;
  await strict(
    db.schema
      .createTable('staff_users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      // "scrypt$N$r$p$salt$hash": the parameters travel with the hash, so they can be raised later.
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) =>
        c.notNull().check(sql`role in ('staff', 'manager', 'admin')`),
      )
      // The location names a staff member is alerted for (kiosks.location); managers and admins see all.
      .addColumn('locations', json, (c) => c.notNull())
      .addColumn('created_at', instant, (c) => c.notNull())
      .addColumn('disabled', flag, off('disabled')),
  ).execute();
}

async function createStaffSessions(db: Kysely<unknown>, cols: MigrationColumns): Promise<void> {
  const { instant, strict, index } = cols;
  await strict(
    db.schema
      .createTable('staff_sessions')
      // SHA-256 of the cookie's token: a stolen database does not hand out live sessions.
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) =>
        c.notNull().references('staff_users.id').onDelete('cascade'),
      )
      .addColumn('created_at', instant, (c) => c.notNull())
      .addColumn('expires_at', instant, (c) => c.notNull())
      .addColumn('last_seen_at', instant, (c) => c.notNull())
      .addColumn('csrf_token', 'text', (c) => c.notNull()),
  ).execute();
  await index(db, 'staff_sessions_by_user', 'staff_sessions', ['user_id']);
}

async function createStaffLoginAttempts(
  db: Kysely<unknown>,
  cols: MigrationColumns,
): Promise<void> {
  const { instant, strict } = cols;
  await strict(
    db.schema
      .createTable('staff_login_attempts')
      // "user:<name>" or "ip:<address>": one counter per key, reset by a successful login.
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('first_failure_at', instant, (c) => c.notNull())
      .addColumn('locked_until', instant),
  ).execute();
}
