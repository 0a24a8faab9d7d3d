// The fleet view over the staff API, for admins only: GET /staff/api/kiosks (every active kiosk
// and its status, only what the Kiosks page's rows show; an ETag of the list, so the page's poll
// costs a 304 while nothing changed) and GET /staff/api/kiosks/:id/history (30 days of status
// changes and hours, with the kiosk in full).
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { FleetHistoryReply } from '../../shared/fleet-api.ts';
import { KioskId } from '../../shared/protocol.ts';
import { HttpError, parseBody } from '../errors.ts';
import { kioskEvents } from '../fleet/events.ts';
import { listFleet, publicKiosk, readFleet } from '../fleet/fleet-list.ts';
import { fleetRows } from '../fleet/fleet-rows.ts';
import { kioskHours } from '../fleet/hours.ts';
import { FLEET_HISTORY_DAYS } from '../fleet/prune.ts';
import type { StaffContext } from './context.ts';
import { requireAdmin } from './guard.ts';

const NoQuery = z.strictObject({});
const Params = z.strictObject({ id: KioskId });
const DAY_MS = 86_400_000;

interface Listed {
  now: Date;
  /** The reply's `places` and `kiosks`, as JSON members. */
  members: string;
  etag: string;
}

export function fleetRoutes(app: FastifyInstance, ctx: StaffContext): void {
  /**
   * The list being made: pages that poll at the same moment share it (each open Kiosks page
   * polls every 10 s, and at 5,000 kiosks one list is a few hundred ms of a busy core).
   */
  let making: Promise<Listed> | null = null;
  const list = async (): Promise<Listed> => {
    const now = ctx.now();
    const { places, kiosks } = fleetRows(await readFleet(ctx.storage, now, app.fleet.rules));
    const members = `"places":${JSON.stringify(places)},"kiosks":${JSON.stringify(kiosks)}`;
    // The list alone: `now` changes on every call and would make every poll a new body.
    const etag = `"${createHash('sha256').update(members).digest('base64url').slice(0, 27)}"`;
    return { now, members, etag };
  };

  app.get('/staff/api/kiosks', async (request, reply) => {
    requireAdmin(request, 'see the kiosks');
    parseBody(NoQuery, request.query);
    making ??= list().finally(() => (making = null));
    const { now, members, etag } = await making;
    const { rules } = app.fleet;
    reply.header('etag', etag).header('cache-control', 'private, no-cache');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply
      .type('application/json; charset=utf-8')
      .send(
        `{"now":${now.getTime()},"offlineAfterMinutes":${rules.offlineAfterMs / 60_000},${members}}`,
      );
  });

  app.get('/staff/api/kiosks/:id/history', async (request): Promise<FleetHistoryReply> => {
    requireAdmin(request, 'see the kiosks');
    const { id } = parseBody(Params, request.params);
    parseBody(NoQuery, request.query);
    const now = ctx.now();
    const [kiosk] = await listFleet(ctx.storage, now, app.fleet.rules, id);
    if (!kiosk) throw new HttpError(404, 'not_found', 'no such kiosk (or it was revoked)');
    const from = new Date(now.getTime() - FLEET_HISTORY_DAYS * DAY_MS);
    return {
      now: now.toISOString(),
      kiosk: publicKiosk(kiosk),
      events: await kioskEvents(ctx.storage.db, id, from),
      hours: await kioskHours(ctx.storage.db, id, from),
    };
  });
}
