// When a location's weekly digest is due, in its own local time: LASTWORD_DIGEST_AT names a
// weekday and a time ("mon 08:00"), and the digest then covers the seven local days before that
// day. Pure, so DST and time-zone edges are tested without a clock.
import { instantOf, localDay, nextDay } from '../../shared/local-time.ts';

export interface DigestSchedule {
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  hour: number;
  minute: number;
}

export const DEFAULT_DIGEST_SCHEDULE: DigestSchedule = { weekday: 1, hour: 8, minute: 0 };

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** "mon 08:00" → its schedule; null for "off"; throws with the expected form otherwise. */
export function parseDigestAt(text: string): DigestSchedule | null {
  const t = text.trim().toLowerCase();
  if (t === 'off') return null;
  const m = /^([a-z]{3})[a-z]*\s+([01]?\d|2[0-3]):([0-5]\d)$/.exec(t);
  const weekday = m ? DAYS.indexOf(m[1]!) + 1 : 0;
  if (!m || weekday === 0)
    throw new Error('a weekday and a 24-hour local time, e.g. "mon 08:00", or "off"');
  return { weekday, hour: Number(m[2]), minute: Number(m[3]) };
}

export const scheduleTime = (s: DigestSchedule) =>
  `${String(s.hour).padStart(2, '0')}:${String(s.minute).padStart(2, '0')}`;

/** ISO weekday (1 = Monday) of a "YYYY-MM-DD" date. */
export const weekdayOf = (date: string) =>
  ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

export interface DueWeek {
  /** The covered week's first local day. */
  week: string;
  /** When its digest fell due. */
  dueAt: Date;
}

/** The newest week whose digest is due at or before `now` at a location in `timeZone`. */
export function dueWeek(schedule: DigestSchedule, now: Date, timeZone: string): DueWeek {
  const today = localDay(now, timeZone);
  let sendDay = nextDay(today, -((weekdayOf(today) - schedule.weekday + 7) % 7));
  let dueAt = instantOf(sendDay, timeZone, schedule.hour, schedule.minute);
  if (dueAt > now) {
    sendDay = nextDay(sendDay, -7);
    dueAt = instantOf(sendDay, timeZone, schedule.hour, schedule.minute);
  }
  return { week: nextDay(sendDay, -7), dueAt };
}

/** The newest `count` weeks with a due digest, newest first (the page's week picker). */
export function recentWeeks(
  schedule: DigestSchedule,
  now: Date,
  timeZone: string,
  count: number,
): string[] {
  const newest = dueWeek(schedule, now, timeZone).week;
  return Array.from({ length: count }, (_, i) => nextDay(newest, -7 * i));
}
