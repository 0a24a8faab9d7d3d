// One file per schema version, applied in order; PRAGMA user_version records the last applied.
import type { Database } from 'better-sqlite3';
import * as v1 from './001-initial.ts';
import * as v2 from './002-sync.ts';
import * as v3 from './003-retention.ts';

export interface Migration {
  version: number;
  up(db: Database): void;
}

export const migrations: readonly Migration[] = [v1, v2, v3];
