// The collector as a fastify instance. Nothing here listens or opens files: main.ts does that,
// and tests call buildCollector with a temp database and their own clock, then listen on an
// ephemeral port and talk real HTTP to it.
import fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { AlertFeed } from './alerts/feed.ts';
import { AlertHub } from './alerts/hub.ts';
import { installAlerts } from './alerts/plugin.ts';
import type { AlertServiceOptions } from './alerts/service.ts';
import { CLOCK_SKEW_TOLERANCE_MS } from '../shared/protocol.ts';
import { kioskGate } from './kiosk-api/device-auth.ts';
import type { CollectorContext } from './kiosk-api/context.ts';
import type { Storage } from './db/open.ts';
import { readApi } from './api/routes.ts';
import { installDigests, type DigestOptions } from './digest/plugin.ts';
import { installFleet, type FleetOptions } from './fleet/plugin.ts';
import { DEFAULT_TARGET_POLICY } from './alerts/targets.ts';
import { FollowUpService } from './follow-up/service.ts';
import type { FollowUpOptions } from './follow-up/settings.ts';
import { messageOf } from './log.ts';
import { installErrorReplies } from './errors.ts';
import { withoutQueries } from './log.ts';
import { openJobQueue } from './jobs/open-queue.ts';
import type { PgBossQueueOptions } from './jobs/pg-boss-queue.ts';
import { DEFAULT_RATE_LIMIT, type RateLimit } from './token-buckets.ts';
import { commandResultRoute } from './kiosk-api/command-route.ts';
import { configRoute } from './kiosk-api/config-route.ts';
import { enrolRoute } from './kiosk-api/enrol-route.ts';
import { heartbeatRoute } from './kiosk-api/heartbeat-route.ts';
import { ingestRoutes } from './kiosk-api/ingest-routes.ts';
import { updateFeedRoute } from './updates/feed-route.ts';
import { installRetention, type RetentionOptions } from './privacy/schedule.ts';
import { staffPlugin, type StaffOptions } from './staff/index.ts';
import { DEFAULT_SERVER_TIMEOUTS, serverTimeoutOptions, type ServerTimeouts } from './timeouts.ts';

/** 500 answers at about 1 KB each with room to spare; a kiosk that gets 413 sends fewer per batch. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export interface CollectorOptions {
  storage: Storage;
  now?: () => Date;
  /** A pino logger (main.ts passes one that writes to stdout); none by default. */
  logger?: Logger;
  bodyLimitBytes?: number;
  rateLimit?: RateLimit;
  clockToleranceMs?: number;
  /** The live fan-out of staff alerts; one is made when none is given. */
  alertHub?: AlertHub;
  /** Outside channels: webhook target policy, SMTP server, retries, escalation timer. */
  alerts?: AlertServiceOptions;
  /**
   * Follow-ups to customers (server/follow-up/): the SMS gateway, limits, retries. The SMTP relay
   * and the outside-host policy are the alert service's.
   */
  followUps?: Omit<FollowUpOptions, 'policy' | 'smtp'>;
  /** The durable job queue on PostgreSQL (pg-boss): how often workers look for due jobs. */
  jobs?: PgBossQueueOptions;
  /** Staff side: Secure cookies (behind HTTPS), another built page folder, the SSE heartbeat… */
  staff?: StaffOptions;
  /**
   * Behind a TLS reverse proxy: take the client address from X-Forwarded-For, or every login
   * would come from the proxy and the per-address throttle would lock out everyone at once. Give
   * the proxies' addresses/CIDRs, comma-separated: only the entries they appended are believed.
   * `true` believes the client's own left-most entry, which anyone can forge: never pass it.
   */
  trustProxy?: boolean | string;
  /** How long a slow or silent client may hold a connection (DEFAULT_SERVER_TIMEOUTS). */
  timeouts?: Partial<ServerTimeouts>;
  /**
   * The retention period for comment, contact and staff notes (server/privacy/): a pass at start
   * and every hour. main.ts always gives one (LASTWORD_REDACT_AFTER_DAYS); without it, none runs.
   */
  retention?: RetentionOptions;
  /** The folder of published kiosk releases' files (LASTWORD_UPDATES_DIR); none served without. */
  updatesDir?: string;
  /** The weekly digest: when it goes out, the SMTP relay, the public address for its links. */
  digest?: DigestOptions;
  /** The fleet view: its status rules (offline after…) and how often the fleet tick runs. */
  fleet?: FleetOptions;
}

