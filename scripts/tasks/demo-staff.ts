// The demo's staff login: a manager account in the demo collector's database, made once and
// left alone after (its password is the README's, so anyone trying the demo can log in). The
// demo collector has the file open too; SQLite in WAL mode lets both write.
import { join } from 'node:path';
import { openStorage } from '../../server/db/open.ts';
import { findUserForLogin, createStaffUser } from '../../server/staff/users.ts';

export const DEMO_STAFF = {
  username: 'demo',
  password: 'staff-screen-2468',
  displayName: 'Demo manager',
} as const;

/** Makes sure the demo login exists; returns the line `npm start` prints for the staff screen. */
export async function demoStaff(dataDir: string, collectorUrl: string): Promise<string> {
  const storage = await openStorage({ sqlitePath: join(dataDir, 'collector.sqlite') });
  try {
    if (!(await findUserForLogin(storage, DEMO_STAFF.username))) {
      await createStaffUser(storage, { ...DEMO_STAFF, role: 'manager' }, new Date());
    }
  } finally {
    await storage.close();
  }
  return `staff: ${collectorUrl}/staff/ (demo login: ${DEMO_STAFF.username} / ${DEMO_STAFF.password})`;
}
