// Collector schema v7: the per-kiosk rate limit's token buckets, on PostgreSQL only. Several
// collector instances behind a load balancer must share one budget per kiosk, or a kiosk gets
// the burst once per instance. SQLite serves one instance, whose buckets stay in memory
// (server/token-buckets.ts), so it gets no table.
import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (engine !== 'postgres') return;
  // No foreign key to kiosks: the bucket is taken after the token was checked, and a key
  // check on every request would be cost without a use (kiosks are revoked, never deleted).
  // Unlogged: a request's commit then waits for no WAL flush, so the limit costs a round trip
  // and not a disk write. A crash empties the table, which only lets more in, as a restart of
  // the in-memory buckets does.
  await db.schema
    .createTable('kiosk_rate_buckets')
    .modifyFront(sql`unlogged`)
    .addColumn('kiosk_id', 'text', (c) => c.primaryKey())
    .addColumn('tokens', 'double precision', (c) => c.notNull())
    // The collector's clock, in ms, when the bucket was last refilled.
    .addColumn('at_ms', 'bigint', (c) => c.notNull())
    // Whether the last request took a token: what the one upsert per request returns.
    .addColumn('granted', 'boolean', (c) => c.notNull())
    .execute();
}
