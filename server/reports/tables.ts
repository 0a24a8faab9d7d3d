// The results rollup's tables (migrations 013, 023 and 025) as Kysely sees them; rollup.ts keeps
// them.
export interface ResultsDayTable {
  location_id: number;
  /** 0 for answers given at no touchpoint. */
  touchpoint_id: number;
  /** Local "YYYY-MM-DD" at the location. */
  day: string;
  /** ISO weekday of day: 1 Monday … 7 Sunday. */
  weekday: number;
  answers: number;
  /** Smiley 4-5, and 1-2. */
  happy: number;
  unhappy: number;
  promoters: number;
  passives: number;
  detractors: number;
  ces_sum: number;
  ces_n: number;
  /** JSON text: [[answers, happy] × 24 local hours]. */
  hours: string;
  /** JSON text: {"reason id": [unhappy, happy]}. */
  reasons: string;
}

export interface ResultsDirtyTable {
  location_id: number;
  /** UTC "YYYY-MM-DD" of the changed answers' finalized_at. */
  utc_day: string;
}

/** Migration 023: a month's day rows summed (month-rows.ts). */
export interface ResultsMonthTable {
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
  /** JSON text: [answers, happy] × 24 hours × 7 weekdays, Monday first, flat. */
  hours: string;
  /** JSON text: [answers, happy, promoters, passives, detractors] × 31 days, flat. */
  days: string;
  /** JSON text: {"reason id": [unhappy, happy]}. */
  reasons: string;
}

export interface ResultsMonthDirtyTable {
  location_id: number;
  /** Local "YYYY-MM" whose day rows changed since the month was summed. */
  month: string;
}

/** Migration 025: which answers a slice row counts (slices.ts). */
export interface SliceColumns {
  /** The survey's language the answers were given in. */
  language: string;
  /** "complete" or "partial". */
  status: string;
  /** 1: the answers flagged as possible repeats; 0: the others. */
  repeats: number;
}

export interface ResultsTables {
  results_days: ResultsDayTable;
  results_dirty: ResultsDirtyTable;
  results_months: ResultsMonthTable;
  results_months_dirty: ResultsMonthDirtyTable;
  results_slice_days: ResultsDayTable & SliceColumns;
  results_slice_months: ResultsMonthTable & SliceColumns;
}
