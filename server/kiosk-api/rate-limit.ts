// Per-kiosk token buckets, in memory. One collector process serves a fleet, so memory is the
// right place (nothing to share), and the map only grows with enrolled kiosks because it is
// consulted after authentication. A restart forgets the buckets, which only ever lets more in.
export interface RateLimit {
  /** Sustained requests per second per kiosk. */
  perSecond: number;
  /** Requests a kiosk may make at once after being quiet (a backlog drain, a reconnect). */
  burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 10, burst: 20 };

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

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
      return {
        ok: false,
        retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond)),
      };
    },
  };
}
