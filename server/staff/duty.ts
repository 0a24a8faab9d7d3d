// Checking in and out at a touchpoint ("I'm at Desk 2"), so answers given there can be credited
// to the people on duty (server/reports/recognition.ts). Checking in ends the shift one had
// elsewhere; a shift nobody ends stops counting 12 h after it began. Staff may check in only at
// touchpoints of their own locations.
import { randomUUID } from 'node:crypto';
import type { DutyReply, DutyTouchpoint } from '../../shared/staff-duty-api.ts';
import { writeTransaction, type CollectorDb, type Storage } from '../db/open.ts';
import { toIso } from '../db/values.ts';
import type { StaffUser } from './users.ts';
import { visibleLocations } from './users.ts';

export const SHIFT_HOURS = 12;

export class DutyError extends Error {
  readonly status: 400 | 403;
  constructor(status: 400 | 403, message: string) {
    super(message);
    this.status = status;
  }
}

/** The touchpoints this account may check in at, by location. */
export async function dutyTouchpoints(
  storage: Storage,
  user: StaffUser,
): Promise<DutyTouchpoint[]> {
  const places = visibleLocations(user);
  const rows = await storage.db
    .selectFrom('touchpoints')
    .innerJoin('locations', 'locations.id', 'touchpoints.location_id')
    .select(['touchpoints.id', 'touchpoints.name', 'locations.name as location'])
    // A staff account always has a location (users.ts), so the list is never empty.
    .$if(places !== 'all', (q) => q.where('locations.name', 'in', places as string[]))
    .orderBy('locations.name')
    .orderBy('touchpoints.name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, location: r.location }));
}

async function endOpen(trx: CollectorDb, userId: string, at: string): Promise<void> {
  await trx
    .updateTable('duty_shifts')
    .set({ ended_at: at })
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .execute();
}

export async function checkIn(
  storage: Storage,
  user: StaffUser,
  touchpointId: number,
  now: Date,
): Promise<DutyReply> {
  const allowed = await dutyTouchpoints(storage, user);
  if (!allowed.some((t) => t.id === touchpointId)) {
    const exists = await storage.db
      .selectFrom('touchpoints')
      .innerJoin('locations', 'locations.id', 'touchpoints.location_id')
      .select('locations.name')
      .where('touchpoints.id', '=', touchpointId)
      .executeTakeFirst();
    if (!exists) throw new DutyError(400, `touchpointId: no touchpoint ${touchpointId}`);
    throw new DutyError(403, `you are not on the staff of ${exists.name}`);
  }
  const at = now.toISOString();
  await writeTransaction(storage, async (trx) => {
    // Moving desks: the shift at the old one ends as the new one starts.
    await endOpen(trx, user.id, at);
    await trx
      .insertInto('duty_shifts')
      .values({
        id: randomUUID(),
        user_id: user.id,
        touchpoint_id: touchpointId,
        started_at: at,
        expires_at: new Date(now.getTime() + SHIFT_HOURS * 3_600_000).toISOString(),
      })
      .execute();
  });
  return duty(storage, user, now);
}

export async function checkOut(storage: Storage, user: StaffUser, now: Date): Promise<DutyReply> {
  await writeTransaction(storage, (trx) => endOpen(trx, user.id, now.toISOString()));
  return duty(storage, user, now);
}

/** Where this account is on duty now (null when off duty or the shift ran out), and where it may be. */
export async function duty(storage: Storage, user: StaffUser, now: Date): Promise<DutyReply> {
  const open = await storage.db
    .selectFrom('duty_shifts')
    .innerJoin('touchpoints', 'touchpoints.id', 'duty_shifts.touchpoint_id')
    .innerJoin('locations', 'locations.id', 'touchpoints.location_id')
    .select([
      'duty_shifts.touchpoint_id',
      'duty_shifts.started_at',
      'touchpoints.name',
      'locations.name as location',
    ])
    .where('duty_shifts.user_id', '=', user.id)
    .where('duty_shifts.ended_at', 'is', null)
    .where('duty_shifts.expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return {
    onDuty: open
      ? {
          touchpointId: open.touchpoint_id,
          touchpoint: open.name,
          location: open.location,
          since: toIso(open.started_at)!,
        }
      : null,
    touchpoints: await dutyTouchpoints(storage, user),
  };
}
