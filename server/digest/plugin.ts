// Hooks the weekly digest into a collector app: a tick when the app is ready and every minute
// after (claim.ts: which digests fell due), the digest.deliver worker (deliver.ts), and the public
// unsubscribe page. `app.digests.tick()` lets tests run a tick on their own clock. Ticks run one
// after another; closing the app stops the timer and waits for the tick in progress, before the
// job queue stops.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { SmtpSettings } from '../alerts/smtp.ts';
import type { Storage } from '../db/open.ts';
import type { JobQueue } from '../jobs/queue.ts';
import { chainedTicker } from '../jobs/ticker.ts';
import { claimDueDigests, DELIVER_QUEUE, type DeliverJob } from './claim.ts';
import { DigestDeliverer } from './deliver.ts';
import { DEFAULT_DIGEST_SCHEDULE, type DigestSchedule } from './schedule.ts';
import { unsubscribeRoutes } from './unsubscribe-route.ts';

export interface DigestOptions {
  /** When digests go out in each location's local time; null: none are e-mailed. */
  schedule?: DigestSchedule | null;
  smtp?: SmtpSettings | null;
  /** The collector's address as its users reach it, for the links in the mail. */
  publicUrl?: string | null;
  /** Between ticks (default a minute). */
  everyMs?: number;
  /** SMTP connection, greeting and socket timeouts (default 10 s). */
  timeoutMs?: number;
}

export interface DigestTicker {
  /** Claims the digests due now (after any tick in progress); resolves with what it claimed. */
  tick(): Promise<{ locationId: number; week: string; subscribers: number }[]>;
}

declare module 'fastify' {
  interface FastifyInstance {
    digests: DigestTicker;
  }
}

export function installDigests(
  app: FastifyInstance,
  deps: { storage: Storage; jobs: JobQueue; now: () => Date; log: Logger | null },
  opts: DigestOptions = {},
): { close(): Promise<void> } {
  const schedule = opts.schedule === undefined ? DEFAULT_DIGEST_SCHEDULE : opts.schedule;
  unsubscribeRoutes(app, deps.storage);
  const tick = async () => {
    if (!schedule) return [];
    try {
      const claimed = await claimDueDigests(deps.storage, deps.jobs, schedule, deps.now());
      for (const c of claimed) deps.log?.info(c, `weekly digest of the week from ${c.week} is due`);
      return claimed;
    } catch (error) {
      deps.log?.error(
        { errorMessage: error instanceof Error ? error.message : String(error) },
        'the weekly digest tick failed; the next one tries again',
      );
      return [];
    }
  };
  const timed = chainedTicker(tick, []);
  const ticker: DigestTicker = { tick: timed.tick };
  app.decorate('digests', ticker);
  const deliverer = schedule
    ? new DigestDeliverer({
        storage: deps.storage,
        schedule,
        smtp: opts.smtp ?? null,
        publicUrl: opts.publicUrl?.replace(/\/+$/, '') ?? null,
        now: deps.now,
        log: deps.log,
        timeoutMs: opts.timeoutMs ?? 10_000,
      })
    : null;
  app.addHook('onReady', async () => {
    if (!deliverer) return;
    await deps.jobs.started;
    await deps.jobs.work<DeliverJob>(DELIVER_QUEUE, deliverer.deliver);
    timed.start(opts.everyMs ?? 60_000);
  });
  return {
    close: async () => {
      await timed.close();
      deliverer?.close();
    },
  };
}