declare module 'fastify' {
  interface FastifyInstance {
    alertHub: AlertHub;
    alertFeed: AlertFeed;
  }
}

export function buildCollector(opts: CollectorOptions): FastifyInstance {
  const now = opts.now ?? (() => new Date());
  const bodyLimit = opts.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;
  const ctx: CollectorContext = {
    storage: opts.storage,
    now,
    clockToleranceMs: opts.clockToleranceMs ?? CLOCK_SKEW_TOLERANCE_MS,
  };
  const server = {
    bodyLimit,
    trustProxy: opts.trustProxy ?? false,
    ...serverTimeoutOptions({ ...DEFAULT_SERVER_TIMEOUTS, ...opts.timeouts }),
  };
  const app = (
    opts.logger
      ? fastify({ loggerInstance: withoutQueries(opts.logger), ...server })
      : fastify({ logger: false, ...server })
  ) as FastifyInstance;

  // JSON only: fastify also accepts text/plain by default, which no kiosk sends.
  app.removeContentTypeParser('text/plain');
  app.decorateRequest('kioskId', '');
  installErrorReplies(app, bodyLimit);
  const hub = opts.alertHub ?? new AlertHub();
  app.decorate('alertHub', hub);
  // Every instance on one database feeds its hub from alert_events (feed.ts).
  const feed = new AlertFeed(opts.storage, hub, { now, log: opts.logger ?? null });
  app.decorate('alertFeed', feed);
  const jobs = openJobQueue(opts.storage, opts.logger ?? null, opts.jobs);
  // No listening without a job queue: alerts would be stored and never sent.
  app.addHook('onReady', () => jobs.started);
  const alerts = installAlerts(
    app,
    { storage: opts.storage, feed, jobs, now },
    opts.logger,
    opts.alerts,
  );
  const digests = installDigests(
    app,
    { storage: opts.storage, jobs, now, log: opts.logger ?? null },
    opts.digest,
  );
  const fleet = installFleet(
    app,
    { storage: opts.storage, jobs, dispatcher: alerts.dispatcher, now, log: opts.logger ?? null },
    opts.fleet,
  );
  const followUps = new FollowUpService(
    { storage: opts.storage, jobs, feed, now, log: opts.logger ?? null },
    {
      smtp: opts.alerts?.smtp ?? null,
      policy: { ...DEFAULT_TARGET_POLICY, ...opts.alerts?.targets },
      ...(opts.alerts?.sendTimeoutMs !== undefined && { sendTimeoutMs: opts.alerts.sendTimeoutMs }),
      ...opts.followUps,
    },
  );
  followUps
    .start()
    .catch((error: unknown) =>
      opts.logger?.error({ errorMessage: messageOf(error) }, 'follow-up sends did not start'),
    );
  // The digest and fleet tickers stop first; the alert service stops the job queue that alerts,
  // digests, the fleet and follow-ups all feed; the feed stops after it.
  app.addHook('onClose', async () => {
    await digests.close();
    await fleet.close();
    await alerts.close();
    followUps.close();
    await feed.close();
  });
  installRetention(app, opts.storage, now, opts.logger, opts.retention);

  app.register(async (v1) => {
    v1.addHook(
      'onRequest',
      kioskGate(opts.storage, opts.rateLimit ?? DEFAULT_RATE_LIMIT, () => now().getTime()),
    );
    ingestRoutes(v1, ctx, alerts);
    heartbeatRoute(v1, ctx);
    configRoute(v1, ctx);
    commandResultRoute(v1, ctx);
    if (opts.updatesDir) updateFeedRoute(v1, ctx, opts.updatesDir);
  });
  // Outside the device-token gate above: enrolling is how a kiosk gets its token.
  app.register(async (enrol) => enrolRoute(enrol, ctx));
  readApi(app, opts.storage, now);
  app.register(staffPlugin, {
    storage: opts.storage,
    now,
    hub,
    feed,
    digestSchedule: opts.digest?.schedule,
    followUps,
    crmEvents: alerts.crmEvents,
    ...opts.staff,
  });
  return app;
}
