// GET /staff/api/stream: the live screen's server-sent events. On connect the client gets a full
// snapshot (or, when it sends Last-Event-ID and alert_events still holds what it missed, just those
// events), then every hub event it may see, and a comment line at each heartbeat so proxies and
// the browser notice a dead connection. Event ids are alert_events ids, the same on every
// instance of one database, so a screen may resume on another instance than the one it left.
// LiveScreens holds the open screens: their caps, the drop of a screen that stops reading, and
// the session check before every delivery.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { StreamData, StreamEvent } from '../../shared/staff-api.ts';
import type { SequencedEvent } from '../alerts/hub.ts';
import { listAlerts } from '../alerts/workflow.ts';
import { hashToken } from '../tokens.ts';
import { STAFF_SECURITY_HEADERS } from './csp.ts';
import type { StaffContext } from './context.ts';
import { requireIdentity } from './guard.ts';
import type { LiveScreens } from './live-screens.ts';
import { visibleLocations } from './users.ts';
import { canSee } from './visibility.ts';

export const HEARTBEAT_MS = 15_000;
export const SNAPSHOT_LIMIT = 200;

function message<E extends StreamEvent>(id: number, event: E, data: StreamData[E]): string {
  return `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The id a reconnecting screen last saw; null for none or one in another form (a snapshot is due). */
function resumePoint(header: unknown): number | null {
  return typeof header === 'string' && /^\d{1,15}$/.test(header) ? Number(header) : null;
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
  screens: LiveScreens<SequencedEvent>,
): void {
  const unsubscribe = ctx.hub.subscribe((e) => screens.broadcast(e));
  // Open streams never go idle, so the server could not close while one is up: end them first
  // (the screens show "reconnecting" and come back to the restarted collector by themselves).
  app.addHook('preClose', async () => screens.closeAll());
  app.addHook('onClose', async () => unsubscribe());

  app.get('/staff/api/stream', async (request, reply) => {
    const who = requireIdentity(request);
    const locations = visibleLocations(who.user);
    // Listen before reading the snapshot or the replay, and hold live events until it is out, so
    // nothing published in between is lost. The feed publishes in id order, so every event from
    // here on is after `upTo`; what the screen already has (up to `sentUpTo`: replayed, in the
    // snapshot, or seen on an instance whose feed is a little ahead of ours) is not sent again.
    const held: SequencedEvent[] = [];
    let live = false;
    let sentUpTo = 0;
    const screen = {
      raw: reply.raw,
      sessionId: hashToken(who.token),
      userId: who.user.id,
      onEvent: (e: SequencedEvent) => (live ? send(e) : held.push(e)),
    };
    // Before the reply is taken over: a refused screen gets its 429/503 as a normal error reply.
    screens.add(screen);
    const upTo = ctx.feed.last;
    const send = (e: SequencedEvent) => {
      if (e.seq <= sentUpTo) return;
      sentUpTo = e.seq;
      if (canSee(locations, e.alert)) screens.write(screen, message(e.seq, e.type, e.alert));
    };
    openStream(reply);
    screens.write(screen, 'retry: 2000\n\n');

    const after = resumePoint(request.headers['last-event-id']);
    const missed = after === null ? null : await ctx.feed.replay(after, upTo);
    if (missed) {
      sentUpTo = after!;
      missed.forEach(send);
    } else {
      const alerts = await listAlerts(ctx.storage, { locations, limit: SNAPSHOT_LIMIT });
      const unresolved = alerts.filter((a) => a.status !== 'resolved');
      screens.write(screen, message(upTo, 'snapshot', unresolved));
      sentUpTo = upTo;
    }
    held.forEach(send);
    live = true;
  });
}
