// The embedded collector's job table (migration 009, SQLite only) as Kysely sees it.
import type { Generated } from 'kysely';
import type { Json } from '../db/columns.ts';

export interface LocalJobTable {
  id: string;
  queue: string;
  data: Json;
  /** Milliseconds since the epoch, on the queue's clock. */
  run_after: number;
  attempts: Generated<number>;
  last_error: string | null;
}

export interface JobTables {
  local_jobs: LocalJobTable;
}
