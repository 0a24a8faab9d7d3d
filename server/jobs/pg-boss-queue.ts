// The job queue on PostgreSQL: pg-boss. Chosen over graphile-worker because it is plain Node
// with few dependencies (pg and a cron parser; graphile-worker brings a CLI, config loader and
// beta plugin system), claims jobs with SKIP LOCKED so each runs on one instance, keeps a job whose
// instance died (it expires and runs again elsewhere), wakes workers with LISTEN/NOTIFY, runs its
// own schema migrations under an advisory lock (instances may start together), and offers
// singleton and cron jobs for the digest and fleet checks to come.
// Its tables live in `<collector schema>_jobs`, beside ours and out of their way. A job is added
// through the caller's Kysely transaction (pg-boss's fromKysely adapter), so it commits with it.
// pg-boss is imported when the queue starts, not with this module: it takes most of a second to
// load, which a collector on SQLite (the demo, a small shop, every test) should not pay.
import type { fromKysely, PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import { sql } from 'kysely';
import type { CollectorDb, Storage } from '../db/open.ts';
import { messageOf } from '../log.ts';
import {
  JOB_EXPIRY_SECONDS,
  JOB_RETRIES,
  JOB_RETRY_DELAY_SECONDS,
  type JobData,
  type JobHandler,
  type JobQueue,
} from './queue.ts';

export interface PgBossQueueOptions {
  /**
   * How often a worker looks for jobs that came due (a retry, a deferred job); new jobs wake it
   * at once through NOTIFY. At least 0.5 s (pg-boss's floor).
   */
  pollingIntervalSeconds?: number;
}

/** Jobs running at once per queue on this instance. */
const CONCURRENCY = 4;
/** Finished jobs are kept this long for an operator to look at, then deleted by pg-boss. */
const KEEP_FINISHED_SECONDS = 3 * 24 * 60 * 60;
/**
 * A running job's worker touches it this often (half of it, in fact); a job not touched for this
 * long belonged to an instance that died, and runs again elsewhere. pg-boss's floor. Without it a
 * killed instance's job waited out its whole expiry: a low-score alert held for minutes.
 */
const HEARTBEAT_SECONDS = 10;
/**
 * How often an instance looks for such jobs (and expired ones). Passes are shared: one instance
 * per interval does the work, so with several the gap can reach twice this.
 */
const SUPERVISE_SECONDS = 10;

export class PgBossQueue implements JobQueue {
  readonly started: Promise<void>;
  private readonly storage: Storage;
  /** `<collector schema>_jobs`, where pg-boss keeps its tables. */
  private readonly schema: Promise<string>;
  private readonly boss: Promise<PgBoss>;
  private readonly adapter: Promise<typeof fromKysely>;
  private readonly queues = new Map<string, Promise<void>>();
  private readonly worked = new Set<string>();
  private readonly polling: number;

  constructor(storage: Storage, log: Logger | null, opts: PgBossQueueOptions = {}) {
    this.polling = opts.pollingIntervalSeconds ?? 2;
    this.storage = storage;
    this.schema = jobsSchema(storage);
    const lib = import('pg-boss');
    this.adapter = lib.then((m) => m.fromKysely);
    this.boss = Promise.all([lib, this.schema]).then(([m, schema]) =>
      start(m.PgBoss, storage, schema, log),
    );
    this.started = this.boss.then(() => {});
    // A failed start fails every send and work with its error; this keeps it from going unhandled.
    this.started.catch(() => {});
  }

  async send<T extends JobData>(
    trx: CollectorDb,
    queue: string,
    data: T,
    startAfter?: Date,
  ): Promise<void> {
    const boss = await this.queue(queue);
    const adapt = await this.adapter;
    await boss.send(queue, data, { db: adapt(trx), ...(startAfter && { startAfter }) });
  }

  async work<T extends JobData>(queue: string, handler: JobHandler<T>): Promise<void> {
    const boss = await this.queue(queue);
    this.worked.add(queue);
    await boss.work<T>(
      queue,
      {
        localConcurrency: CONCURRENCY,
        pollingIntervalSeconds: this.polling,
        notifyPollingIntervalSeconds: this.polling,
      },
      async ([job]) => handler(job!.data),
    );
  }

  async idle(): Promise<void> {
    await this.boss;
    const schema = await this.schema;
    const queues = [...this.worked];
    if (!queues.length) return;
    for (;;) {
      // pg-boss's own table, read directly: its queue counts are a cache refreshed by maintenance.
      const { rows } = await sql<{ n: string }>`
        select count(*) as n from ${sql.id(schema, 'job')}
        where name in (${sql.join(queues)}) and state in ('created', 'retry', 'active')`.execute(
        this.storage.db,
      );
      if (Number(rows[0]!.n) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async stop(): Promise<void> {
    const boss = await this.boss.catch(() => null);
    await boss?.stop({ graceful: true, close: true, timeout: 15_000 });
  }

  /** pg-boss, with `name` created (once per process; pg-boss's create is idempotent). */
  private async queue(name: string): Promise<PgBoss> {
    const boss = await this.boss;
    let created = this.queues.get(name);
    if (!created) {
      const settings = {
        notify: true,
        retryLimit: JOB_RETRIES,
        retryDelay: JOB_RETRY_DELAY_SECONDS,
        retryBackoff: true,
        expireInSeconds: JOB_EXPIRY_SECONDS,
        heartbeatSeconds: HEARTBEAT_SECONDS,
        deleteAfterSeconds: KEEP_FINISHED_SECONDS,
      };
      // create leaves a queue that exists as it was; update brings one made by an older release
      // to these settings.
      created = boss.createQueue(name, settings).then(() => boss.updateQueue(name, settings));
      this.queues.set(name, created);
    }
    await created;
    return boss;
  }
}

async function jobsSchema(storage: Storage): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(
    storage.db,
  );
  return `${rows[0]!.schema}_jobs`;
}

async function start(
  Boss: typeof PgBoss,
  storage: Storage,
  schema: string,
  log: Logger | null,
): Promise<PgBoss> {
  if (!storage.connectionString) throw new Error('pg-boss needs the PostgreSQL connection string');
  const boss = new Boss({
    connectionString: storage.connectionString,
    schema,
    application_name: 'lastword-jobs',
    max: 4,
    useListenNotify: true,
    superviseIntervalSeconds: SUPERVISE_SECONDS,
    monitorIntervalSeconds: SUPERVISE_SECONDS,
  });
  boss.on('error', (error) =>
    log?.error({ errorMessage: messageOf(error) }, 'job queue (pg-boss) error'),
  );
  return boss.start();
}
