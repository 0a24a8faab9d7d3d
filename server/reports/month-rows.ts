// Day rows summed into month rows (results_months): a year's view reads some 2,400 of these and
// the few day rows at its edges instead of 73,000 day rows, which is what kept the year view of
// 200 locations above its 300 ms budget. A month row keeps what each figure needs of its days:
// the counts (tiles, ranking), the reasons, the hours per weekday (heat map) and per-day counts
// (the trend, whose weeks cross month ends).
import { HOUR_COUNTS, type DayRow } from './day-rows.ts';

/** The per-day counts a month row keeps for the trend, in this order. */
const DAY_COUNTS = 5;
const MONTH_DAYS = 31;
export const WEEK_HOUR_COUNTS = 7 * HOUR_COUNTS;
export const MONTH_DAY_COUNTS = MONTH_DAYS * DAY_COUNTS;

export interface MonthRow {
  location_id: number;
  touchpoint_id: number;
  /** Local "YYYY-MM" at the location. */
  month: string;
  answers: number;
  happy: number;
  unhappy: number;
  promoters: number;
  passives: number;
  detractors: number;
  ces_sum: number;
  ces_n: number;
  /** Per ISO weekday 1-7 (index weekday − 1), a day row's 48 hour counts, summed. */
  hours: Int32Array;
  /** Per day of the month 1-31: answers, happy, promoters, passives, detractors. */
  days: Int32Array;
  reasons: Record<string, [number, number]>;
}

/** A trend point: one local day's counts (a day row is one as it is). */
export interface DayCounts {
  day: string;
  answers: number;
  happy: number;
  promoters: number;
  passives: number;
  detractors: number;
}

/** The month rows of one location's day rows, per touchpoint and month. */
export function monthRowsOf(days: readonly DayRow[]): MonthRow[] {
  const months = new Map<string, MonthRow>();
  for (const d of days) {
    const month = d.day.slice(0, 7);
    const key = `${d.touchpoint_id} ${month}`;
    let m = months.get(key);
    if (!m) {
      m = {
        location_id: d.location_id,
        touchpoint_id: d.touchpoint_id,
        month,
        answers: 0,
        happy: 0,
        unhappy: 0,
        promoters: 0,
        passives: 0,
        detractors: 0,
        ces_sum: 0,
        ces_n: 0,
        hours: new Int32Array(WEEK_HOUR_COUNTS),
        days: new Int32Array(MONTH_DAY_COUNTS),
        // No prototype, as in a day row: reason ids come from kiosks.
        reasons: Object.create(null) as Record<string, [number, number]>,
      };
      months.set(key, m);
    }
    m.answers += d.answers;
    m.happy += d.happy;
    m.unhappy += d.unhappy;
    m.promoters += d.promoters;
    m.passives += d.passives;
    m.detractors += d.detractors;
    m.ces_sum += d.ces_sum;
    m.ces_n += d.ces_n;
    const at = (d.weekday - 1) * HOUR_COUNTS;
    for (let h = 0; h < HOUR_COUNTS; h++) m.hours[at + h]! += d.hours[h]!;
    const slot = (Number(d.day.slice(8, 10)) - 1) * DAY_COUNTS;
    m.days[slot]! += d.answers;
    m.days[slot + 1]! += d.happy;
    m.days[slot + 2]! += d.promoters;
    m.days[slot + 3]! += d.passives;
    m.days[slot + 4]! += d.detractors;
    for (const [id, [u, h]] of Object.entries(d.reasons)) {
      const counts = (m.reasons[id] ??= [0, 0]);
      counts[0] += u;
      counts[1] += h;
    }
  }
  return [...months.values()];
}

/** A month row's days that had answers, as trend points. */
export function* dayCountsOf(m: MonthRow): Generator<DayCounts> {
  for (let i = 0; i < MONTH_DAYS; i++) {
    const slot = i * DAY_COUNTS;
    const answers = m.days[slot]!;
    if (!answers) continue;
    yield {
      day: `${m.month}-${String(i + 1).padStart(2, '0')}`,
      answers,
      happy: m.days[slot + 1]!,
      promoters: m.days[slot + 2]!,
      passives: m.days[slot + 3]!,
      detractors: m.days[slot + 4]!,
    };
  }
}

/** The stored form of a month row's hours and days: a flat JSON array of counts. */
export const countsText = (counts: Int32Array) => `[${counts.join(',')}]`;
