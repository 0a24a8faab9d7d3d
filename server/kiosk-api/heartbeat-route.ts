// POST /v1/heartbeat: the kiosk says how it is; we answer with our time (so it can see its own
// skew), the config version (so it knows when to fetch GET /v1/config) and any orders an admin
// gave it (commands.ts), only to a kiosk that says it takes them: an older kiosk's strict parser
// would take the field for a broken reply.
import type { FastifyInstance } from 'fastify';
import { HeartbeatRequest, type HeartbeatReply } from '../../shared/protocol.ts';
import { requireOwnKiosk } from './device-auth.ts';
import { readClock } from './device-clock.ts';
import type { CollectorContext } from './context.ts';
import { parseBody } from '../errors.ts';
import { COMMANDS_FEATURE, FEATURES_HEADER } from '../../shared/kiosk-commands.ts';
import { deliverCommands } from './commands.ts';
import { configVersionFor } from './kiosk-configs.ts';
import { recordHeartbeat } from './heartbeats.ts';
import { noteClock } from './ingest-routes.ts';

export function heartbeatRoute(app: FastifyInstance, ctx: CollectorContext): void {
  app.post('/v1/heartbeat', async (request): Promise<HeartbeatReply> => {
    const hb = parseBody(HeartbeatRequest, request.body);
    requireOwnKiosk(request, hb.kioskId);
    const receivedAt = ctx.now();
    const clock = readClock(hb.deviceTime, receivedAt, ctx.clockToleranceMs);
    const { wasClockFlagged } = await recordHeartbeat(
      ctx.storage,
      request.kioskId,
      hb,
      receivedAt,
      clock,
    );
    noteClock(request, wasClockFlagged, clock);
    const commands = takesCommands(request.headers[FEATURES_HEADER])
      ? await deliverCommands(ctx.storage, request.kioskId, receivedAt)
      : [];
    return {
      serverTime: receivedAt.toISOString(),
      configVersion: await configVersionFor(ctx.storage, request.kioskId),
      ...(commands.length > 0 && { commands }),
    };
  });
}

const takesCommands = (header: string | string[] | undefined): boolean =>
  [header ?? []]
    .flat()
    .flatMap((h) => h.split(','))
    .some((f) => f.trim() === COMMANDS_FEATURE);
