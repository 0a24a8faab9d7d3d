// The IT routing in force for a location: its own routing's `it` section with that routing's
// channels, else the IT default (one row, it_default_routing, set with `set-it-routing`), else
// none (no IT alerts). The default is a document of its own, channels and `it` only: staff rules
// do not belong in it, and a staff key there is an error, not something silently ignored.
import { z } from 'zod';
import type { CollectorDb, Storage } from '../db/open.ts';
import { ItRules } from './it-rules.ts';
import { parseWith, routingFromBody } from './routing-store.ts';
import { Channel, checkChannelNames } from './rules.ts';

export const ItDefaultRouting = z
  .strictObject({
    channels: z.array(Channel).min(1).max(20),
    it: ItRules,
  })
  .superRefine((r, ctx) =>
    checkChannelNames(
      ctx,
      r.channels,
      r.it.notify.map((n) => ['it.notify', n] as const),
    ),
  );
/** Where a location's IT alerts go: its channels and rules. */
export type ItRouting = z.infer<typeof ItDefaultRouting>;

export function parseItDefault(json: unknown): ItRouting {
  return parseWith(ItDefaultRouting, json);
}

/** Checks and stores the IT default (the exact JSON text, as routings are kept). */
export async function setItDefault(storage: Storage, json: unknown, now: Date): Promise<ItRouting> {
  const routing = parseItDefault(json);
  const body = JSON.stringify(json);
  const at = now.toISOString();
  await storage.db
    .insertInto('it_default_routing')
    .values({ scope: 'default', body, updated_at: at })
    .onConflict((oc) => oc.column('scope').doUpdateSet({ body, updated_at: at }))
    .execute();
  return routing;
}

export async function getItDefault(db: CollectorDb): Promise<ItRouting | null> {
  const row = await db
    .selectFrom('it_default_routing')
    .select('body')
    .where('scope', '=', 'default')
    .executeTakeFirst();
  return row ? parseItDefault(JSON.parse(row.body)) : null;
}

/** The location's IT routing: its own `it` section, else the default; null: no IT alerts. */
export async function itRoutingFor(db: CollectorDb, location: string): Promise<ItRouting | null> {
  const row = await db
    .selectFrom('alert_routing')
    .select('body')
    .where('location', '=', location)
    .executeTakeFirst();
  const own = row ? routingFromBody(row.body) : null;
  if (own?.it) return { channels: own.channels, it: own.it };
  return getItDefault(db);
}
