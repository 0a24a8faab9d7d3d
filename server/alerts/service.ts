// The alert machinery of one collector, built by buildCollector: routing (the jobs each ingest
// commit leaves, see routing-queue.ts), dispatcher (outside channels, as durable jobs on the
// job queue), escalator (on a timer). Routing and ticks run on one promise chain, so routing
// decisions see each other's rows; a failure is logged, never thrown back at the kiosk, whose
// batch is already stored, and its job stays for the next pass.
import type { Logger } from 'pino';
import { writeTransaction, type Storage } from '../db/open.ts';
import { messageOf } from '../log.ts';
import {
  DEFAULT_PER_CHANNEL_PER_MINUTE,
  DEFAULT_RETRY,
  Dispatcher,
  type RetryPolicy,
} from './dispatcher.ts';
import { Escalator } from './escalation.ts';
import { CrmEvents } from './crm-events.ts';
import { recordAlertEvents } from './alert-events.ts';
import type { AlertFeed } from './feed.ts';
import type { JobQueue } from '../jobs/queue.ts';
import { Notifier } from './notifier.ts';
import { routeJob } from './alert-routing.ts';
import { screenEvents, tellChannels, type Announcement } from './announce.ts';
import {
  deleteRoutingJobs,
  MAX_ATTEMPTS,
  nextRoutingJob,
  recordRoutingFailure,
  takeRoutingJobs,
} from './routing-queue.ts';
import { Senders } from './senders.ts';
import type { SmtpSettings } from './smtp.ts';
import { DEFAULT_TARGET_POLICY, type TargetPolicy } from './targets.ts';

export interface AlertServiceOptions {
  targets?: Partial<TargetPolicy>;
  smtp?: SmtpSettings | null;
  retry?: Partial<RetryPolicy>;
  /** New messages per channel per minute (default DEFAULT_PER_CHANNEL_PER_MINUTE). */
  perChannelPerMinute?: number;
  /** How often escalation and aggregation summaries are checked; 0 = never by timer (tests call tick). */
  tickIntervalMs?: number;
  sendTimeoutMs?: number;
}

/**
 * Jobs routed per transaction: one commit (one fsync on SQLite) for all the batches that came
 * in while the previous pass ran, and a bounded time holding the write lock.
 */
const JOBS_PER_PASS = 20;

