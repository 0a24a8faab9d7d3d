// Where the results benches (results.ts, digest.ts) keep their data: a fresh SQLite file, a fresh
// PostgreSQL schema (BENCH_ENGINE=postgres with LASTWORD_TEST_PG_URL), both removed after, or,
// with BENCH_SCHEMA=<name>, a named PostgreSQL schema that is made and filled on the first run
// and kept, so 10 million answers are generated once and measured by both benches. Drop it by
// hand when done: psql "$LASTWORD_TEST_PG_URL" -c 'drop schema <name> cascade'.
import pg from 'pg';
import { join } from 'node:path';
import { openStorage, type Storage } from '../server/db/open.ts';
import { freshPostgresSchema } from '../tests/support/collector.ts';
import { tempDir } from '../tests/support/tmp.ts';
import { generate } from './results-data.ts';

export const ENGINE =
  process.env.BENCH_ENGINE === 'postgres' || process.env.BENCH_SCHEMA ? 'postgres' : 'sqlite';

export interface BenchData {
  storage: Storage;
  /** Seconds the generator took; null when a kept schema already held the data. */
  generateS: number | null;
  close(): Promise<void>;
}

/** The answers generated up to `now` (or found in BENCH_SCHEMA), opened as a collector opens them. */
export async function openBenchData(now: Date): Promise<BenchData> {
  const kept = process.env.BENCH_SCHEMA;
  if (kept) {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(kept)) throw new Error(`BENCH_SCHEMA: not a plain name`);
    const base = process.env.LASTWORD_TEST_PG_URL!;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create schema if not exists ${kept}`).finally(() => admin.end());
    const url = new URL(base);
    url.searchParams.set('options', `-c search_path=${kept}`);
    const storage = await openStorage({ databaseUrl: url.toString() });
    const filled = await storage.db.selectFrom('answers').select('id').limit(1).execute();
    return {
      storage,
      generateS: filled.length ? null : await timedS(() => generate(storage, now)),
      close: () => storage.close(),
    };
  }
  const tmp = tempDir('lastword-bench-results-');
  const schema =
    ENGINE === 'postgres' ? await freshPostgresSchema(process.env.LASTWORD_TEST_PG_URL!) : null;
  const storage = await openStorage(
    schema ? { databaseUrl: schema.url } : { sqlitePath: join(tmp.path, 'collector.sqlite') },
  );
  return {
    storage,
    generateS: await timedS(() => generate(storage, now)),
    async close() {
      await storage.close();
      await schema?.drop();
      tmp.remove();
    },
  };
}

async function timedS(fn: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await fn();
  return Math.round((performance.now() - t) / 100) / 10;
}
