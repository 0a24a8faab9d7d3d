// Runs the retention purge (db/retention.ts) when the kiosk starts and every hour after, with the
// period of the config in force, so nothing outlives it by more than an hour. A kiosk without a
// valid config purges nothing.
import { purgeSettled } from '../db/retention.ts';
import type { Logger } from '../log.ts';
import type { Timers } from '../timers.ts';

const DAY_MS = 24 * 60 * 60_000;
const EVERY_MS = 60 * 60_000;

export function scheduleRetention(opts: {
  databasePath: string;
  retentionDays: () => number | null;
  now: () => Date;
  timers: Timers;
  log: Logger;
}): { stop(): void } {
  let timer: unknown = null;
  const run = () => {
    const days = opts.retentionDays();
    if (days !== null) {
      try {
        const cutoff = new Date(opts.now().getTime() - days * DAY_MS);
        const purged = purgeSettled(opts.databasePath, cutoff);
        if (Object.values(purged).some((n) => n > 0))
          opts.log('info', 'purged what the collector settled before the retention period', {
            ...purged,
            days,
          });
      } catch (error) {
        opts.log('error', 'the retention purge failed', { error: (error as Error).message });
      }
    }
    timer = opts.timers.set(run, EVERY_MS);
  };
  run();
  return {
    stop() {
      if (timer !== null) opts.timers.clear(timer);
      timer = null;
    },
  };
}
