// Hooks the fleet view into a collector app: a tick when the app is ready and every minute after,
// which judges every kiosk (fleet-list.ts) and records each change of status (events.ts), and
// once a day claims the fleet.prune (history older than 30 days) and fleet.usual (usual taps per
// touchpoint) jobs on the durable queue: one instance wins each day's claim (fleet_claims), the
// queue runs the job once and retries it if it fails. `app.fleet.tick()` lets tests run a tick
// on their own clock; closing the app stops the timer and waits for the tick in progress. After
// recording, each tick tells IT (it-alerts.ts) through the alert dispatcher's channels, with
// its own delivery kind (it-delivery.ts).
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { writeTransaction, type Storage } from '../db/open.ts';
import type { Dispatcher } from '../alerts/dispatcher.ts';
import type { JobQueue } from '../jobs/queue.ts';
import { chainedTicker } from '../jobs/ticker.ts';
import { messageOf } from '../log.ts';
import { recordStatusChanges, type StatusChange } from './events.ts';
import { listFleet } from './fleet-list.ts';
import { tellIt } from './it-alerts.ts';
import { itDeliveries } from './it-delivery.ts';
import { FLEET_HISTORY_DAYS, pruneFleetHistory } from './prune.ts';
import { DEFAULT_FLEET_RULES, type FleetRules } from './status.ts';
import { refreshUsualTaps } from './usual-taps.ts';

const DAY_MS = 86_400_000;
const PRUNE_QUEUE = 'fleet.prune';
const USUAL_QUEUE = 'fleet.usual';
type DailyJob = { day: string };

export interface FleetOptions {
  rules?: Partial<FleetRules>;
  /** Between ticks (default a minute). */
  everyMs?: number;
  /** The collector's public address (LASTWORD_PUBLIC_URL), for the link in IT alerts. */
  publicUrl?: string | null;
}

export interface FleetTicker {
  readonly rules: FleetRules;
  /** Judges every kiosk now and records the changes (after any tick in progress). */
  tick(): Promise<StatusChange[]>;
  /** Works out the usual taps now (the daily job does it otherwise). */
  refreshUsual(): Promise<number>;
}

declare module 'fastify' {
  interface FastifyInstance {
    fleet: FleetTicker;
  }
}

/** Inserts (task, day) once; the instance whose insert lands queues the job in that transaction. */
async function claimDaily(storage: Storage, jobs: JobQueue, queue: string, now: Date) {
  const day = now.toISOString().slice(0, 10);
  await writeTransaction(storage, async (trx) => {
    const won = await trx
      .insertInto('fleet_claims')
      .values({ task: queue, day, claimed_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['task', 'day']).doNothing())
      .executeTakeFirst();
    if (Number(won.numInsertedOrUpdatedRows)) await jobs.send<DailyJob>(trx, queue, { day });
  });
}

export function installFleet(
  app: FastifyInstance,
  deps: {
    storage: Storage;
    jobs: JobQueue;
    dispatcher: Dispatcher;
    now: () => Date;
    log: Logger | null;
  },
  opts: FleetOptions = {},
): { close(): Promise<void> } {
  const rules = { ...DEFAULT_FLEET_RULES, ...opts.rules };
  const { storage, jobs, now, log } = deps;
  const publicUrl = opts.publicUrl?.replace(/\/+$/, '') ?? null;
  // IT hears of no kiosk offline until its kiosks had time to reach this collector (it-alerts.ts).
  const offlineFrom = now().getTime() + rules.offlineAfterMs;
  const once = async (): Promise<StatusChange[]> => {
    try {
      const at = now();
      const entries = await listFleet(storage, at, rules);
      const changes = await recordStatusChanges(storage, entries, at);
      for (const c of changes) log?.info(c, `kiosk ${c.kioskId} is ${c.status}`);
      await tellIt({ storage, jobs, log }, entries, at, offlineFrom);
      await claimDaily(storage, jobs, PRUNE_QUEUE, at);
      await claimDaily(storage, jobs, USUAL_QUEUE, at);
      return changes;
    } catch (error) {
      log?.error(
        { errorMessage: messageOf(error) },
        'the fleet tick failed; the next one tries again',
      );
      return [];
    }
  };
  const timed = chainedTicker(once, []);
  const ticker: FleetTicker = {
    rules,
    tick: timed.tick,
    refreshUsual: () => refreshUsualTaps(storage, now()),
  };
  app.decorate('fleet', ticker);
  app.addHook('onReady', async () => {
    await jobs.started;
    await jobs.work<DailyJob>(PRUNE_QUEUE, async () => {
      const deleted = await pruneFleetHistory(
        storage,
        new Date(now().getTime() - FLEET_HISTORY_DAYS * DAY_MS),
      );
      log?.info({ deleted }, 'fleet history older than 30 days deleted');
    });
    await jobs.work<DailyJob>(USUAL_QUEUE, async () => {
      await refreshUsualTaps(storage, now());
    });
    await deps.dispatcher.serve(itDeliveries({ storage, rules, now, publicUrl }));
    timed.start(opts.everyMs ?? 60_000);
  });
  return { close: timed.close };
}
