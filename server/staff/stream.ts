// GET /staff/api/stream: the live screen's server-sent events. On connect the client gets a full
// snapshot (or, when it sends Last-Event-ID and we still hold what it missed, just those events),
// then every hub event it may see, and a comment line every 15 s so proxies and the browser
// notice a dead connection. The session is re-checked on each heartbeat: a logged-out or disabled
// account's screen stops receiving within one interval.
import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { AlertEvent, StreamData, StreamEvent } from '../../shared/staff-api.ts';
import { listAlerts } from '../alerts/workflow.ts';
import { STAFF_SECURITY_HEADERS } from './csp.ts';
import type { StaffContext } from './context.ts';
import { identify, requireIdentity } from './guard.ts';
import { visibleLocations } from './users.ts';
import { canSee } from './visibility.ts';

export const HEARTBEAT_MS = 15_000;
/** How many recent events a reconnecting screen can catch up on without a full snapshot. */
const REPLAY_LIMIT = 500;
export const SNAPSHOT_LIMIT = 200;

interface Numbered {
  id: number;
  event: AlertEvent;
}

function message<E extends StreamEvent>(id: string, event: E, data: StreamData[E]): string {
  return `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function streamRoute(app: FastifyInstance, ctx: StaffContext): void {
  const recent: Numbered[] = [];
  // Event ids are "<epoch>.<n>": a screen resuming after a collector restart sends an id from
  // the old process, which must not be mistaken for one of the new process's numbers.
  const epoch = randomBytes(4).toString('hex');
  let lastId = 0;
  const listeners = new Set<(n: Numbered) => void>();
  const unsubscribe = ctx.hub.subscribe((event) => {
    const numbered = { id: ++lastId, event };
    recent.push(numbered);
    if (recent.length > REPLAY_LIMIT) recent.shift();
    for (const l of listeners) l(numbered);
  });
  // Open streams never go idle, so the server could not close while one is up: end them first
  // (the screens show "reconnecting" and come back to the restarted collector by themselves).
  const open = new Set<{ end(): void }>();
  app.addHook('preClose', async () => {
    for (const raw of open) raw.end();
  });
  app.addHook('onClose', async () => unsubscribe());

  app.get('/staff/api/stream', async (request, reply) => {
    const who = requireIdentity(request);
    const locations = visibleLocations(who.user);
    const raw = reply.raw;
    reply.hijack();
    raw.writeHead(200, {
      ...STAFF_SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    const send = (n: Numbered) => {
      if (canSee(locations, n.event.alert))
        raw.write(message(`${epoch}.${n.id}`, n.event.type, n.event.alert));
    };
    // Subscribe before reading the snapshot, and hold live events until it is out, so nothing
    // published in between is lost; the client keys cards by alert id, so a repeat is harmless.
    const held: Numbered[] = [];
    let live = false;
    const listener = (n: Numbered) => (live ? send(n) : held.push(n));
    listeners.add(listener);
    const timer = setInterval(() => {
      void identify(ctx.storage, request, ctx.now()).then((still) => {
        if (still && !still.user.disabled) raw.write(': heartbeat\n\n');
        else raw.end();
      });
    }, ctx.heartbeatMs ?? HEARTBEAT_MS);
    open.add(raw);
    raw.on('close', () => {
      open.delete(raw);
      listeners.delete(listener);
      clearInterval(timer);
    });

    raw.write('retry: 2000\n\n');
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
      const unresolved = alerts.filter((a) => a.status !== 'resolved');
      raw.write(message(`${epoch}.${lastId}`, 'snapshot', unresolved));
    }
    for (const n of held) send(n);
    live = true;
  });
}
