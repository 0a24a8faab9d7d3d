import { describe, expect, it } from 'vitest';
import { backoffDelay, nextDelay, parseRetryAfter } from '../../electron/core/sync/backoff.ts';

const policy = { baseMs: 1_000, capMs: 60_000 };

describe('sync backoff: capped exponential with full jitter', () => {
  it('doubles the ceiling per failure up to the cap', () => {
    const top = (failures: number) => backoffDelay(failures, policy, () => 0.999999);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50, 5000].map(top)).toEqual([
      999, 1999, 3999, 7999, 15999, 31999, 59999, 59999, 59999, 59999,
    ]);
  });

  it('picks uniformly between 0 and the ceiling (full jitter), never above', () => {
    expect(backoffDelay(4, policy, () => 0)).toBe(0);
    expect(backoffDelay(4, policy, () => 0.5)).toBe(4000);
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const waits = Array.from({ length: 2000 }, () => backoffDelay(10, policy, random));
    expect(Math.max(...waits)).toBeLessThan(60_000);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(0);
    const mean = waits.reduce((a, b) => a + b, 0) / waits.length;
    expect(mean).toBeGreaterThan(27_000);
    expect(mean).toBeLessThan(33_000);
  });

  it('treats Retry-After as a floor under the jittered wait', () => {
    expect(nextDelay(1, 5_000, policy, () => 0)).toBe(5_000);
    expect(nextDelay(9, 5_000, policy, () => 0.5)).toBe(30_000);
    expect(nextDelay(1, null, policy, () => 0.5)).toBe(500);
  });

  it('reads Retry-After in seconds or as an HTTP date, capped, and ignores nonsense', () => {
    const now = new Date('2026-11-23T09:00:00Z');
    expect(parseRetryAfter('7', now, 900_000)).toBe(7_000);
    expect(parseRetryAfter(' 0 ', now, 900_000)).toBe(0);
    expect(parseRetryAfter('Mon, 23 Nov 2026 09:00:42 GMT', now, 900_000)).toBe(42_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 08:00:00 GMT', now, 900_000)).toBe(0);
    expect(parseRetryAfter('86400', now, 900_000)).toBe(900_000);
    expect(parseRetryAfter('soon', now, 900_000)).toBeNull();
    expect(parseRetryAfter('-5', now, 900_000)).toBeNull();
    expect(parseRetryAfter(null, now, 900_000)).toBeNull();
  });
});
