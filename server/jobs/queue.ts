// The collector's durable job queue, as the rest of the collector sees it: work that must survive
// a restart and run once however many instances share the database (outside deliveries and their
// retries today; the weekly digest and fleet checks next). Two engines behind one port:
// pg-boss on PostgreSQL (pg-boss-queue.ts), where several instances share the jobs, and a small
// table on SQLite (sqlite-queue.ts), where one instance owns the file (db/sqlite-instance.ts).
// A job is added inside the caller's transaction, so it commits with the change that asked for
// it (an alert and its delivery) or not at all.
import type { CollectorDb } from '../db/open.ts';

/** A job's payload: ids and small values only, never customer text (it is kept for days). */
export type JobData = Record<string, unknown>;

/** Runs one job. Throwing means "try again later" (the queue backs off, then gives up). */
export type JobHandler<T extends JobData = JobData> = (data: T) => Promise<void>;

export interface JobQueue {
  /** Resolves once the queue can take jobs; rejects if it cannot (the collector must not start). */
  readonly started: Promise<void>;
  /** Adds a job to `queue`, to run no earlier than `startAfter`, in the caller's transaction. */
  send<T extends JobData>(
    trx: CollectorDb,
    queue: string,
    data: T,
    startAfter?: Date,
  ): Promise<void>;
  /**
   * Starts running `queue`'s jobs on this instance, a few at a time. T is the data its senders
   * add: one module owns each queue and both ends of it.
   */
  work<T extends JobData>(queue: string, handler: JobHandler<T>): Promise<void>;
  /**
   * Resolves once no job is running or waiting, deferred ones included (tests; a queue whose
   * jobs keep adding new ones never settles, so tests use small retry delays).
   */
  idle(): Promise<void>;
  /** Stops taking jobs and waits for the running ones; the storage closes after it. */
  stop(): Promise<void>;
}

/**
 * How long a running job may take before the queue gives up on it and tries again. (A job whose
 * instance died is found sooner on PostgreSQL: pg-boss-queue.ts.)
 */
export const JOB_EXPIRY_SECONDS = 60;
/** A handler that throws is tried again this many times, with backoff, then given up. */
export const JOB_RETRIES = 4;
/** First back-off after a throw; doubles each time. */
export const JOB_RETRY_DELAY_SECONDS = 5;
