// The protocol schemas and the collector's small pure parts, without a server: the edges that
// the HTTP tests would only hit by accident.
import { describe, expect, it } from 'vitest';
import {
  AlertUpload,
  AnswerBatch,
  AnswerUpload,
  CLOCK_SKEW_TOLERANCE_MS,
  HeartbeatRequest,
  IsoDateTime,
  MAX_BATCH_ITEMS,
} from '../../shared/protocol.ts';
import { formatSkew, readClock } from '../../server/kiosk-api/device-clock.ts';
import { tokenBuckets } from '../../server/token-buckets.ts';
import { settingsFromEnv } from '../../server/settings.ts';
import { hashToken, newDeviceToken } from '../../server/tokens.ts';
import { alert, answer } from '../support/collector.ts';

describe('protocol schemas', () => {
  it.each([
    ['2026-11-23T09:00:00.000Z', true],
    ['2026-11-23T11:00:00+02:00', true],
    ['1970-01-01T00:00:00Z', true], // a kiosk whose clock battery died still sends real answers
    ['2028-02-29T12:00:00Z', true],
    ['2026-02-29T12:00:00Z', false],
    ['2026-02-31T12:00:00Z', false],
    ['0000-01-01T00:00:00Z', false],
    ['2026-11-23T09:00:00', false],
    ['2026-11-23', false],
    ['yesterday', false],
  ])('IsoDateTime %s → %s', (value, ok) => {
    expect(IsoDateTime.safeParse(value).success).toBe(ok);
  });

  it('accepts what the builders make and refuses unknown keys, NUL characters and out-of-range scores', () => {
    expect(AnswerUpload.safeParse(answer('k', 1)).success).toBe(true);
    expect(AlertUpload.safeParse(alert()).success).toBe(true);
    expect(AnswerUpload.safeParse({ ...answer('k', 1), extra: true }).success).toBe(false);
    expect(AnswerUpload.safeParse(answer('k', 1, { comment: 'a\u0000b' })).success).toBe(false);
    expect(AnswerUpload.safeParse(answer('k', 0)).success).toBe(false);
    expect(AnswerUpload.safeParse(answer('k', 1, { nps: 11 })).success).toBe(false);
    expect(AnswerUpload.safeParse({ ...answer('k', 1), nps: null }).success).toBe(false); // absent, not null
    expect(
      AnswerUpload.safeParse({ ...answer('k', 1), id: '0192f3c4-1c9e-4b6a-9b1e-2f6f4a1e2d3c' })
        .success,
    ).toBe(false); // v4, not v7
    expect(
      AlertUpload.safeParse({
        ...alert(),
        detail: { location: 'x', touchpoint: 'y', name: 'Mari' },
      }).success,
    ).toBe(false);
  });

  it(`caps a batch at ${MAX_BATCH_ITEMS} items`, () => {
    const batch = (n: number) => ({
      kioskId: 'k',
      sentAt: '2026-11-23T09:00:00Z',
      answers: Array.from({ length: n }, (_, i) => answer('k', i + 1)),
    });
    expect(AnswerBatch.safeParse(batch(MAX_BATCH_ITEMS)).success).toBe(true);
    expect(AnswerBatch.safeParse(batch(MAX_BATCH_ITEMS + 1)).success).toBe(false);
  });

  it('takes null for “nothing unsent” and “no error” in a heartbeat', () => {
    const hb = {
      kioskId: 'k',
      appVersion: '1.0.0',
      queueDepth: 0,
      oldestUnsentAt: null,
      lastError: null,
      deviceTime: '2026-11-23T09:00:00Z',
    };
    expect(HeartbeatRequest.safeParse(hb).success).toBe(true);
    expect(HeartbeatRequest.safeParse({ ...hb, oldestUnsentAt: undefined }).success).toBe(false);
  });
});

describe('collector parts', () => {
  it('flags a clock only beyond the tolerance, either way', () => {
    const server = new Date('2026-11-23T09:00:00Z');
    const at = (ms: number) => new Date(server.getTime() + ms).toISOString();
    expect(readClock(at(CLOCK_SKEW_TOLERANCE_MS), server)).toEqual({
      skewMs: CLOCK_SKEW_TOLERANCE_MS,
      flagged: false,
    });
    expect(readClock(at(CLOCK_SKEW_TOLERANCE_MS + 1), server).flagged).toBe(true);
    expect(readClock(at(-CLOCK_SKEW_TOLERANCE_MS - 1), server).flagged).toBe(true);
    expect(formatSkew(432_000)).toBe('+7m 12s');
    expect(formatSkew(-3 * 86_400_000 - 5 * 3_600_000)).toBe('-3d 5h');
  });

  it('refills a token bucket at the set rate and says how long to wait', () => {
    let t = 0;
    const buckets = tokenBuckets({ perSecond: 0.5, burst: 2 }, () => t);
    expect(buckets.take('a')).toEqual({ ok: true });
    expect(buckets.take('a')).toEqual({ ok: true });
    expect(buckets.take('a')).toEqual({ ok: false, retryAfterSeconds: 2 });
    expect(buckets.take('b')).toEqual({ ok: true });
    t = 1000;
    expect(buckets.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    t = 2000;
    expect(buckets.take('a')).toEqual({ ok: true });
    t = 1000; // a clock stepping back drains nothing
    expect(buckets.take('b')).toEqual({ ok: true });
  });

  it('makes 256-bit tokens and stores them as SHA-256', () => {
    const tokens = new Set(Array.from({ length: 100 }, newDeviceToken));
    expect(tokens.size).toBe(100);
    for (const t of tokens) expect(Buffer.from(t, 'base64url')).toHaveLength(32);
    expect(hashToken('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('reads its settings from the environment, DATABASE_URL first, empty meaning unset', () => {
    expect(settingsFromEnv({})).toMatchObject({
      storage: { sqlitePath: './collector-data/collector.sqlite' },
      port: 4320,
      host: '127.0.0.1',
      rateLimit: { perSecond: 10, burst: 20 },
    });
    expect(
      settingsFromEnv({ DATABASE_URL: 'postgres://db/x', LASTWORD_DB: '/data/c.sqlite' }).storage,
    ).toEqual({ databaseUrl: 'postgres://db/x' });
    expect(settingsFromEnv({ DATABASE_URL: '', LASTWORD_DB: '/data/c.sqlite' }).storage).toEqual({
      sqlitePath: '/data/c.sqlite',
    });
    expect(() => settingsFromEnv({ DATABASE_URL: 'mysql://db/x' })).toThrow(/DATABASE_URL/);
    expect(() => settingsFromEnv({ LASTWORD_COLLECTOR_PORT: '70000' })).toThrow(
      /LASTWORD_COLLECTOR_PORT/,
    );
  });
});
