// The weekly digest over HTTP: GET /staff/api/digest (one location's week, for the poster page),
// the signed-in person's own subscription (GET, PUT, DELETE /staff/api/digest/subscriptions…),
// and, for managers and admins, the addresses without an account that get it
// (POST, DELETE /staff/api/digest/subscribers). Staff reach only their own locations.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  DigestQuery,
  MySubscriptionBody,
  SubscriberBody,
  type DigestReply,
  type SubscriptionsReply,
} from '../../shared/digest-api.ts';
import { HttpError, parseBody } from '../errors.ts';
import { buildDigest } from '../digest/digest.ts';
import {
  DEFAULT_DIGEST_SCHEDULE,
  dueWeek,
  weekdayOf,
  type DigestSchedule,
} from '../digest/schedule.ts';
import {
  addSubscriber,
  mySubscription,
  removeSubscriber,
  subscribeMe,
  subscribers,
  SubscriptionError,
  unsubscribeMe,
} from '../digest/subscriptions.ts';
import { placesInScope, type Place } from '../reports/places.ts';
import type { StaffContext } from './context.ts';
import { requireIdentity, type StaffIdentity } from './guard.ts';

const LocationQuery = z.strictObject({ location: DigestQuery.shape.location });
const SubscriberParams = z.strictObject({ id: z.uuid() });

async function placeOf(
  ctx: StaffContext,
  who: StaffIdentity,
  location: number,
  verb: string,
): Promise<Place> {
  const { places } = await placesInScope(ctx.storage.db, who.user, { locations: [location] }, verb);
  return places[0]!;
}

function requireManager(who: StaffIdentity): void {
  if (who.user.role === 'staff')
    throw new HttpError(
      403,
      'forbidden',
      'only a manager or an admin may change who gets a digest',
    );
}

async function mapped<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof SubscriptionError)
      throw new HttpError(
        error.status,
        error.status === 404 ? 'not_found' : 'conflict',
        error.message,
      );
    throw error;
  }
}

export function digestRoutes(app: FastifyInstance, ctx: StaffContext): void {
  const schedule: DigestSchedule | null =
    ctx.digestSchedule === undefined ? DEFAULT_DIGEST_SCHEDULE : ctx.digestSchedule;

  app.get('/staff/api/digest', async (request: FastifyRequest): Promise<DigestReply> => {
    const who = requireIdentity(request);
    const q = parseBody(DigestQuery, request.query);
    const place = await placeOf(ctx, who, q.location, 'see the digest of');
    const now = ctx.now();
    const weeksStart = schedule ?? DEFAULT_DIGEST_SCHEDULE;
    const newest = dueWeek(weeksStart, now, place.timeZone).week;
    const week = q.week ?? newest;
    if (weekdayOf(week) !== weeksStart.weekday)
      throw new HttpError(
        400,
        'invalid_request',
        `week: a digest week starts on the weekday it is sent, and ${week} is not one`,
      );
    if (week > newest)
      throw new HttpError(
        400,
        'invalid_request',
        `week: the digest of the week from ${week} is not due yet`,
      );
    return buildDigest(ctx.storage, place, week, schedule, now);
  });

  app.get(
    '/staff/api/digest/subscriptions',
    async (request: FastifyRequest): Promise<SubscriptionsReply> => {
      const who = requireIdentity(request);
      const { location } = parseBody(LocationQuery, request.query);
      await placeOf(ctx, who, location, 'subscribe to the digest of');
      return {
        mine: await mySubscription(ctx.storage, who.user.id, location),
        all: who.user.role === 'staff' ? null : await subscribers(ctx.storage, location),
      };
    },
  );

  app.put('/staff/api/digest/subscriptions/mine', async (request, reply) => {
    const who = requireIdentity(request);
    const body = parseBody(MySubscriptionBody, request.body);
    await placeOf(ctx, who, body.location, 'subscribe to the digest of');
    await mapped(subscribeMe(ctx.storage, who.user.id, body.location, body.email, ctx.now()));
    return reply.code(204).send();
  });

  app.delete('/staff/api/digest/subscriptions/mine', async (request, reply) => {
    const who = requireIdentity(request);
    const { location } = parseBody(LocationQuery, request.query);
    await placeOf(ctx, who, location, 'subscribe to the digest of');
    await unsubscribeMe(ctx.storage, who.user.id, location);
    return reply.code(204).send();
  });

  app.post('/staff/api/digest/subscribers', async (request, reply) => {
    const who = requireIdentity(request);
    requireManager(who);
    const body = parseBody(SubscriberBody, request.body);
    await placeOf(ctx, who, body.location, 'change the digest of');
    await mapped(addSubscriber(ctx.storage, body.location, body.email, ctx.now()));
    return reply.code(201).send(await subscribers(ctx.storage, body.location));
  });

  app.delete('/staff/api/digest/subscribers/:id', async (request, reply) => {
    const who = requireIdentity(request);
    requireManager(who);
    const { id } = parseBody(SubscriberParams, request.params);
    const { location } = parseBody(LocationQuery, request.query);
    await placeOf(ctx, who, location, 'change the digest of');
    await mapped(removeSubscriber(ctx.storage, location, id));
    return reply.code(204).send();
  });
}
