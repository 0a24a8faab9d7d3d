// The read API for BI and CRM tools: /api/v1/answers and /api/v1/locations behind a Bearer token
// (server/api/tokens.ts), and the OpenAPI document at /api/openapi.json (openapi.ts). A token
// reads only its locations: naming another is refused (403, naming it), as for staff. Each token
// has its own rate limit (429 with Retry-After), shared by every instance on PostgreSQL.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiAnswersQuery, type ApiAnswersPage, type ApiLocations } from '../../shared/read-api.ts';
import type { Storage } from '../db/open.ts';
import { HttpError, parseBody } from '../errors.ts';
import { checkedPlaces } from '../reports/places.ts';
import { storedBuckets, type RateLimit } from '../token-buckets.ts';
import { answersPage, DEFAULT_PAGE } from './answers.ts';
import { openApiDocument } from './openapi.ts';
import { apiCaller, type ApiCaller } from './tokens.ts';

export const DEFAULT_API_RATE_LIMIT: RateLimit = { perSecond: 5, burst: 20 };

declare module 'fastify' {
  interface FastifyRequest {
    apiCaller: ApiCaller | null;
  }
}

const unauthorized = () =>
  new HttpError(401, 'unauthorized', 'a valid API token is required (Authorization: Bearer …)', {
    headers: { 'www-authenticate': 'Bearer' },
  });

export function readApi(
  app: FastifyInstance,
  storage: Storage,
  now: () => Date,
  limit: RateLimit = DEFAULT_API_RATE_LIMIT,
): void {
  const buckets = storedBuckets(storage, limit, () => now().getTime());
  const document = openApiDocument();
  app.get('/api/openapi.json', async () => document);

  app.register(async (v1) => {
    v1.decorateRequest('apiCaller', null);
    v1.addHook('onRequest', async (request: FastifyRequest) => {
      const header = request.headers.authorization ?? '';
      const token = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(header)?.[1];
      const caller = token ? await apiCaller(storage, token) : null;
      if (!caller) throw unauthorized();
      const taken = await buckets.take(`api:${caller.tokenId}`);
      if (!taken.ok)
        throw new HttpError(
          429,
          'rate_limited',
          `too many requests for this token; retry in ${taken.retryAfterSeconds} s`,
          {
            headers: { 'retry-after': String(taken.retryAfterSeconds) },
            extra: { retryAfterSeconds: taken.retryAfterSeconds },
          },
        );
      request.apiCaller = caller;
    });
    const scope = (caller: ApiCaller) =>
      ({
        visible: caller.locationIds === 'all' ? 'all' : { ids: caller.locationIds },
        verb: 'read',
      }) as const;

    v1.get('/api/v1/answers', async (request): Promise<ApiAnswersPage> => {
      const q = parseBody(ApiAnswersQuery, request.query);
      const places = await checkedPlaces(storage, scope(request.apiCaller!), q.location, undefined);
      return answersPage(storage, {
        locationIds: places.map((p) => p.id),
        updatedSince: q.updated_since,
        cursor: q.cursor,
        limit: q.limit ?? DEFAULT_PAGE,
        now: now(),
      });
    });

    v1.get('/api/v1/locations', async (request): Promise<ApiLocations> => {
      const places = await checkedPlaces(storage, scope(request.apiCaller!), undefined, undefined);
      const ids = places.map((p) => p.id);
      const [rows, points] = ids.length
        ? await Promise.all([
            storage.db
              .selectFrom('locations')
              .select(['id', 'external_id'])
              .where('id', 'in', ids)
              .execute(),
            storage.db
              .selectFrom('touchpoints')
              .select(['id', 'name', 'location_id'])
              .where('location_id', 'in', ids)
              .orderBy('id')
              .execute(),
          ])
        : [[], []];
      return {
        locations: places
          .sort((a, b) => a.id - b.id)
          .map((p) => ({
            id: p.id,
            name: p.name,
            timeZone: p.timeZone,
            externalId: rows.find((r) => r.id === p.id)?.external_id ?? null,
            touchpoints: points
              .filter((t) => t.location_id === p.id)
              .map((t) => ({ id: t.id, name: t.name })),
          })),
      };
    });
  });
}
