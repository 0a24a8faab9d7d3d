// The staff tables (migration 003) as Kysely sees them. Kept beside the staff code and joined to
// the collector's tables with withTables(), so the staff feature stays in one folder.
import type { Kysely } from 'kysely';
import type { Storage } from '../db/open.ts';
import type { Flag, Instant, Json, NullableInstant } from '../db/tables.ts';

export type Role = 'staff' | 'manager' | 'admin';
export const ROLES: readonly Role[] = ['staff', 'manager', 'admin'];

export interface StaffUserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  locations: Json;
  created_at: Instant;
  disabled: Flag;
}

export interface StaffSessionTable {
  id: string;
  user_id: string;
  created_at: Instant;
  expires_at: Instant;
  last_seen_at: Instant;
  csrf_token: string;
}

export interface LoginAttemptTable {
  key: string;
  failures: number;
  first_failure_at: Instant;
  locked_until: NullableInstant;
}

export type StaffTables = {
  staff_users: StaffUserTable;
  staff_sessions: StaffSessionTable;
  staff_login_attempts: LoginAttemptTable;
};

export function staffDb(storage: Pick<Storage, 'db'>): Kysely<StaffTables> {
  return storage.db.withTables<StaffTables>() as unknown as Kysely<StaffTables>;
}