export class AlertService {
  private readonly feed: AlertFeed;
  private readonly storage: Storage;
  private readonly notifier: Notifier;
  private routingQueued = false;
  /** Outside channels; other kinds of news (IT alerts) are served through it too. */
  readonly dispatcher: Dispatcher;
  private readonly escalator: Escalator;
  private readonly senders: Senders;
  /** Signed answer.finalized and alert.resolved events for CRMs (crm-events.ts). */
  readonly crmEvents: CrmEvents;
  private readonly jobs: JobQueue;
  private readonly log: Logger | null;
  private readonly now: () => Date;
  private chain: Promise<void>;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    storage: Storage,
    feed: AlertFeed,
    jobs: JobQueue,
    now: () => Date,
    log: Logger | null,
    opts: AlertServiceOptions = {},
  ) {
    this.feed = feed;
    this.jobs = jobs;
    // Routing waits for the feed to know where alert_events stood, or the events of the first
    // pass could be taken for history and never shown.
    this.chain = feed.started.catch(() => {});
    this.storage = storage;
    this.now = now;
    this.log = log;
    const policy = { ...DEFAULT_TARGET_POLICY, ...opts.targets };
    this.senders = new Senders({
      policy,
      smtp: opts.smtp ?? null,
      now,
      timeoutMs: opts.sendTimeoutMs ?? 10_000,
    });
    this.dispatcher = new Dispatcher({
      storage,
      jobs,
      senders: this.senders,
      retry: { ...DEFAULT_RETRY, ...opts.retry },
      perChannelPerMinute: opts.perChannelPerMinute ?? DEFAULT_PER_CHANNEL_PER_MINUTE,
      now,
      log,
    });
    this.crmEvents = new CrmEvents({
      storage,
      jobs,
      policy,
      retry: { ...DEFAULT_RETRY, ...opts.retry },
      timeoutMs: opts.sendTimeoutMs ?? 10_000,
      now,
      log,
    });
    this.notifier = new Notifier(storage, this.dispatcher, log);
    this.escalator = new Escalator(storage, this.notifier);
    void this.enqueue('start deliveries', async () => {
      await this.dispatcher.start();
      await this.crmEvents.start();
    });
    // Jobs a stopped collector stored but never routed.
    this.routeStored();
    const every = opts.tickIntervalMs ?? 15_000;
    if (every > 0) {
      this.timer = setInterval(() => void this.tick(), every);
      this.timer.unref();
    }
  }

  /** An ingest commit left routing jobs: route them (once, however many commits ask). */
  routeStored(): void {
    if (this.routingQueued) return;
    this.routingQueued = true;
    void this.enqueue('route stored items', async () => {
      // Cleared before the pass reads the queue: a commit during the pass queues the next one.
      this.routingQueued = false;
      while (await this.routePass());
    });
  }

  /** Routes the oldest jobs; true when more may be waiting. */
  private async routePass(): Promise<boolean> {
    try {
      return (await this.routeJobs(JOBS_PER_PASS)) === JOBS_PER_PASS;
    } catch (error) {
      // One job may be the cause: route them one by one, so it cannot hold the others back.
      this.log?.warn({ errorMessage: messageOf(error) }, 'alert routing pass failed; one by one');
      for (let id = await nextRoutingJob(this.storage, ''); id;) {
        try {
          await this.routeJobs(1, id);
        } catch (jobError) {
          const attempts = await recordRoutingFailure(this.storage, id, messageOf(jobError));
          this.log?.error(
            { errorMessage: messageOf(jobError), job: id, attempts, maxAttempts: MAX_ATTEMPTS },
            attempts >= MAX_ATTEMPTS ? 'routing job given up' : 'routing job failed',
          );
        }
        id = await nextRoutingJob(this.storage, id);
      }
      return false;
    }
  }

  /** Routes jobs in one transaction, then tells screens and channels; returns how many. */
  private async routeJobs(limit: number, onlyId?: string): Promise<number> {
    const told: Announcement[] = [];
    // Not durable: a power cut that loses this commit loses the job's deletion with it, so the
    // job is routed again at the next start (and the kiosk's data was committed durably).
    const routed = await writeTransaction(
      this.storage,
      async (trx) => {
        const jobs = await takeRoutingJobs(trx, this.storage, limit, onlyId);
        for (const job of jobs) {
          told.push(...(await routeJob(trx, job)));
          if (job.kind === 'answers')
            await this.crmEvents.answersStored(trx, job.kioskId, job.itemIds);
        }
        await deleteRoutingJobs(
          trx,
          jobs.map((j) => j.id),
        );
        await recordAlertEvents(trx, this.storage, screenEvents(told), this.now());
        await tellChannels(trx, this.notifier, told, this.now());
        return jobs.length;
      },
      { durable: false },
    );
    await this.feed.poll();
    return routed;
  }

  tick(at: Date = this.now()): Promise<void> {
    return this.enqueue('escalation tick', () => this.escalator.tick(at));
  }

  /** Resolves when routing and deliveries (with their retries) are done. */
  async idle(): Promise<void> {
    await this.chain;
    await this.jobs.idle();
    await this.chain;
  }

  /**
   * Stops the timer, lets routing in progress finish (it may still add jobs), then stops the job
   * queue, which waits for the sends in progress. Jobs not run yet wait in the database.
   */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.chain;
    await this.jobs.stop();
    this.senders.close();
  }

  private enqueue(what: string, work: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(work).catch((error: unknown) => {
      this.log?.error({ errorMessage: messageOf(error) }, `alert routing failed: ${what}`);
    });
    return this.chain;
  }
}
