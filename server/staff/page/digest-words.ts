// The digest poster's words for dates, times and durations: a poster on the staff-room wall is
// read by people, so "Week of 23–29 November 2026" and "1 h 20 min", never ISO dates or seconds.
// The dates are the location's local days as the API gives them, so no time zone is applied here.
import type { DigestReply } from '../../../shared/digest-api.ts';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const parts = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return { y: y!, m: m!, d: d! };
};

/** "23–29 November 2026", "30 November – 6 December 2026", "28 December 2026 – 3 January 2027". */
export function dayRange(from: string, to: string, short = false): string {
  const a = parts(from);
  const b = parts(to);
  const month = (m: number) => (short ? MONTHS[m - 1]!.slice(0, 3) : MONTHS[m - 1]!);
  if (a.y !== b.y) return `${a.d} ${month(a.m)} ${a.y} – ${b.d} ${month(b.m)} ${b.y}`;
  if (a.m !== b.m) return `${a.d} ${month(a.m)} – ${b.d} ${month(b.m)} ${b.y}`;
  return `${a.d}–${b.d} ${month(b.m)} ${b.y}`;
}

/** The seven days from `from`, both ends included. */
export function weekEnd(from: string): string {
  const { y, m, d } = parts(from);
  return new Date(Date.UTC(y, m - 1, d + 6)).toISOString().slice(0, 10);
}

/** "Mon 23 Nov, 09:15": the wall time at the location, as the API gives it (with its offset). */
export function localWhen(at: string): string {
  const match = /^(\d{4})-(\d\d)-(\d\d)T(\d\d:\d\d)/.exec(at);
  if (!match) return at;
  const [, y, m, d, hm] = match;
  const weekday = (new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))).getUTCDay() + 6) % 7;
  return `${WEEKDAYS[weekday]!.slice(0, 3)} ${Number(d)} ${MONTHS[Number(m) - 1]!.slice(0, 3)}, ${hm}`;
}

/** "45 s", "12 min", "1 h 20 min", "2 days 3 h"; "–" when there is nothing to measure. */
export function humanDuration(seconds: number | null): string {
  if (seconds === null) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  const days = Math.floor(h / 24);
  const rest = h % 24;
  return `${days} ${days === 1 ? 'day' : 'days'}${rest ? ` ${rest} h` : ''}`;
}

/** When the digest is e-mailed, or that it is not. */
export function scheduleLine(schedule: DigestReply['schedule']): string {
  if (!schedule)
    return 'This digest is not e-mailed from this collector: this page is the way to see it.';
  return `E-mailed every ${WEEKDAYS[schedule.weekday - 1]} at ${schedule.time}, local time.`;
}
