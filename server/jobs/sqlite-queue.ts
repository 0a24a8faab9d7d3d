// The job queue of the embedded collector: a table in its own SQLite file. One collector owns the
// file (db/sqlite-instance.ts), so nothing needs locking across processes: a job this process
// is running is remembered here, a job a crash interrupted is simply due again at the next start
// (at least once; the handlers are written for that). A timer is armed for the next due job, and
// a send wakes it for a job due sooner.
import type { Logger } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import type { CollectorDb, Storage } from '../db/open.ts';
import { fromJson } from '../db/values.ts';
import { messageOf } from '../log.ts';
import {
  JOB_RETRIES,
  JOB_RETRY_DELAY_SECONDS,
  type JobData,
  type JobHandler,
  type JobQueue,
} from './queue.ts';

/** Jobs running at once: deliveries wait on the network, not on this process. */
const CONCURRENCY = 4;
/** The timer never sleeps longer, so a clock jump cannot leave a job waiting for hours. */
const MAX_SLEEP_MS = 60_000;

export class SqliteJobQueue implements JobQueue {
  readonly started = Promise.resolve();
  private readonly storage: Storage;
  private readonly log: Logger | null;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly running = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Infinity;
  private polling: Promise<void> | null = null;
  private pollAgain = false;
  private stopped = false;

  constructor(storage: Storage, log: Logger | null) {
    this.storage = storage;
    this.log = log;
  }

  async send<T extends JobData>(
    trx: CollectorDb,
    queue: string,
    data: T,
    startAfter?: Date,
  ): Promise<void> {
    const runAfter = startAfter?.getTime() ?? Date.now();
    await trx
      .insertInto('local_jobs')
      .values({ id: uuidv7(), queue, data: JSON.stringify(data), run_after: runAfter })
      .execute();
    // The caller's transaction holds the connection, so the poll this arms reads after its commit.
    this.wakeAt(runAfter);
  }

  async work<T extends JobData>(queue: string, handler: JobHandler<T>): Promise<void> {
    // The stored data is what this queue's one owner sent as T (queue.ts).
    this.handlers.set(queue, handler as JobHandler);
    this.wakeAt(Date.now());
  }

  async idle(): Promise<void> {
    while (!this.stopped && (this.running.size || this.polling || (await this.waiting()))) {
      if (this.running.size) await Promise.allSettled([...this.running.values()]);
      else await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.polling;
    await Promise.allSettled([...this.running.values()]);
  }

  /** Jobs of the queues worked here that will still run. */
  private async waiting(): Promise<boolean> {
    if (!this.handlers.size) return false;
    const row = await this.storage.db
      .selectFrom('local_jobs')
      .select('id')
      .where('queue', 'in', [...this.handlers.keys()])
      .where('attempts', '<=', JOB_RETRIES)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  private wakeAt(at: number): void {
    if (this.stopped || !this.handlers.size || at >= this.timerAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.timerAt = Infinity;
        this.poll();
      },
      Math.min(MAX_SLEEP_MS, Math.max(0, at - Date.now())),
    );
    this.timer.unref();
  }

  /** Starts the due jobs there is room for, then arms the timer for the next one. */
  private poll(): void {
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    this.polling = this.startDue()
      .catch((error: unknown) => {
        this.log?.error({ errorMessage: messageOf(error) }, 'job queue poll failed');
        this.wakeAt(Date.now() + JOB_RETRY_DELAY_SECONDS * 1000);
      })
      .finally(() => {
        this.polling = null;
        if (this.pollAgain) {
          this.pollAgain = false;
          this.poll();
        }
      });
  }

  private async startDue(): Promise<void> {
    if (this.stopped) return;
    const queues = [...this.handlers.keys()];
    const rows = await this.storage.db
      .selectFrom('local_jobs')
      .select(['id', 'queue', 'data', 'run_after', 'attempts'])
      .where('queue', 'in', queues)
      .where('attempts', '<=', JOB_RETRIES)
      .orderBy('run_after')
      .limit(CONCURRENCY + this.running.size)
      .execute();
    const now = Date.now();
    for (const row of rows) {
      if (this.running.has(row.id)) continue;
      // A full house polls again as each job ends.
      if (this.running.size >= CONCURRENCY) break;
      if (row.run_after > now) {
        this.wakeAt(row.run_after);
        break;
      }
      const run = this.run(row.id, row.queue, fromJson<JobData>(row.data), row.attempts);
      this.running.set(row.id, run);
    }
  }

  private async run(id: string, queue: string, data: JobData, attempts: number): Promise<void> {
    try {
      await this.handlers.get(queue)!(data);
      await this.storage.db.deleteFrom('local_jobs').where('id', '=', id).execute();
    } catch (error) {
      await this.failed(id, queue, attempts + 1, error).catch((e: unknown) =>
        this.log?.error({ errorMessage: messageOf(e), queue }, 'could not record a failed job'),
      );
    } finally {
      this.running.delete(id);
      this.poll();
    }
  }

  /** Backs off and runs it again, or keeps it, given up, for an operator to look at. */
  private async failed(id: string, queue: string, attempts: number, error: unknown) {
    const delayMs = JOB_RETRY_DELAY_SECONDS * 1000 * 2 ** (attempts - 1);
    await this.storage.db
      .updateTable('local_jobs')
      .set({ attempts, last_error: messageOf(error), run_after: Date.now() + delayMs })
      .where('id', '=', id)
      .execute();
    const givenUp = attempts > JOB_RETRIES;
    this.log?.[givenUp ? 'error' : 'warn'](
      { errorMessage: messageOf(error), queue, job: id, attempts },
      givenUp ? 'job given up' : 'job failed; will retry',
    );
  }
}
