// GET /staff/api/comments (the comment feed) and GET /staff/api/places (what its filters offer).
// Staff read only their own locations: naming another is refused with 403 naming it
// (server/reports/places.ts); left unnamed, the feed is every location they may see. The search
// text is personal data's neighbour: it is never logged.
import type { FastifyInstance } from 'fastify';
import { CommentsQuery, type CommentsReply, type PlacesReply } from '../../shared/staff-api.ts';
import { parseBody } from '../errors.ts';
import { commentPage } from '../reports/comment-feed.ts';
import { searchWords } from '../reports/comment-search.ts';
import { answerFilterOf, checkedPlaces, periodDays, staffScope } from '../reports/places.ts';
import type { StaffContext } from './context.ts';
import { requireIdentity } from './guard.ts';

const DEFAULT_LIMIT = 25;

export function commentRoutes(app: FastifyInstance, ctx: StaffContext): void {
  app.get('/staff/api/comments', async (request): Promise<CommentsReply> => {
    const who = requireIdentity(request);
    const q = parseBody(CommentsQuery, request.query);
    const places = await checkedPlaces(
      ctx.storage,
      staffScope(who.user, 'read'),
      q.location,
      q.touchpoint,
    );
    const now = ctx.now();
    return commentPage(ctx.storage, {
      places: places.map((p) => ({ ...p, ...periodDays(q, now, p.timeZone) })),
      filter: answerFilterOf(q),
      reasons: q.reason,
      words: searchWords(q.q ?? ''),
      cursor: q.cursor,
      limit: q.limit ?? DEFAULT_LIMIT,
    });
  });

  app.get('/staff/api/places', async (request): Promise<PlacesReply> => {
    const who = requireIdentity(request);
    const places = await checkedPlaces(
      ctx.storage,
      staffScope(who.user, 'read'),
      undefined,
      undefined,
    );
    const points = places.length
      ? await ctx.storage.db
          .selectFrom('touchpoints')
          .select(['id', 'name', 'location_id'])
          .where(
            'location_id',
            'in',
            places.map((p) => p.id),
          )
          .orderBy('name')
          .execute()
      : [];
    return {
      locations: places
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((p) => ({
          id: p.id,
          name: p.name,
          touchpoints: points
            .filter((t) => t.location_id === p.id)
            .map((t) => ({ id: t.id, name: t.name })),
        })),
    };
  });
}
