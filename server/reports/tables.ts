// The results rollup's tables (migration 013) as Kysely sees them; rollup.ts keeps them.
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

export interface ResultsTables {
  results_days: ResultsDayTable;
  results_dirty: ResultsDirtyTable;
}
