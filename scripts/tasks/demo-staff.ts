// The demo's staff login: an admin account in the demo collector's database, so a newcomer sees
// every page (accounts, audit log and enrolment are for admins); its password is the README's,
// so anyone trying the demo can log in. The
// demo collector has the file open too; SQLite in WAL mode lets both write.
import { join } from 'node:path';
import { openStorage } from '../../server/db/open.ts';
import { createStaffUser, findUserForLogin, updateStaffUser } from '../../server/staff/users.ts';

export const DEMO_STAFF = {
  username: 'demo',
  password: 'staff-screen-2468',
  displayName: 'Demo manager',
} as const;

/** Makes sure the demo login exists; returns the line `npm start` prints for the staff screen. */
export async function demoStaff(dataDir: string, collectorUrl: string): Promise<string> {
  const storage = await openStorage({ sqlitePath: join(dataDir, 'collector.sqlite') });
  try {
    const found = await findUserForLogin(storage, DEMO_STAFF.username);
    if (!found) await createStaffUser(storage, { ...DEMO_STAFF, role: 'admin' }, new Date());
    // A demo made before the admin pages existed has the login as a manager.
    else if (found.role !== 'admin')
      await updateStaffUser(storage, DEMO_STAFF.username, { role: 'admin' });
  } finally {
    await storage.close();
  }
  return `staff: ${collectorUrl}/staff/ (demo login: ${DEMO_STAFF.username} / ${DEMO_STAFF.password})`;
}
