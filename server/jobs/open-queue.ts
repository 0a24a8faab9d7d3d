// The job queue for a storage: pg-boss on PostgreSQL, the local table on SQLite (queue.ts says why).
import type { Logger } from 'pino';
import type { Storage } from '../db/open.ts';
import { PgBossQueue, type PgBossQueueOptions } from './pg-boss-queue.ts';
import type { JobQueue } from './queue.ts';
import { SqliteJobQueue } from './sqlite-queue.ts';

export function openJobQueue(
  storage: Storage,
  log: Logger | null,
  opts: PgBossQueueOptions = {},
): JobQueue {
  return storage.engine === 'postgres'
    ? new PgBossQueue(storage, log, opts)
    : new SqliteJobQueue(storage, log);
}
