// Staff accounts: created by the CLI (the first admin) and by admins in the web admin, read at
// login and per request. Every change is recorded in the admin audit log by its own transaction.
import { sql, type Selectable } from 'kysely';
import { randomUUID } from 'node:crypto';
import { writeTransaction, type CollectorDb, type Storage } from '../db/open.ts';
import { fromJson, toFlag } from '../db/values.ts';
import { COMMAND_LINE, recordAudit, type AuditActor } from './audit.ts';
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

/** The change would leave no enabled admin, and with it no one to manage accounts. */
export class LastAdminError extends StaffUserError {}

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
  actor: AuditActor = COMMAND_LINE,
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
  await writeTransaction(storage, async (trx) => {
    await trx.insertInto('staff_users').values(row).execute();
    await recordAudit(
      trx,
      actor,
      {
        action: 'user.create',
        target: username,
        details: { role: row.role, locations, displayName: row.display_name },
      },
      now,
    );
  });
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
  { actor = COMMAND_LINE, now = new Date() }: { actor?: AuditActor; now?: Date } = {},
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
  const details = changed(current, user);
  const endedSessions = await writeTransaction(storage, async (trx) => {
    if (current.role === 'admin' && !current.disabled && (user.role !== 'admin' || user.disabled))
      await keepAnAdmin(trx, storage, user.id);
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
    if (Object.keys(details).length)
      await recordAudit(trx, actor, { action: 'user.update', target: user.username, details }, now);
    if (changes.password !== undefined)
      await recordAudit(trx, actor, { action: 'user.password', target: user.username }, now);
    return endSessions ? deleteSessions(trx, user.id) : 0;
  });
  return { user, endedSessions };
}

/** Signs the account out everywhere (a lost phone, a shared PC), without changing it. */
export async function endUserSessions(
  storage: Storage,
  username: string,
  actor: AuditActor,
  now: Date,
): Promise<number> {
  const user = await findUserForLogin(storage, username);
  if (!user) throw new StaffUserError(`no staff account "${username}"`);
  return writeTransaction(storage, async (trx) => {
    const ended = await deleteSessions(trx, user.id);
    await recordAudit(
      trx,
      actor,
      { action: 'user.end_sessions', target: user.username, details: { ended } },
      now,
    );
    return ended;
  });
}

async function deleteSessions(trx: CollectorDb, userId: string): Promise<number> {
  const ended = await trx.deleteFrom('staff_sessions').where('user_id', '=', userId).execute();
  return Number(ended[0]?.numDeletedRows ?? 0);
}

/** What an update changed, for the audit log: names, roles, places and the switch; no secrets. */
function changed(was: StaffUser, now: StaffUser): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of ['displayName', 'role', 'locations', 'disabled'] as const)
    if (JSON.stringify(was[key]) !== JSON.stringify(now[key]))
      out[key] = { from: was[key], to: now[key] };
  return out;
}

/**
 * Refuses to demote or disable the last enabled admin. On PostgreSQL the other admins' rows are
 * locked, so two admins demoting each other at once cannot both pass; SQLite's write
 * transaction already runs one at a time.
 */
async function keepAnAdmin(trx: CollectorDb, storage: Storage, exceptId: string): Promise<void> {
  const others = await trx
    .selectFrom('staff_users')
    .select('id')
    .where('role', '=', 'admin')
    .where(sql<boolean>`not disabled`)
    .where('id', '!=', exceptId)
    .$if(storage.engine === 'postgres', (q) => q.forUpdate())
    .execute();
  if (!others.length)
    throw new LastAdminError('this is the last enabled admin: make another admin first');
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
