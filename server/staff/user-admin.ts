// The accounts as the web admin lists them: each with how many devices are signed in now and
// when it was last used, and the locations a staff account can be given (every known location,
// and any an account still names).
import type { AdminUser } from '../../shared/staff-admin-api.ts';
import type { Storage } from '../db/open.ts';
import { fromJson, toFlag, toIso } from '../db/values.ts';

export async function listUsers(
  storage: Storage,
  now: Date,
): Promise<{ users: AdminUser[]; locations: string[] }> {
  const [rows, sessions, places] = await Promise.all([
    storage.db
      .selectFrom('staff_users')
      .select(['id', 'username', 'display_name', 'role', 'locations', 'disabled'])
      .orderBy('username')
      .execute(),
    storage.db
      .selectFrom('staff_sessions')
      .select(({ fn }) => [
        'user_id',
        fn.countAll<number | string>().as('active'),
        fn.max('last_seen_at').as('last_seen'),
      ])
      .where('expires_at', '>', now.toISOString())
      .groupBy('user_id')
      .execute(),
    storage.db.selectFrom('locations').select('name').execute(),
  ]);
  const byUser = new Map(sessions.map((s) => [s.user_id, s]));
  const users = rows.map((row): AdminUser => {
    const session = byUser.get(row.id);
    return {
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      locations: fromJson<string[]>(row.locations),
      disabled: toFlag(row.disabled),
      activeSessions: Number(session?.active ?? 0),
      lastSeenAt: session ? toIso(session.last_seen as string | Date) : null,
    };
  });
  const locations = new Set(places.map((p) => p.name));
  for (const user of users) for (const place of user.locations) locations.add(place);
  return { users, locations: [...locations].sort((a, b) => a.localeCompare(b)) };
}
