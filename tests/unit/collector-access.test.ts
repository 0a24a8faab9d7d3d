// Who may post to the sync protocol, through real HTTP against a real collector on a temp SQLite
// file: a missing, wrong or revoked token gets 401, a body naming another kiosk 403, a kiosk
// past its burst 429; each stores nothing. (What a kiosk may post: collector-protocol.test.ts.)
import { describe, expect, it } from 'vitest';
import { ErrorReply } from '../../shared/protocol.ts';
import { revokeKiosk } from '../../server/kiosk-api/kiosks.ts';
import { answer, alert, call, startCollector } from '../support/collector.ts';
import { sentAt, useProtocolCollector } from '../support/protocol-suite.ts';

const { c, count } = useProtocolCollector();

describe('collector: only its own enrolled kiosk may post', () => {
  const tamper = (t: string) => (t[0] === 'A' ? 'B' : 'A') + t.slice(1);

  it.each([
    ['no Authorization header', { authorization: null }],
    ['a Basic credential', { authorization: 'Basic dXNlcjpwYXNz' }],
    ['an empty bearer token', { authorization: 'Bearer ' }],
    ['a tampered token', 'tampered'],
    ['a made-up token', { authorization: 'Bearer aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' }],
  ] as const)('answers 401 to %s', async (_what, headers) => {
    const before = await count('answers');
    const override =
      headers === 'tampered' ? { authorization: `Bearer ${tamper(c.token)}` } : headers;
    for (const [method, path, body] of [
      [
        'POST',
        '/v1/answers',
        { kioskId: c.kioskId, sentAt: sentAt(), answers: [answer(c.kioskId, 50)] },
      ],
      ['POST', '/v1/alerts', { kioskId: c.kioskId, sentAt: sentAt(), alerts: [alert()] }],
      ['POST', '/v1/heartbeat', {}],
      ['GET', '/v1/config', undefined],
    ] as const) {
      const reply = await call(c, method, path, body, override);
      expect(reply.status, `${method} ${path}`).toBe(401);
      expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(ErrorReply.parse(reply.body).error).toBe('unauthorized');
    }
    expect(await count('answers')).toBe(before);
  });

  it('answers 403 when the body names a kiosk other than the token’s', async () => {
    await c.enrol('other-kiosk');
    const reply = await call(c, 'POST', '/v1/answers', {
      kioskId: 'other-kiosk',
      sentAt: sentAt(),
      answers: [answer('other-kiosk', 1)],
    });
    expect(reply.status).toBe(403);
    expect(ErrorReply.parse(reply.body).message).toContain(`belongs to kiosk "${c.kioskId}"`);
    expect(
      await c.storage.db
        .selectFrom('answers')
        .select('id')
        .where('kiosk_id', '=', 'other-kiosk')
        .execute(),
    ).toEqual([]);
  });

  it('stops a revoked token at its next request', async () => {
    const token = await c.enrol('soon-revoked');
    const k = { url: c.url, token };
    const hb = {
      kioskId: 'soon-revoked',
      appVersion: '1.0.0',
      queueDepth: 0,
      oldestUnsentAt: null,
      lastError: null,
      deviceTime: sentAt(),
    };
    expect((await call(k, 'POST', '/v1/heartbeat', hb)).status).toBe(200);
    expect(await revokeKiosk(c.storage, 'soon-revoked', new Date())).toBe('revoked');
    expect((await call(k, 'POST', '/v1/heartbeat', hb)).status).toBe(401);
    expect(
      (
        await call(k, 'POST', '/v1/answers', {
          kioskId: 'soon-revoked',
          sentAt: sentAt(),
          answers: [answer('soon-revoked', 1)],
        })
      ).status,
    ).toBe(401);
    expect(
      await c.storage.db
        .selectFrom('answers')
        .select('id')
        .where('kiosk_id', '=', 'soon-revoked')
        .execute(),
    ).toEqual([]);
  });
});

describe('collector: per-kiosk rate limit', () => {
  it('answers 429 with Retry-After once a kiosk spends its burst, and only that kiosk', async () => {
    let clock = Date.parse('2026-11-23T09:00:00Z');
    const limited = await startCollector({
      now: () => new Date(clock),
      rateLimit: { perSecond: 2, burst: 3 },
    });
    try {
      const hb = (kioskId: string) => ({
        kioskId,
        appVersion: '1.0.0',
        queueDepth: 0,
        oldestUnsentAt: null,
        lastError: null,
        deviceTime: new Date(clock).toISOString(),
      });
      for (let i = 0; i < 3; i++)
        expect((await call(limited, 'POST', '/v1/heartbeat', hb(limited.kioskId))).status).toBe(
          200,
        );
      const refused = await call(limited, 'POST', '/v1/answers', {
        kioskId: limited.kioskId,
        sentAt: new Date(clock).toISOString(),
        answers: [answer(limited.kioskId, 1)],
      });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(ErrorReply.parse(refused.body)).toMatchObject({
        error: 'rate_limited',
        retryAfterSeconds: 1,
      });
      expect(await limited.storage.db.selectFrom('answers').select('id').execute()).toEqual([]);

      const other = { url: limited.url, token: await limited.enrol('quiet-kiosk') };
      expect((await call(other, 'POST', '/v1/heartbeat', hb('quiet-kiosk'))).status).toBe(200);

      clock += 500; // one token back at 2/s
      expect((await call(limited, 'POST', '/v1/heartbeat', hb(limited.kioskId))).status).toBe(200);
      expect((await call(limited, 'POST', '/v1/heartbeat', hb(limited.kioskId))).status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
