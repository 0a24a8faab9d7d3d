// Staff accounts: created by the CLI (the first admin, then staff), read at login and per request.
import type { Selectable } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { Storage } from '../db/open.ts';
import { fromJson, toFlag } from '../db/values.ts';
import { MIN_PASSWORD_LENGTH, hashPassword } from './password.ts';
import { ROLES, type Role, type StaffUserTable } from './tables.ts';

export interface StaffUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  locations: string[];
  disabled: boolean;
}

export class StaffUserError extends Error {}

export interface NewStaffUser {
  username: string;
  displayName?: string;
  password: string;
  role: Role;
  locations?: string[];
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

export async function createStaffUser(
  storage: Storage,
  user: NewStaffUser,
  now: Date,
): Promise<StaffUser> {
  const username = user.username.trim().toLowerCase();
  if (!USERNAME.test(username))
    throw new StaffUserError(
      'username: 2-64 characters, lower-case letters, digits, ".", "_" or "-"',
    );
  if (!ROLES.includes(user.role))
    throw new StaffUserError(`role must be one of ${ROLES.join(', ')}`);
  if (user.password.length < MIN_PASSWORD_LENGTH)
    throw new StaffUserError(`the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  const locations = (user.locations ?? []).map((l) => l.trim()).filter(Boolean);
  if (user.role === 'staff' && locations.length === 0)
    throw new StaffUserError(
      'a staff account needs at least one location (--locations "Main store")',
    );
  const db = storage.db;
  const taken = await db
    .selectFrom('staff_users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirst();
  if (taken) throw new StaffUserError(`a staff account "${username}" already exists`);
  const row = {
    id: randomUUID(),
    username,
    display_name: user.displayName?.trim() || username,
    password_hash: await hashPassword(user.password),
    role: user.role,
    locations: JSON.stringify(locations),
    created_at: now.toISOString(),
    disabled: 0,
  };
  await db.insertInto('staff_users').values(row).execute();
  return {
    id: row.id,
    username,
    displayName: row.display_name,
    role: row.role,
    locations,
    disabled: false,
  };
}

const USER_COLUMNS = ['id', 'username', 'display_name', 'role', 'locations', 'disabled'] as const;
type UserRow = Pick<Selectable<StaffUserTable>, (typeof USER_COLUMNS)[number]>;

function toUser(row: UserRow): StaffUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    locations: fromJson<string[]>(row.locations),
    disabled: toFlag(row.disabled),
  };
}

export async function findUserForLogin(
  storage: Storage,
  username: string,
): Promise<(StaffUser & { passwordHash: string }) | null> {
  const row = await storage.db
    .selectFrom('staff_users')
    .select([...USER_COLUMNS, 'password_hash'])
    .where('username', '=', username.trim().toLowerCase())
    .executeTakeFirst();
  return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
}

export async function getUser(storage: Storage, id: string): Promise<StaffUser | null> {
  const row = await storage.db
    .selectFrom('staff_users')
    .select(USER_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toUser(row) : null;
}

/** What a user may see: their own locations, or everything for managers and admins. */
export function visibleLocations(user: StaffUser): string[] | 'all' {
  return user.role === 'staff' ? user.locations : 'all';
}
