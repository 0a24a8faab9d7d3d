// GET /staff/api/stream: the live screen's server-sent events. On connect the client gets a full
// snapshot (or, when it sends Last-Event-ID and we still hold what it missed, just those events),
// then every hub event it may see, and a comment line at each heartbeat so proxies and the browser
// notice a dead connection. LiveScreens holds the open screens: their caps, the drop of a screen
// that stops reading, and the session check before every delivery.
import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { AlertEvent } from '../alerts/hub.ts';
import { listAlerts } from '../alerts/workflow.ts';
import { hashToken } from '../tokens.ts';
import { STAFF_SECURITY_HEADERS } from './csp.ts';
import type { StaffContext } from './context.ts';
import { requireIdentity } from './guard.ts';
import type { LiveScreens } from './live-screens.ts';
import { visibleLocations } from './users.ts';
import { canSee } from './visibility.ts';

export const HEARTBEAT_MS = 15_000;
/** How many recent events a reconnecting screen can catch up on without a full snapshot. */
const REPLAY_LIMIT = 500;
export const SNAPSHOT_LIMIT = 200;

export interface Numbered {
  id: number;
  event: AlertEvent;
}

export function streamRoute(
  app: FastifyInstance,
  ctx: StaffContext,
  screens: LiveScreens<Numbered>,
): void {
  const recent: Numbered[] = [];
  // Event ids are "<epoch>.<n>": a screen resuming after a collector restart sends an id from
  // the old process, which must not be mistaken for one of the new process's numbers.
  const epoch = randomBytes(4).toString('hex');
  let lastId = 0;
  const unsubscribe = ctx.hub.subscribe((event) => {
    const numbered = { id: ++lastId, event };
    recent.push(numbered);
    if (recent.length > REPLAY_LIMIT) recent.shift();
    screens.broadcast(numbered);
  });
  // Open streams never go idle, so the server could not close while one is up: end them first
  // (the screens show "reconnecting" and come back to the restarted collector by themselves).
  app.addHook('preClose', async () => screens.closeAll());
  app.addHook('onClose', async () => unsubscribe());

  app.get('/staff/api/stream', async (request, reply) => {
    const who = requireIdentity(request);
    const locations = visibleLocations(who.user);
    const raw = reply.raw;
    // Subscribe before reading the snapshot, and hold live events until it is out, so nothing
    // published in between is lost; the client keys cards by alert id, so a repeat is harmless.
    const held: Numbered[] = [];
    let live = false;
    const screen = {
      raw,
      sessionId: hashToken(who.token),
      userId: who.user.id,
      onEvent: (n: Numbered) => (live ? send(n) : held.push(n)),
    };
    screens.add(screen);
    const send = (n: Numbered) => {
      if (canSee(locations, n.event.alert))
        screens.write(
          screen,
          `id: ${epoch}.${n.id}\nevent: ${n.event.type}\ndata: ${JSON.stringify(n.event.alert)}\n\n`,
        );
    };
    reply.hijack();
    raw.writeHead(200, {
      ...STAFF_SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });

    screens.write(screen, 'retry: 2000\n\n');
    const [sentEpoch, sentId] = String(request.headers['last-event-id'] ?? '').split('.');
    const resumeFrom = sentEpoch === epoch ? Number(sentId) : NaN;
    const first = recent[0]?.id ?? lastId + 1;
    if (
      Number.isInteger(resumeFrom) &&
      resumeFrom >= 0 &&
      resumeFrom >= first - 1 &&
      resumeFrom <= lastId
    ) {
      for (const n of recent) if (n.id > resumeFrom) send(n);
    } else {
      const alerts = await listAlerts(ctx.storage, { locations, limit: SNAPSHOT_LIMIT });
      screens.write(
        screen,
        `id: ${epoch}.${lastId}\nevent: snapshot\ndata: ${JSON.stringify(alerts.filter((a) => a.status !== 'resolved'))}\n\n`,
      );
    }
    for (const n of held) send(n);
    live = true;
  });
}
