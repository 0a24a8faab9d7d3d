// Staff accounts: created by the CLI (the first admin, then staff), read at login and per request.
import type { Selectable } from 'kysely';
import { randomUUID } from 'node:crypto';
import { writeTransaction, type Storage } from '../db/open.ts';
import { fromJson, toFlag } from '../db/values.ts';
import { passwordProblem } from './password-policy.ts';
import { hashPassword } from './password.ts';
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

function checkAccess(role: Role, locations: string[]): void {
  if (!ROLES.includes(role)) throw new StaffUserError(`role must be one of ${ROLES.join(', ')}`);
  if (role === 'staff' && locations.length === 0)
    throw new StaffUserError(
      'a staff account needs at least one location (--locations "Main store")',
    );
}

async function checkNewPassword(password: string, username: string): Promise<void> {
  const problem = await passwordProblem(password, username);
  if (problem) throw new StaffUserError(problem);
}

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
  await checkNewPassword(user.password, username);
  const locations = (user.locations ?? []).map((l) => l.trim()).filter(Boolean);
  checkAccess(user.role, locations);
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

export interface StaffChanges {
  role?: Role;
  locations?: string[];
  displayName?: string;
  disabled?: boolean;
  password?: string;
}

/**
 * Changes an account. A change to what it may do or see (role, locations, disabling, password)
 * ends all its sessions in the same transaction: its next request gets 401 and its live screens
 * close (live-screens.ts re-checks every session before each delivery).
 */
export async function updateStaffUser(
  storage: Storage,
  username: string,
  changes: StaffChanges,
): Promise<{ user: StaffUser; endedSessions: number }> {
  const current = await findUserForLogin(storage, username);
  if (!current) throw new StaffUserError(`no staff account "${username}"`);
  const role = changes.role ?? current.role;
  const locations = changes.locations?.map((l) => l.trim()).filter(Boolean) ?? current.locations;
  checkAccess(role, locations);
  const { passwordHash: oldHash, ...was } = current;
  if (changes.password !== undefined) await checkNewPassword(changes.password, current.username);
  const user: StaffUser = {
    ...was,
    role,
    locations,
    displayName: changes.displayName?.trim() || current.displayName,
    disabled: changes.disabled ?? current.disabled,
  };
  const passwordHash =
    changes.password === undefined ? oldHash : await hashPassword(changes.password);
  const endSessions =
    user.role !== current.role ||
    JSON.stringify(user.locations) !== JSON.stringify(current.locations) ||
    (user.disabled && !current.disabled) ||
    changes.password !== undefined;
  const endedSessions = await writeTransaction(storage, async (trx) => {
    await trx
      .updateTable('staff_users')
      .set({
        role: user.role,
        locations: JSON.stringify(user.locations),
        display_name: user.displayName,
        disabled: user.disabled ? 1 : 0,
        password_hash: passwordHash,
      })
      .where('id', '=', user.id)
      .execute();
    if (!endSessions) return 0;
    const ended = await trx.deleteFrom('staff_sessions').where('user_id', '=', user.id).execute();
    return Number(ended[0]?.numDeletedRows ?? 0);
  });
  return { user, endedSessions };
}

export async function getUser(storage: Storage, id: string): Promise<StaffUser | null> {
  const row = await storage.db
    .selectFrom('staff_users')
    .select(USER_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toUser(row) : null;
}

/** The current display names of the accounts with these ids (nulls skipped), by id. */
export async function displayNames(
  storage: Storage,
  ids: (string | null)[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (!wanted.length) return new Map();
  const rows = await storage.db
    .selectFrom('staff_users')
    .select(['id', 'display_name'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** What a user may see: their own locations, or everything for managers and admins. */
export function visibleLocations(user: StaffUser): string[] | 'all' {
  return user.role === 'staff' ? user.locations : 'all';
}
