// The query shapes of the results page and the export, checked at the boundary. The place checks
// every manager view shares are in places.ts.
import { z } from 'zod';
import { checkPeriod, REPORT_FILTER_SHAPE } from '../../shared/report-filter.ts';

/** A comma-separated list, each item checked by `item`. */
export const listOf = <T extends z.ZodType>(item: T, what: string) =>
  z.string().transform((s, c) => {
    const parsed = z.array(item).min(1).safeParse(s.split(','));
    if (parsed.success) return parsed.data as z.infer<T>[];
    c.addIssue({ code: 'custom', message: `a comma-separated list of ${what}` });
    return z.NEVER;
  });

const { reason: _reason, ...VIEW_FILTER } = REPORT_FILTER_SHAPE;

/** The results view's filter: the report filter's names (shared/report-filter.ts) and a bucket. */
export const ResultsQuery = z
  .strictObject({ ...VIEW_FILTER, bucket: z.enum(['day', 'week']).optional() })
  .superRefine(checkPeriod);
export type ResultsQuery = z.infer<typeof ResultsQuery>;
