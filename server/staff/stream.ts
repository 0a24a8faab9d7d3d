// GET /staff/api/stream: the live screen's server-sent events. On connect the client gets a full
// snapshot (or, when it sends Last-Event-ID and we still hold what it missed, just those events),
// then every hub event it may see, and a comment line at each heartbeat so proxies and the browser
// notice a dead connection. LiveScreens holds the open screens: their caps, the drop of a screen
// that stops reading, and the session check before every delivery.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { StreamData, StreamEvent } from '../../shared/staff-api.ts';
import { listAlerts } from '../alerts/workflow.ts';
import { hashToken } from '../tokens.ts';
import { STAFF_SECURITY_HEADERS } from './csp.ts';
import type { StaffContext } from './context.ts';
import { EventLog, type NumberedEvent } from './event-log.ts';
import { requireIdentity } from './guard.ts';
import type { LiveScreens } from './live-screens.ts';
import { visibleLocations } from './users.ts';
import { canSee } from './visibility.ts';

export const HEARTBEAT_MS = 15_000;
export const SNAPSHOT_LIMIT = 200;

function message<E extends StreamEvent>(id: string, event: E, data: StreamData[E]): string {
  return `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Takes the response over from fastify and starts the event stream. */
function openStream(reply: FastifyReply): ServerResponse {
  const raw = reply.raw;
  reply.hijack();
  // Quiet between heartbeats for longer than the server's idle limit may be. That limit could not
  // catch a dead screen anyway (each heartbeat write resets it); the unsent-bytes bound does.
  raw.setTimeout(0);
  raw.writeHead(200, {
    ...STAFF_SECURITY_HEADERS,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-accel-buffering': 'no',
    connection: 'keep-alive',
  });
  return raw;
}

export function streamRoute(
  app: FastifyInstance,
  ctx: StaffContext,
  screens: LiveScreens<NumberedEvent>,
): void {
  const log = new EventLog(ctx.hub);
  log.listen((n) => screens.broadcast(n));
  // Open streams never go idle, so the server could not close while one is up: end them first
  // (the screens show "reconnecting" and come back to the restarted collector by themselves).
  app.addHook('preClose', async () => screens.closeAll());
  app.addHook('onClose', async () => log.close());

  app.get('/staff/api/stream', async (request, reply) => {
    const who = requireIdentity(request);
    const locations = visibleLocations(who.user);
    // Listen before reading the snapshot, and hold live events until it is out, so nothing
    // published in between is lost; the client keys cards by alert id, so a repeat is harmless.
    const held: NumberedEvent[] = [];
    let live = false;
    const screen = {
      raw: reply.raw,
      sessionId: hashToken(who.token),
      userId: who.user.id,
      onEvent: (n: NumberedEvent) => (live ? send(n) : held.push(n)),
    };
    // Before the reply is taken over: a refused screen gets its 429/503 as a normal error reply.
    screens.add(screen);
    const send = (n: NumberedEvent) => {
      if (canSee(locations, n.event.alert))
        screens.write(screen, message(n.id, n.event.type, n.event.alert));
    };
    openStream(reply);
    screens.write(screen, 'retry: 2000\n\n');

    const missed = log.since(request.headers['last-event-id']);
    if (missed) missed.forEach(send);
    else {
      const alerts = await listAlerts(ctx.storage, { locations, limit: SNAPSHOT_LIMIT });
      const unresolved = alerts.filter((a) => a.status !== 'resolved');
      screens.write(screen, message(log.lastId, 'snapshot', unresolved));
    }
    held.forEach(send);
    live = true;
  });
}
