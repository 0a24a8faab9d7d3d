// The demo's team, so the recognition page has people on it: one colleague per demo location,
// on duty at its desks on every opening day of the ninety-day history, and credited with the
// alerts handled on their shifts (customers recovered). They cannot log in: their password hash
// is no hash at all. Written once, after the history (it needs its kiosks), in one transaction.
import { sql } from 'kysely';
import { instantOf, localDay, nextDay } from '../../shared/local-time.ts';
import { writeTransaction, type Storage } from '../../server/db/open.ts';

const DAYS = 90;
const TEAM = [
  { username: 'demo-aino', name: 'Aino', zone: 'Europe/Tallinn', kiosk: 'demo-history-1-2' },
  { username: 'demo-kert', name: 'Kert', zone: 'Europe/Tallinn', kiosk: 'demo-history-1-1' },
  { username: 'demo-maya', name: 'Maya', zone: 'America/New_York', kiosk: 'demo-history-2-2' },
  { username: 'demo-wei', name: 'Wei', zone: 'Asia/Singapore', kiosk: 'demo-history-3-1' },
];

export async function seedDemoTeam(storage: Storage, now = new Date()): Promise<boolean> {
  const db = storage.db;
  if (
    await db
      .selectFrom('staff_users')
      .select('id')
      .where('username', '=', TEAM[0]!.username)
      .executeTakeFirst()
  )
    return false;
  const kiosks = new Map(
    (
      await db
        .selectFrom('kiosks')
        .innerJoin('touchpoints', 'touchpoints.id', 'kiosks.touchpoint_id')
        .innerJoin('locations', 'locations.id', 'touchpoints.location_id')
        .select(['kiosks.id', 'kiosks.touchpoint_id', 'locations.name as location'])
        .execute()
    ).map((k) => [k.id, k]),
  );
  const users: Record<string, unknown>[] = [];
  const shifts: Record<string, unknown>[] = [];
  for (const person of TEAM) {
    const kiosk = kiosks.get(person.kiosk);
    if (!kiosk?.touchpoint_id) return false; // no history: nothing to be on duty for
    const id = crypto.randomUUID();
    users.push({
      id,
      username: person.username,
      display_name: person.name,
      password_hash: 'demo colleague: no login',
      role: 'staff',
      locations: JSON.stringify([kiosk.location]),
      created_at: now.toISOString(),
      disabled: 0,
    });
    const today = localDay(now, person.zone);
    for (let day = nextDay(today, -DAYS); day < today; day = nextDay(day)) {
      if (new Date(`${day}T00:00:00Z`).getUTCDay() === 0) continue; // closed on Sundays
      const start = instantOf(day, person.zone, 9);
      const end = instantOf(day, person.zone, 17);
      shifts.push({
        id: crypto.randomUUID(),
        user_id: id,
        touchpoint_id: kiosk.touchpoint_id,
        started_at: start.toISOString(),
        expires_at: new Date(start.getTime() + 12 * 3_600_000).toISOString(),
        ended_at: end.toISOString(),
      });
    }
  }
  await writeTransaction(storage, async (trx) => {
    await trx
      .insertInto('staff_users')
      .values(users as never)
      .execute();
    for (let i = 0; i < shifts.length; i += 500)
      await trx
        .insertInto('duty_shifts')
        .values(shifts.slice(i, i + 500) as never)
        .execute();
    // Whoever was on duty at the desk handled its alerts.
    await sql`update staff_alerts set resolved_by_id = (
        select s.user_id from duty_shifts s join kiosks k on k.touchpoint_id = s.touchpoint_id
        where k.id = staff_alerts.kiosk_id and s.started_at <= staff_alerts.created_at
          and s.ended_at > staff_alerts.created_at)
      where status = 'resolved' and resolved_by_id is null`.execute(trx);
  });
  return true;
}
