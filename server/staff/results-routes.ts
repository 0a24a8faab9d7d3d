// GET /staff/api/results (the results page's figures for a filter) and /staff/api/results/answers
// (the answers behind one reason). Managers and admins see every location; staff only their own,
// and naming another is a 403 that names it (server/reports/filter.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parseBody } from '../errors.ts';
import { ResultsQuery } from '../reports/filter.ts';
import { placesInScope } from '../reports/places.ts';
import { reasonAnswers, resultsOf } from '../reports/results.ts';
import type { StaffContext } from './context.ts';
import { requireIdentity } from './guard.ts';

const DrillQuery = z.strictObject({
  reason: z.string().min(1).max(40),
  mood: z.enum(['unhappy', 'happy']).default('unhappy'),
});

/** The filter's keys and the drill-down's own, checked separately so each 400 names its field. */
function split(query: unknown): [unknown, unknown] {
  const { reason, mood, ...rest } = (query ?? {}) as Record<string, unknown>;
  return [rest, { reason, mood }];
}

export function resultsRoutes(app: FastifyInstance, ctx: StaffContext): void {
  app.get('/staff/api/results', async (request: FastifyRequest) => {
    const who = requireIdentity(request);
    const q = parseBody(ResultsQuery, request.query);
    const scope = await placesInScope(
      ctx.storage.db,
      who.user,
      { locations: q.location, touchpoints: q.touchpoint },
      'see results of',
    );
    return resultsOf(ctx.storage, q, scope, ctx.now());
  });

  app.get('/staff/api/results/answers', async (request: FastifyRequest) => {
    const who = requireIdentity(request);
    const [filter, drill] = split(request.query);
    const q = parseBody(ResultsQuery, filter);
    const d = parseBody(
      DrillQuery,
      Object.fromEntries(Object.entries(drill as object).filter(([, v]) => v !== undefined)),
    );
    const { places } = await placesInScope(
      ctx.storage.db,
      who.user,
      { locations: q.location, touchpoints: q.touchpoint },
      'see results of',
    );
    return reasonAnswers(ctx.storage, q, places, ctx.now(), d.reason, d.mood);
  });
}
