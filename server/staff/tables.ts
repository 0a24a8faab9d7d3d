// The staff tables (migrations 003 and 016) as Kysely sees them; the column conventions for the two
// engines are in server/db/columns.ts.
import { StaffRole } from '../../shared/staff-api.ts';
import type { Generated } from 'kysely';
import type { Flag, Instant, Json, NullableInstant } from '../db/columns.ts';

export type Role = StaffRole;
export const ROLES: readonly Role[] = StaffRole.options;

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

/** Migration 016: what admins did, written in the transaction of the change (audit.ts). */
export interface AdminAuditTable {
  /** PostgreSQL's bigint comes back as a string. */
  id: Generated<number | string>;
  at: Instant;
  /** Null for the command line, which has no account. */
  actor_id: string | null;
  actor: string;
  action: string;
  target: string;
  details: Json;
  address: string | null;
}

export interface StaffTables {
  staff_users: StaffUserTable;
  staff_sessions: StaffSessionTable;
  staff_login_attempts: LoginAttemptTable;
  admin_audit: AdminAuditTable;
}
