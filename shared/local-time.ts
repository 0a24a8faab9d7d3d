// Wall-clock time at a location: the day, ISO week, hour and weekday an instant falls in, in the
// location's IANA time zone, daylight saving included. Reports bucket by these, so a Monday 08:00
// queue stays at 08:00 all year. Platform-free (Intl only, no Temporal: Node 22 and today's
// browsers lack it), so the collector and the staff page bucket alike.
// A zone's offset is read from Intl at the instant in question; going the other way (a local wall
// time to its instant) tries the offsets in force a day before and after, as Temporal's
// "compatible" disambiguation does: a time inside a spring-forward gap moves on by the gap, a time
// a fall-back repeats means its first occurrence.

const DAY_MS = 86_400_000;

/**
 * Epoch ms of a UTC calendar time (month 1-12; a day, hour or minute past its range rolls over).
 * Not Date.UTC, which reads years 0-99 as 1900-1999: a kiosk clock set to year 50 would otherwise
 * have its answers looked for in 1950.
 */
export function utcTime(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
) {
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  at.setUTCHours(hour, minute, second, 0);
  return at.getTime();
}

export interface LocalParts {
  year: number;
  /** 1-12 */
  month: number;
  /** 1-31 */
  day: number;
  /** 0-23 */
  hour: number;
  minute: number;
  second: number;
  /** ISO weekday: 1 Monday … 7 Sunday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: building one costs far more than using it. */
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The zone's canonical name ("europe/berlin" → "Europe/Berlin"), or null when it is not an IANA
 * zone this runtime knows. Offsets ("+01:00") are refused: they have no daylight saving, which is
 * exactly what a location's zone must carry.
 */
export function canonicalTimeZone(name: string): string | null {
  if (!/^[A-Za-z]/.test(name) || name.length > 64) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** The wall-clock fields at `at` in `timeZone`. */
export function localParts(at: Date | number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(at))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const { year, month, day, hour, minute, second } = parts as Omit<LocalParts, 'weekday'>;
  return { year, month, day, hour, minute, second, weekday: isoWeekday(year, month, day) };
}

/** ISO weekday of a calendar date: 1 Monday … 7 Sunday. */
function isoWeekday(year: number, month: number, day: number): number {
  return ((new Date(utcTime(year, month, day)).getUTCDay() + 6) % 7) + 1;
}

/** Local time minus UTC at `at`, in ms (Berlin in summer: +7,200,000). */
export function offsetMs(at: number, timeZone: string): number {
  const p = localParts(at, timeZone);
  const wall = utcTime(p.year, p.month, p.day, p.hour, p.minute, p.second);
  return wall - (at - (((at % 1000) + 1000) % 1000));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** "YYYY-MM-DD" of a calendar date. */
export function dateKey(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** The local calendar day `at` falls on, "YYYY-MM-DD". */
export function localDay(at: Date | number, timeZone: string): string {
  const p = localParts(at, timeZone);
  return dateKey(p.year, p.month, p.day);
}

/** The Monday that starts the ISO week `at` falls in, "YYYY-MM-DD" (local). */
export function localWeekStart(at: Date | number, timeZone: string): string {
  const p = localParts(at, timeZone);
  const monday = new Date(utcTime(p.year, p.month, p.day - (p.weekday - 1)));
  return dateKey(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate());
}

/** The ISO week `at` falls in, "YYYY-Www": its year is that of the week's Thursday. */
export function isoWeek(at: Date | number, timeZone: string): string {
  const p = localParts(at, timeZone);
  const thursday = new Date(utcTime(p.year, p.month, p.day + (4 - p.weekday)));
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - utcTime(year, 1, 1)) / DAY_MS / 7) + 1;
  return `${pad(year, 4)}-W${pad(week)}`;
}

/** The local hour (0-23) and ISO weekday (1 Monday … 7 Sunday): a heat map's cell. */
export function localHourAndWeekday(
  at: Date | number,
  timeZone: string,
): { hour: number; weekday: number } {
  const { hour, weekday } = localParts(at, timeZone);
  return { hour, weekday };
}

/**
 * The instant a local wall time names in `timeZone` ("YYYY-MM-DD", hour, minute). A time that a
 * spring-forward skips is read with the offset before the change (02:30 → 03:30); a time that a
 * fall-back repeats is its first occurrence.
 */
export function instantOf(date: string, timeZone: string, hour = 0, minute = 0): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = utcTime(y, m, d, hour, minute);
  const before = offsetMs(wall - DAY_MS, timeZone);
  const after = offsetMs(wall + DAY_MS, timeZone);
  const candidates = [wall - before, wall - after].filter(
    (t) => t + offsetMs(t, timeZone) === wall,
  );
  return new Date(candidates.length ? Math.min(...candidates) : wall - before);
}

/** The day after a "YYYY-MM-DD" date (calendar arithmetic, no zone involved). */
export function nextDay(date: string, days = 1): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(utcTime(y, m, d + days));
  return dateKey(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
}

/** The last instant the databases store: PostgreSQL refuses a year past 9999 as text. */
const LAST_INSTANT = utcTime(9999, 12, 31, 23, 59, 59) + 999;

/**
 * When a local day ends (the next day's start), kept within year 9999: a kiosk may send an
 * answer dated 9999-12-31 and a filter may name that day, and the day after does not exist.
 */
export function endOfLocalDay(date: string, timeZone: string): Date {
  return new Date(Math.min(instantOf(nextDay(date), timeZone).getTime(), LAST_INSTANT));
}

/** [start, end) of a local day: 23 hours on a spring-forward day, 25 on a fall-back day. */
export function localDayRange(date: string, timeZone: string): { from: Date; to: Date } {
  return { from: instantOf(date, timeZone), to: endOfLocalDay(date, timeZone) };
}

/** [start, end) of the ISO week that starts on the Monday `monday` ("YYYY-MM-DD"), local. */
export function localWeekRange(monday: string, timeZone: string): { from: Date; to: Date } {
  return { from: instantOf(monday, timeZone), to: instantOf(nextDay(monday, 7), timeZone) };
}

export interface OffsetSpan {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
  offsetMs: number;
}

/**
 * [from, to) cut where the zone's offset changes, each span with its offset: what a query needs
 * to bucket in local time on an engine without a zone database (SQLite: `at + offset` per span).
 * Offsets are sampled daily and each change bisected to the millisecond; zones change at most
 * twice a year, so a year costs some 420 lookups.
 */
export function offsetSpans(from: number, to: number, timeZone: string): OffsetSpan[] {
  const spans: OffsetSpan[] = [];
  let start = from;
  let offset = offsetMs(from, timeZone);
  for (let t = from; t < to;) {
    const next = Math.min(t + DAY_MS, to);
    const nextOffset = offsetMs(next, timeZone);
    if (nextOffset !== offset || next === to) {
      // The change lies in (t, next]: bisect to the first millisecond with the new offset.
      let lo = t;
      let hi = next;
      if (nextOffset !== offset)
        while (hi - lo > 1) {
          const mid = Math.floor((lo + hi) / 2);
          if (offsetMs(mid, timeZone) === offset) lo = mid;
          else hi = mid;
        }
      spans.push({ from: start, to: hi, offsetMs: offset });
      start = hi;
      offset = offsetMs(hi, timeZone);
    }
    t = next;
  }
  if (start < to) spans.push({ from: start, to, offsetMs: offset });
  return spans;
}
