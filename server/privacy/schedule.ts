// Runs the retention pass (retention.ts) when the collector is ready and every hour after, so
// nothing outlives the period by more than about an hour. Passes run one after another, never
// two at once; the timer is unref'd (it never keeps the process alive), and closing the app stops
// it and the pass in progress at its next batch, before the storage closes.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Storage } from '../db/open.ts';
import { redactExpired } from './retention.ts';

const HOUR_MS = 60 * 60_000;

export interface RetentionOptions {
  /** Comment, contact and staff notes received longer ago than this are redacted. */
  afterDays: number;
  /** Between passes after the first at start (default an hour). */
  everyMs?: number;
  /** Rows per UPDATE (default DEFAULT_BATCH_SIZE). */
  batchSize?: number;
}

export interface RetentionSchedule {
  /** Runs a pass after any in progress; resolves when it is done (failures are logged). */
  run(): Promise<void>;
  /** Resolves when no pass is running. */
  idle(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** null when the app was built without a retention period. */
    retention: RetentionSchedule | null;
  }
}

export function installRetention(
  app: FastifyInstance,
  storage: Storage,
  now: () => Date,
  log: Logger | undefined,
  opts: RetentionOptions | undefined,
): void {
  if (!opts) {
    app.decorate('retention', null);
    return;
  }
  let closed = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  const pass = async () => {
    if (closed) return;
    try {
      const redacted = await redactExpired(storage, {
        afterDays: opts.afterDays,
        now: now(),
        ...(opts.batchSize && { batchSize: opts.batchSize }),
        stopped: () => closed,
      });
      if (redacted.answers || redacted.notes)
        log?.info(
          { ...redacted, afterDays: opts.afterDays },
          'redacted comment, contact and notes older than the retention period',
        );
    } catch (error) {
      log?.error(
        { errorMessage: error instanceof Error ? error.message : String(error) },
        'the retention pass failed; the next one tries again',
      );
    }
  };
  const schedule: RetentionSchedule = {
    run: () => (running = running.then(pass)),
    idle: () => running,
  };
  app.decorate('retention', schedule);
  app.addHook('onReady', async () => {
    void schedule.run();
    timer = setInterval(() => void schedule.run(), opts.everyMs ?? HOUR_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    closed = true;
    if (timer) clearInterval(timer);
    await running;
  });
}
