// The filter every manager view shares (results, comment feed, drill-downs), as query-string
// names, so a view's URL can be bookmarked, shared, and carried from one page to another
// (/staff/results?… → /staff/comments?reason=wait&…): the collector parses requests with it, the
// staff page builds its links and reads its address bar with it. Periods are local days at each
// answer's own location: "today" in Berlin and in New York are different instants.
import { z } from 'zod';
import { LanguageCode } from './survey.ts';

/** today, the last 7 / 30 / 91 / 365 local days (today included), or custom from–to. */
export const Period = z.enum(['today', '7d', '30d', 'quarter', 'year', 'custom']);
export type Period = z.infer<typeof Period>;
export const DEFAULT_PERIOD: Period = '30d';
/** Days each rolling period covers, today included. */
export const PERIOD_DAYS: Readonly<Record<Exclude<Period, 'custom'>, number>> = {
  today: 1,
  '7d': 7,
  '30d': 30,
  // 13 whole weeks, as the results page counts it: each weekday as often as the others.
  quarter: 91,
  year: 365,
};

/** A calendar date that exists: "2026-02-30" is refused, not rolled over into March. */
export const LocalDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD')
  .refine((s) => {
    const at = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(at.getTime()) && at.toISOString().startsWith(s);
  }, 'is not a date');

/** A name that may be repeated (?location=1&location=2): one value or many, always a list. */
export const repeatable = <T extends z.ZodType>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .pipe(z.array(item).max(200) as unknown as z.ZodType<z.output<T>[], string[]>);

// Ids are PostgreSQL integers: a larger number is refused here, not by the database (a 500).
const Id = z.coerce.number().int().positive().max(2_147_483_647);
const ReasonId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be a reason id');

export const REPORT_FILTER_SHAPE = {
  period: Period.optional(),
  from: LocalDate.optional(),
  to: LocalDate.optional(),
  location: repeatable(Id).optional(),
  touchpoint: repeatable(Id).optional(),
  lang: repeatable(LanguageCode).optional(),
  /** 1: complete answers only, 0: partial ones only; both when left out (as on the results page). */
  complete: z.enum(['1', '0'], '"1" (complete answers only) or "0" (partial only)').optional(),
  repeats: z
    .literal('include', 'only "include" (possible repeats are left out by default)')
    .optional(),
  /** Answers that chose any of these reasons. */
  reason: repeatable(ReasonId).optional(),
};

/** custom needs from and to; from and to belong to custom. */
export const checkPeriod = (
  q: { period?: Period | undefined; from?: string | undefined; to?: string | undefined },
  ctx: z.RefinementCtx,
) => {
  const custom = q.period === 'custom';
  for (const key of ['from', 'to'] as const) {
    if (custom && !q[key])
      ctx.addIssue({ code: 'custom', path: [key], message: 'is required with period=custom' });
    if (!custom && q[key])
      ctx.addIssue({ code: 'custom', path: [key], message: 'is only read with period=custom' });
  }
  if (custom && q.from && q.to && q.from > q.to)
    ctx.addIssue({ code: 'custom', path: ['from'], message: 'is after to' });
};

export const ReportFilter = z.strictObject(REPORT_FILTER_SHAPE).superRefine(checkPeriod);
export type ReportFilter = z.infer<typeof ReportFilter>;
