// GET /staff/api/stream: the live screen's server-sent events. On connect the client gets a full
// snapshot (or, when it sends Last-Event-ID and we still hold what it missed, just those events),
// then every hub event it may see, and a comment line every 15 s so proxies and the browser
// notice a dead connection. The session is re-checked on each heartbeat: a logged-out or disabled
// account's screen stops receiving within one interval.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { StreamData, StreamEvent } from '../../shared/staff-api.ts';
import { listAlerts } from '../alerts/workflow.ts';
import { STAFF_SECURITY_HEADERS } from './csp.ts';
import type { StaffContext } from './context.ts';
import { EventLog, type NumberedEvent } from './event-log.ts';
import { identify, requireIdentity } from './guard.ts';
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
  raw.writeHead(200, {
    ...STAFF_SECURITY_HEADERS,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-accel-buffering': 'no',
    connection: 'keep-alive',
  });
  raw.write('retry: 2000\n\n');
  return raw;
}

/** A comment line every interval while the session holds; the stream ends when it does not. */
function heartbeat(ctx: StaffContext, request: FastifyRequest, raw: ServerResponse): () => void {
  const timer = setInterval(() => {
    void identify(ctx.storage, request, ctx.now()).then((still) => {
      if (still && !still.user.disabled) raw.write(': heartbeat\n\n');
      else raw.end();
    });
  }, ctx.heartbeatMs ?? HEARTBEAT_MS);
  return () => clearInterval(timer);
}

export function streamRoute(app: FastifyInstance, ctx: StaffContext): void {
  const log = new EventLog(ctx.hub);
  // Open streams never go idle, so the server could not close while one is up: end them first
  // (the screens show "reconnecting" and come back to the restarted collector by themselves).
  const open = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const raw of open) raw.end();
  });
  app.addHook('onClose', async () => log.close());

  app.get('/staff/api/stream', async (request, reply) => {
    const locations = visibleLocations(requireIdentity(request).user);
    const raw = openStream(reply);
    const send = (n: NumberedEvent) => {
      if (canSee(locations, n.event.alert)) raw.write(message(n.id, n.event.type, n.event.alert));
    };
    // Listen before reading the snapshot, and hold live events until it is out, so nothing
    // published in between is lost; the client keys cards by alert id, so a repeat is harmless.
    const held: NumberedEvent[] = [];
    let live = false;
    const unlisten = log.listen((n) => (live ? send(n) : held.push(n)));
    const stopHeartbeat = heartbeat(ctx, request, raw);
    open.add(raw);
    raw.on('close', () => {
      open.delete(raw);
      unlisten();
      stopHeartbeat();
    });

    const missed = log.since(request.headers['last-event-id']);
    if (missed) missed.forEach(send);
    else {
      const alerts = await listAlerts(ctx.storage, { locations, limit: SNAPSHOT_LIMIT });
      const unresolved = alerts.filter((a) => a.status !== 'resolved');
      raw.write(message(log.lastId, 'snapshot', unresolved));
    }
    held.forEach(send);
    live = true;
  });
}
