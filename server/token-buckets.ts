// Token buckets for the collector's rate limits: each kiosk's requests, and each outside
// channel's new alert messages (server/alerts/dispatcher.ts, keys `channel:<target>`). On SQLite
// the collector is one process (server/db/sqlite-instance.ts), so the buckets live in its memory:
// nothing to share, and the map grows only with enrolled kiosks and configured channels. A
// restart forgets them, which only lets more in. On PostgreSQL several instances may serve one
// fleet behind a load balancer; a kiosk or a channel must get one budget, not one per instance,
// so the buckets are rows (in kiosk_rate_buckets, named for its first use), refilled and taken
// from by one atomic upsert.
import { sql } from 'kysely';
import type { Storage } from './db/open.ts';

export interface RateLimit {
  /** Sustained takes per second per key. */
  perSecond: number;
  /** Takes at once after being quiet (a kiosk's backlog drain or reconnect). */
  burst: number;
}

/** A kiosk's requests. */
export const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 10, burst: 20 };

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/** The buckets for the storage's engine: in memory on SQLite, in the database on PostgreSQL. */
export function storedBuckets(
  storage: Storage,
  limit: RateLimit,
  nowMs: () => number,
): { take(key: string): Promise<TakeResult> } {
  if (storage.engine === 'postgres') return sharedTokenBuckets(storage, limit, nowMs);
  const buckets = tokenBuckets(limit, nowMs);
  return { take: async (key) => buckets.take(key) };
}

export function tokenBuckets(
  limit: RateLimit,
  nowMs: () => number,
): { take(key: string): TakeResult } {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const t = nowMs();
      const bucket = buckets.get(key) ?? { tokens: limit.burst, at: t };
      // max(0, …): a clock stepping back must not drain the bucket.
      bucket.tokens = Math.min(
        limit.burst,
        bucket.tokens + (Math.max(0, t - bucket.at) / 1000) * limit.perSecond,
      );
      bucket.at = t;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true };
      }
      return refused(bucket.tokens, limit);
    },
  };
}

/**
 * The same bucket as tokenBuckets, as a row per key in kiosk_rate_buckets (PostgreSQL): the
 * refill and the take are one statement, so two instances taking at once each see the other's
 * take. The collectors' clocks are used, as in memory; one that lags another neither refills
 * (greatest(0, …)) nor moves the bucket's time back (greatest(at_ms, …)).
 */
export function sharedTokenBuckets(
  storage: Storage,
  limit: RateLimit,
  nowMs: () => number,
): { take(key: string): Promise<TakeResult> } {
  const burst = sql`cast(${limit.burst} as double precision)`;
  return {
    async take(key) {
      const t = nowMs();
      const refill = sql`least(${burst}, b.tokens + greatest(0, ${t} - b.at_ms) / 1000.0 * ${limit.perSecond})`;
      const { rows } = await sql<{ tokens: number; granted: boolean }>`
        insert into kiosk_rate_buckets as b (kiosk_id, tokens, at_ms, granted)
        values (${key}, ${burst} - 1, ${t}, ${limit.burst >= 1})
        on conflict (kiosk_id) do update set
          tokens = case when ${refill} >= 1 then ${refill} - 1 else ${refill} end,
          at_ms = greatest(b.at_ms, ${t}),
          granted = ${refill} >= 1
        returning tokens, granted`.execute(storage.db);
      const row = rows[0]!;
      return row.granted ? { ok: true } : refused(Number(row.tokens), limit);
    },
  };
}

function refused(tokens: number, limit: RateLimit): TakeResult {
  return {
    ok: false,
    retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / limit.perSecond)),
  };
}
