// Routing per location in the alert_routing table, kept as the exact JSON text given (like
// kiosk configs), parsed on every read so a bad row fails loudly rather than routing oddly.
import type { z } from 'zod';
import type { Storage } from '../db/open.ts';
import { DEFAULT_ROUTING, Routing } from './rules.ts';

export class RoutingError extends Error {}

/** The routing as the schema reads it, or a RoutingError with one `field: reason` line each. */
export function parseWith<T>(schema: z.ZodType<T>, json: unknown): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new RoutingError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(routing)'}: ${i.message}`).join('\n'),
    );
  return parsed.data;
}

export function parseRouting(json: unknown): Routing {
  return parseWith(Routing, json);
}

export async function setRouting(
  storage: Storage,
  location: string,
  json: unknown,
  now: Date,
): Promise<Routing> {
  const routing = parseRouting(json);
  const body = JSON.stringify(json);
  const at = now.toISOString();
  await storage.db
    .insertInto('alert_routing')
    .values({ location, body, updated_at: at })
    .onConflict((oc) => oc.column('location').doUpdateSet({ body, updated_at: at }))
    .execute();
  return routing;
}

export async function getRouting(storage: Storage, location: string): Promise<Routing> {
  const row = await storage.db
    .selectFrom('alert_routing')
    .select('body')
    .where('location', '=', location)
    .executeTakeFirst();
  return routingFromBody(row?.body ?? null);
}

/** A location's stored routing text, or none (DEFAULT_ROUTING). */
export function routingFromBody(body: string | null): Routing {
  return body === null ? DEFAULT_ROUTING : parseRouting(JSON.parse(body));
}
