// The results page's API (GET /staff/api/results and /staff/api/results/answers) as both ends
// see it, beside shared/staff-api.ts: the collector types its replies by these schemas, the page
// parses every reply with them. The filter's query-string names are shared with the comment feed
// (/staff/comments), so a drill-down link carries the same view there.
import { z } from 'zod';
import { Period } from './report-filter.ts';

export { Period };
export const PERIODS = Period.options;

/** The query-string names of a results view (location and touchpoint repeat). */
export const FILTER_KEYS = [
  'period',
  'from',
  'to',
  'location',
  'touchpoint',
  'lang',
  'complete',
  'repeats',
  'bucket',
] as const;

const Pct = z.number().min(0).max(100).nullable();

export const Tile = z.strictObject({
  value: z.number().nullable(),
  previous: z.number().nullable(),
  /** value − previous, in the figure's own unit (points for percentages and the NPS). */
  change: z.number().nullable(),
  /** The answers the figure rests on. */
  n: z.number().int().min(0),
  /** Fewer than 30: the page says "only n answers". */
  few: z.boolean(),
});
export type Tile = z.infer<typeof Tile>;

const Ranked = {
  id: z.number().int(),
  name: z.string(),
  answers: z.number().int(),
  happy: Pct,
  nps: z.number().nullable(),
  ces: z.number().nullable(),
  few: z.boolean(),
};

const Pareto = z.strictObject({
  /** Unhappy (smiley 1-2) or happy (4-5) answers in the view. */
  answers: z.number().int(),
  items: z.array(
    z.strictObject({
      id: z.string(),
      label: z.string(),
      count: z.number().int(),
      /** Of those answers, % that chose it. */
      share: z.number(),
      /** Running % of all choices, most chosen first. */
      cumulative: z.number(),
    }),
  ),
});

export const ResultsFigures = z.strictObject({
  tiles: z.strictObject({
    answers: Tile,
    happy: Tile,
    nps: Tile.extend({
      promoters: z.number().int(),
      passives: z.number().int(),
      detractors: z.number().int(),
      /** 95 % margin of error in NPS points (server/reports/figures.ts gives the formula). */
      margin: z.number().nullable(),
    }),
    ces: Tile,
  }),
  trend: z.strictObject({
    bucket: z.enum(['day', 'week']),
    points: z.array(
      z.strictObject({
        start: z.string(),
        answers: z.number().int(),
        happy: Pct,
        nps: z.number().nullable(),
      }),
    ),
  }),
  ranking: z.strictObject({
    locations: z.array(z.strictObject(Ranked)),
    touchpoints: z.array(z.strictObject({ ...Ranked, location: z.string() })),
  }),
  heatMap: z.array(
    z.strictObject({
      weekday: z.number().int().min(1).max(7),
      hour: z.number().int().min(0).max(23),
      answers: z.number().int(),
      happy: z.number().int(),
      happyPct: Pct,
      few: z.boolean(),
    }),
  ),
  reasons: z.strictObject({ unhappy: Pareto, happy: Pareto }),
});
export type ResultsFigures = z.infer<typeof ResultsFigures>;

export const LoopRow = z.strictObject({
  location: z.string(),
  alerts: z.number().int(),
  acknowledged: z.number().int(),
  resolved: z.number().int(),
  medianAckSeconds: z.number().nullable(),
  medianResolveSeconds: z.number().nullable(),
  /** Of resolved alerts, % resolved as "recovered". */
  recoveredPct: Pct,
});

export const ResultsReply = ResultsFigures.extend({
  /** The view as the collector read it: local dates, both included. */
  period: z.strictObject({
    period: Period,
    from: z.string(),
    to: z.string(),
    previousFrom: z.string(),
    previousTo: z.string(),
  }),
  /** What the filter may choose from: the asker's own locations and their touchpoints. */
  choices: z.strictObject({
    locations: z.array(
      z.strictObject({ id: z.number().int(), name: z.string(), timeZone: z.string() }),
    ),
    touchpoints: z.array(
      z.strictObject({ id: z.number().int(), name: z.string(), locationId: z.number().int() }),
    ),
    languages: z.array(z.string()),
  }),
  loop: z.array(LoopRow),
});
export type ResultsReply = z.infer<typeof ResultsReply>;

export const ResultAnswer = z.strictObject({
  id: z.string(),
  /** Local wall time at the location, with its offset. */
  at: z.string(),
  location: z.string(),
  touchpoint: z.string().nullable(),
  language: z.string(),
  smiley: z.number().int(),
  nps: z.number().int().nullable(),
  ces: z.number().int().nullable(),
  reasons: z.array(z.string()),
  comment: z.string().nullable(),
});
export const ResultAnswersReply = z.strictObject({
  answers: z.array(ResultAnswer),
  /** More matched than are listed (the newest are). */
  more: z.boolean(),
});
export type ResultAnswersReply = z.infer<typeof ResultAnswersReply>;
