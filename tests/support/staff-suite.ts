// A staff collector for a whole describe block, the setup most staff tests share: started with
// its accounts (and signed in) before the block's first test, closed after its last.
import { afterAll, beforeAll } from 'vitest';
import type { Role } from '../../server/staff/tables.ts';
import {
  PASSWORD_WORK_MS,
  loginAs,
  startStaffCollector,
  type StaffClient,
  type StaffCollector,
  type StaffCollectorOptions,
} from './staff.ts';

/** Accounts to create: username → role, or [role, locations] for a staff member. */
export type StaffAccounts = Record<string, Role | [Role, string[]]>;

/**
 * Call it in a describe block: `accounts` are created, and each name in `signIn` logged in, before
 * the block's first test. The collector and the clients returned are filled in by then, so the
 * tests use them directly.
 */
export function useStaffCollector<Name extends string>(
  opts: StaffCollectorOptions,
  accounts: StaffAccounts,
  signIn: Name[] = [],
): { c: StaffCollector; staff: Record<Name, StaffClient> } {
  const c = {} as StaffCollector;
  const staff = {} as Record<Name, StaffClient>;
  let started: StaffCollector | undefined;
  beforeAll(async () => {
    started = await startStaffCollector(opts);
    // Accessors too: `app` must keep following the collector across restart().
    Object.defineProperties(c, Object.getOwnPropertyDescriptors(started));
    for (const [username, access] of Object.entries(accounts)) {
      const [role, locations] = Array.isArray(access) ? access : [access, []];
      await c.addUser(username, role, locations);
    }
    const clients = await Promise.all(signIn.map((username) => loginAs(c.url, username)));
    signIn.forEach((username, i) => (staff[username] = clients[i]!));
  }, PASSWORD_WORK_MS);
  afterAll(async () => started?.close());
  return { c, staff };
}
