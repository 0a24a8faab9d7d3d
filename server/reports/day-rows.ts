// Answers to day rows: per location, touchpoint and local day, the counts every results figure
// is summed from (shape of results_days, migration 013, and of each slice's rows, 025), for the
// rollup and for the tests that check it against the answers.
// Local time is read from each zone's offset spans (shared/local-time.ts), not a formatter call
// per answer: rolling up a million answers must take seconds, not minutes.
import { dateKey, offsetSpans, utcTime, type OffsetSpan } from '../../shared/local-time.ts';
import { fromJson } from '../db/values.ts';

export interface DayRow {
  location_id: number;
  touchpoint_id: number;
  day: string;
  weekday: number;
  answers: number;
  happy: number;
  unhappy: number;
  promoters: number;
  passives: number;
  detractors: number;
  ces_sum: number;
  ces_n: number;
  /**
   * Answers and happy answers per local hour, flat: [answers at 0h, happy at 0h, answers at 1h,
   * …] (48 counts). One typed array per row, not 24 pairs: a year's view reads some 70,000 rows.
   */
  hours: Int32Array;
  /** reason id → [chosen by unhappy, chosen by happy]. */
  reasons: Record<string, [number, number]>;
}

/** The answer columns a day row is built from. */
export interface AnswerFacts {
  touchpoint_id: number | null;
  finalized_at: string | Date;
  smiley: number;
  nps: number | null;
  ces: number | null;
  reasons: unknown;
}

/** Smiley 4-5 is happy, 1-2 unhappy (3 is neither); NPS 9-10 promoter, 7-8 passive, 0-6 detractor. */
export const isHappy = (smiley: number) => smiley >= 4;
export const isUnhappy = (smiley: number) => smiley <= 2;

export const HOUR_COUNTS = 48;

/** The stored form of a row's hours (results_days.hours): JSON [[answers, happy], …] × 24. */
export function hoursText(hours: Int32Array): string {
  const pairs: string[] = [];
  for (let h = 0; h < HOUR_COUNTS; h += 2) pairs.push(`[${hours[h]},${hours[h + 1]}]`);
  return `[${pairs.join(',')}]`;
}

/**
 * Reads a stored list of counts (hoursText's JSON, or a month row's flat arrays) back by scanning
 * its digits in order: JSON.parse would build 25 arrays per row for a year's 70,000 rows, and the
 * collector's own writes are the only input.
 */
export function countsOf(text: string, length: number): Int32Array {
  const out = new Int32Array(length);
  let i = 0;
  let n = 0;
  let inNumber = false;
  for (let p = 0; p < text.length && i < length; p++) {
    const c = text.charCodeAt(p);
    if (c >= 48 && c <= 57) {
      n = n * 10 + c - 48;
      inNumber = true;
    } else if (inNumber) {
      out[i++] = n;
      n = 0;
      inNumber = false;
    }
  }
  return out;
}

export const hoursOf = (text: string) => countsOf(text, HOUR_COUNTS);

export function emptyDayRow(locationId: number, touchpointId: number, day: string): DayRow {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return {
    location_id: locationId,
    touchpoint_id: touchpointId,
    day,
    weekday: ((new Date(utcTime(y, m, d)).getUTCDay() + 6) % 7) + 1,
    answers: 0,
    happy: 0,
    unhappy: 0,
    promoters: 0,
    passives: 0,
    detractors: 0,
    ces_sum: 0,
    ces_n: 0,
    hours: new Int32Array(HOUR_COUNTS),
    // No prototype: reason ids come from kiosks, and one named "__proto__" would otherwise
    // reach Object.prototype through `reasons[id] ??= …` and put a key on every object.
    reasons: Object.create(null) as Record<string, [number, number]>,
  };
}

/** Day rows of one location's answers; `from`/`to` (epoch ms) bound the answers' instants. */
export function dayRowsOf(
  locationId: number,
  timeZone: string,
  answers: Iterable<AnswerFacts>,
  from: number,
  to: number,
): DayRow[] {
  return dayRowsIn(locationId, offsetSpans(from, to + 1, timeZone), answers);
}

/**
 * Day rows of answers inside `spans` (the location's offset spans): for the rollup, which buckets
 * the same stretch of answers once per slice and would read the zone's offsets each time.
 */
export function dayRowsIn(
  locationId: number,
  spans: readonly OffsetSpan[],
  answers: Iterable<AnswerFacts>,
): DayRow[] {
  const rows = new Map<string, DayRow>();
  let span = spans[0]!;
  for (const a of answers) {
    const t =
      typeof a.finalized_at === 'string' ? Date.parse(a.finalized_at) : a.finalized_at.getTime();
    if (t < span.from || t >= span.to)
      span = spans.find((s) => s.from <= t && t < s.to) ?? spans[spans.length - 1]!;
    const wall = new Date(t + span.offsetMs);
    const day = dateKey(wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate());
    const touchpoint = a.touchpoint_id ?? 0;
    const key = `${touchpoint} ${day}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = emptyDayRow(locationId, touchpoint, day)));
    const happy = isHappy(a.smiley);
    const unhappy = isUnhappy(a.smiley);
    row.answers++;
    if (happy) row.happy++;
    if (unhappy) row.unhappy++;
    const hour = 2 * wall.getUTCHours();
    row.hours[hour]!++;
    if (happy) row.hours[hour + 1]!++;
    if (a.nps !== null) {
      if (a.nps >= 9) row.promoters++;
      else if (a.nps >= 7) row.passives++;
      else row.detractors++;
    }
    if (a.ces !== null) {
      row.ces_sum += a.ces;
      row.ces_n++;
    }
    if (happy || unhappy)
      for (const id of fromJson<string[]>(a.reasons)) {
        const counts = (row.reasons[id] ??= [0, 0]);
        counts[happy ? 1 : 0]++;
      }
  }
  return [...rows.values()];
}
