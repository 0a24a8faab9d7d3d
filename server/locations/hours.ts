// A location's opening hours and closed dates: how an admin writes them on the command line
// ("mon-fri=08:00-18:00,sat=09:00-13:00"), how they are stored (locations.hours, closed_days) and
// whether a local time falls inside them, which the heat map and digests ask. Times are local
// wall times in the location's zone (shared/local-time.ts gives the parts).
import { dateKey, type LocalParts } from '../../shared/local-time.ts';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Per weekday, the [open, close) intervals ("HH:MM", close up to "24:00"); a day left out is closed. */
export type OpeningHours = Partial<Record<Weekday, [string, string][]>>;

export class HoursError extends Error {}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

function weekdaysOf(spec: string): Weekday[] {
  const [first, last = first] = spec.split('-') as [string, string?];
  const from = WEEKDAYS.indexOf(first as Weekday);
  const to = WEEKDAYS.indexOf(last as Weekday);
  if (from < 0 || to < 0 || to < from)
    throw new HoursError(
      `"${spec}" is not a weekday or range of weekdays (mon … sun, e.g. mon-fri)`,
    );
  return WEEKDAYS.slice(from, to + 1);
}

/**
 * "mon-fri=08:00-12:00+13:00-18:00,sat=09:00-13:00": days left out are closed. Intervals of a day
 * must not overlap; a night that runs past midnight is written as two days' intervals.
 */
export function parseHours(text: string): OpeningHours {
  const hours: OpeningHours = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [days, times] = part.split('=') as [string, string?];
    if (!times) throw new HoursError(`"${part}" needs days=from-to, e.g. mon-fri=08:00-18:00`);
    const intervals = times.split('+').map((t): [string, string] => {
      const [open, close] = t.split('-') as [string, string?];
      if (!TIME.test(open) || !close || !TIME.test(close) || minutes(open) >= minutes(close))
        throw new HoursError(`"${t}" is not an opening time such as 08:00-18:00`);
      return [open, close];
    });
    intervals.sort((a, b) => minutes(a[0]) - minutes(b[0]));
    if (intervals.some((iv, i) => i > 0 && minutes(iv[0]) < minutes(intervals[i - 1]![1])))
      throw new HoursError(`the times in "${part}" overlap`);
    for (const day of weekdaysOf(days.trim().toLowerCase())) {
      if (hours[day]) throw new HoursError(`${day} is given twice`);
      hours[day] = intervals;
    }
  }
  return hours;
}

/** The hours as parseHours reads them, one day each: "mon=08:00-18:00,sat=…". */
export function formatHours(hours: OpeningHours | null): string {
  if (!hours) return 'not set';
  const days = WEEKDAYS.flatMap((d) => {
    const intervals = hours[d];
    return intervals ? [`${d}=${intervals.map(([o, c]) => `${o}-${c}`).join('+')}`] : [];
  });
  return days.length ? days.join(',') : 'closed every day';
}

/** "2026-12-25,2026-12-26": real calendar dates, sorted, each once. */
export function parseClosedDays(text: string): string[] {
  const days = text
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean);
  for (const d of days) {
    const at = new Date(`${d}T00:00:00Z`);
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(d) ||
      Number.isNaN(at.getTime()) ||
      !at.toISOString().startsWith(d)
    )
      throw new HoursError(`"${d}" is not a date such as 2026-12-25`);
  }
  return [...new Set(days)].sort();
}

/**
 * Whether the location is open at this local wall time: not on a closed date, and inside one of
 * the weekday's intervals. Hours not set: open around the clock (closed dates still count).
 */
export function isOpenAt(
  hours: OpeningHours | null,
  closedDays: readonly string[],
  at: LocalParts,
): boolean {
  if (closedDays.includes(dateKey(at.year, at.month, at.day))) return false;
  if (!hours) return true;
  const now = at.hour * 60 + at.minute;
  return (hours[WEEKDAYS[at.weekday - 1]!] ?? []).some(
    ([open, close]) => minutes(open) <= now && now < minutes(close),
  );
}
