// A collector with its alert service for alert tests: real HTTP on loopback, a temp SQLite file
// (or a PostgreSQL schema), an injected clock the test moves, webhook targets on 127.0.0.1
// allowed explicitly, fast retries and no escalation timer (tests call tick with their clock).
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildCollector } from '../../server/app.ts';
import type { AlertEvent } from '../../shared/staff-api.ts';
import { setRouting } from '../../server/alerts/routing-store.ts';
import type { SmtpSettings } from '../../server/alerts/smtp.ts';
import type { FleetOptions } from '../../server/fleet/plugin.ts';
import { openStorage, type Storage } from '../../server/db/open.ts';
import { enrolKiosk } from '../../server/kiosk-api/kiosks.ts';
import type { RetentionOptions } from '../../server/privacy/schedule.ts';
import { call, type HttpReply } from './collector.ts';
import { tempDir } from './tmp.ts';

export interface AlertCollector {
  url: string;
  kioskId: string;
  token: string;
  storage: Storage;
  app: FastifyInstance;
  events: AlertEvent[];
  clock: { now: Date; advance(minutes: number): void };
  setRouting(routing: unknown): Promise<void>;
  post(path: '/v1/alerts' | '/v1/answers', items: unknown[]): Promise<HttpReply>;
  /** Waits for routing and deliveries (with retries) to finish. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export const LOCATION = 'Test store';

export async function startAlertCollector(opts: {
  start: string;
  smtp?: SmtpSettings;
  databaseUrl?: string | undefined;
  logger?: Logger;
  perChannelPerMinute?: number;
  /** The retention period and its timer; none by default. */
  retention?: RetentionOptions;
  /** The fleet tick's options (tests call app.fleet.tick() on their clock). */
  fleet?: FleetOptions;
  /** Enrol the test kiosk (default); a second instance on one database does not. */
  enrol?: boolean;
}): Promise<AlertCollector> {
  const dir = opts.databaseUrl ? null : tempDir('lastword-alerts-');
  const storage = await openStorage({
    databaseUrl: opts.databaseUrl,
    sqlitePath: `${dir?.path}/collector.sqlite`,
  });
  const clock = {
    now: new Date(opts.start),
    advance(minutes: number) {
      this.now = new Date(this.now.getTime() + minutes * 60_000);
    },
  };
  const now = () => clock.now;
  const kioskId = 'desk-2';
  const { token } =
    opts.enrol === false
      ? { token: '' }
      : await enrolKiosk(storage, { kioskId, location: LOCATION, touchpoint: 'Desk 2' }, now());
  const app = buildCollector({
    storage,
    now,
    rateLimit: { perSecond: 10_000, burst: 10_000 },
    ...(opts.logger && { logger: opts.logger }),
    ...(opts.retention && { retention: opts.retention }),
    ...(opts.fleet && { fleet: opts.fleet }),
    alerts: {
      targets: { allowHosts: ['127.0.0.1'] },
      smtp: opts.smtp ?? null,
      retry: { baseDelayMs: 10, maxDelayMs: 40, maxAttempts: 4 },
      tickIntervalMs: 0,
      ...(opts.perChannelPerMinute && { perChannelPerMinute: opts.perChannelPerMinute }),
    },
    // Retries come due within a second on PostgreSQL too.
    jobs: { pollingIntervalSeconds: 0.5 },
  });
  const events: AlertEvent[] = [];
  app.alertHub.subscribe((e) => events.push(e));
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const c = { url, token };
  return {
    url,
    kioskId,
    token,
    storage,
    app,
    events,
    clock,
    setRouting: async (routing) => {
      await setRouting(storage, LOCATION, routing, now());
    },
    post: (path, items) =>
      call(c, 'POST', path, {
        kioskId,
        sentAt: clock.now.toISOString(),
        [path === '/v1/alerts' ? 'alerts' : 'answers']: items,
      }),
    settle: () => app.alerts.idle(),
    async close() {
      await app.close();
      await storage.close();
      dir?.remove();
    },
  };
}
