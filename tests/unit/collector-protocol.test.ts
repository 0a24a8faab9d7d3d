// Sync protocol v1 through real HTTP against a real collector on a temp SQLite file: what is
// stored, what is a duplicate, what is refused and with which status, and that nothing invalid
// reaches the database. (The same storage semantics on PostgreSQL: collector-storage.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchReply, ErrorReply, MAX_BATCH_ITEMS } from '../../shared/protocol.ts';
import { revokeKiosk } from '../../server/kiosk-api/kiosks.ts';
import {
  answer,
  alert,
  call,
  startCollector,
  type RunningCollector,
} from '../support/collector.ts';

let c: RunningCollector;
const sentAt = () => new Date().toISOString();

beforeAll(async () => {
  c = await startCollector();
});
afterAll(() => c.close());

const count = async (table: 'answers' | 'alerts') =>
  Number(
    (
      await c.storage.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const postAnswers = (answers: unknown[], extra: Record<string, unknown> = {}) =>
  call(c, 'POST', '/v1/answers', { kioskId: c.kioskId, sentAt: sentAt(), answers, ...extra });

describe('collector: answers are stored once', () => {
  it('stores a batch, reports each item and the highest contiguous seq, and calls a resend a duplicate', async () => {
    const batch = [
      answer(c.kioskId, 1),
      answer(c.kioskId, 2, { comment: 'Lovely — ütlen aitäh', nps: 10 }),
      answer(c.kioskId, 3),
    ];
    const first = await postAnswers(batch);
    expect(first.status).toBe(200);
    const reply = BatchReply.parse(first.body);
    expect(reply).toEqual({
      results: batch.map((a) => ({ id: a.id, status: 'stored' })),
      highestContiguousSeq: 3,
    });

    const again = BatchReply.parse((await postAnswers(batch)).body);
    expect(again.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(again.highestContiguousSeq).toBe(3);
    expect(await count('answers')).toBe(3);
    const stored = await c.storage.db
      .selectFrom('answers')
      .select(['comment', 'nps'])
      .where('id', '=', batch[1]!.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ comment: 'Lovely — ütlen aitäh', nps: 10 });
  });

  it('shows a gap in seq until it is filled', async () => {
    const gap = BatchReply.parse(
      (await postAnswers([answer(c.kioskId, 4), answer(c.kioskId, 6)])).body,
    );
    expect(gap.highestContiguousSeq).toBe(4);
    const filled = BatchReply.parse((await postAnswers([answer(c.kioskId, 5)])).body);
    expect(filled.highestContiguousSeq).toBe(6);
  });

  it('rejects a bad item with a readable reason and stores the rest of the batch', async () => {
    const before = await count('answers');
    const good = answer(c.kioskId, 7);
    const items: unknown[] = [
      { ...answer(c.kioskId, 100), smiley: 9 },
      { ...answer(c.kioskId, 101), mood: 'sunny' },
      answer('another-kiosk', 102),
      answer(c.kioskId, 103, { comment: 'nul \u0000 inside' }),
      answer(c.kioskId, 1), // a new id claiming a held seq
      42,
      good,
    ];
    const reply = await postAnswers(items);
    expect(reply.status).toBe(200);
    const { results, highestContiguousSeq } = BatchReply.parse(reply.body);
    expect(results.map((r) => r.status)).toEqual([
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'stored',
    ]);
    expect(results[0]!.reason).toMatch(/^smiley: /);
    expect(results[1]!.reason).toMatch(/mood/);
    expect(results[2]!.reason).toBe(
      `kioskId "another-kiosk" does not match the batch's kioskId "${c.kioskId}"`,
    );
    expect(results[3]!.reason).toMatch(/NUL/);
    expect(results[4]!.reason).toBe('seq 1 is already held by another answer from this kiosk');
    expect(results[5]).toEqual({
      id: null,
      status: 'rejected',
      reason: expect.stringMatching(/object/),
    });
    expect(results[6]!.id).toBe(good.id);
    expect(highestContiguousSeq).toBe(7);
    expect(await count('answers')).toBe(before + 1);
  });

  it('accepts an empty batch, so a kiosk can ask how far the collector holds its answers', async () => {
    expect(BatchReply.parse((await postAnswers([])).body)).toEqual({
      results: [],
      highestContiguousSeq: 7,
    });
  });
});

describe('collector: alerts', () => {
  it('stores alerts before their answer arrives, test alerts without one, and resends as duplicates', async () => {
    const items = [
      alert(),
      alert({ kind: 'talk_now' }),
      alert({
        kind: 'test',
        answerId: null,
        detail: { kioskId: c.kioskId, location: 'Test store', touchpoint: 'Desk 2' },
      }),
    ];
    const first = BatchReply.parse(
      (await call(c, 'POST', '/v1/alerts', { kioskId: c.kioskId, sentAt: sentAt(), alerts: items }))
        .body,
    );
    expect(first.results.map((r) => r.status)).toEqual(['stored', 'stored', 'stored']);
    const again = BatchReply.parse(
      (await call(c, 'POST', '/v1/alerts', { kioskId: c.kioskId, sentAt: sentAt(), alerts: items }))
        .body,
    );
    expect(again.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(await count('alerts')).toBe(3);
  });

  it('rejects an alert whose detail names another kiosk or carries customer text', async () => {
    const reply = BatchReply.parse(
      (
        await call(c, 'POST', '/v1/alerts', {
          kioskId: c.kioskId,
          sentAt: sentAt(),
          alerts: [
            alert({ detail: { kioskId: 'elsewhere', location: 'x', touchpoint: 'y' } }),
            { ...alert(), detail: { location: 'x', touchpoint: 'y', comment: 'hi' } },
          ],
        })
      ).body,
    );
    expect(reply.results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(reply.results[1]!.reason).toMatch(/comment/);
    expect(await count('alerts')).toBe(3);
  });
});

describe('collector: refusals store nothing', () => {
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

  it.each([
    ['broken JSON', '{"kioskId": "test-kiosk",', 'invalid_json'],
    ['an empty body', '', 'invalid_json'],
    ['a JSON array', '[]', 'invalid_request'],
    [
      'an unknown envelope key',
      { kioskId: 'test-kiosk', sentAt: '2026-11-23T09:00:00Z', answers: [], priority: 'high' },
      'invalid_request',
    ],
    ['no sentAt', { kioskId: 'test-kiosk', answers: [] }, 'invalid_request'],
    [
      'a sentAt that is no date',
      { kioskId: 'test-kiosk', sentAt: '2026-02-31T09:00:00Z', answers: [] },
      'invalid_request',
    ],
    [
      'answers that are not a list',
      { kioskId: 'test-kiosk', sentAt: '2026-11-23T09:00:00Z', answers: { 0: {} } },
      'invalid_request',
    ],
    [
      'a __proto__ key',
      '{"kioskId":"test-kiosk","sentAt":"2026-11-23T09:00:00Z","answers":[],"__proto__":{"x":1}}',
      'invalid_json',
    ],
  ])('answers 400 to %s', async (_what, body, code) => {
    const before = await count('answers');
    const reply = await call(c, 'POST', '/v1/answers', body);
    expect(reply.status).toBe(400);
    const error = ErrorReply.parse(reply.body);
    expect(error.error).toBe(code);
    expect(error.message.length).toBeGreaterThan(5);
    expect(await count('answers')).toBe(before);
  });

  it('names the field and the reason in a 400', async () => {
    const reply = await call(c, 'POST', '/v1/answers', {
      kioskId: 'test-kiosk',
      sentAt: '2026-11-23T09:00:00Z',
      answers: [],
      priority: 'high',
    });
    expect(ErrorReply.parse(reply.body)).toMatchObject({
      error: 'invalid_request',
      message: expect.stringContaining('priority'),
      problems: [{ field: '(body)' }],
    });
  });

  it(`refuses more than ${MAX_BATCH_ITEMS} items as a whole`, async () => {
    const before = await count('answers');
    const items = Array.from({ length: MAX_BATCH_ITEMS + 1 }, (_, i) =>
      answer(c.kioskId, 1000 + i),
    );
    const reply = await postAnswers(items);
    expect(reply.status).toBe(400);
    expect(ErrorReply.parse(reply.body).problems).toEqual([
      { field: 'answers', reason: expect.stringContaining(String(MAX_BATCH_ITEMS)) },
    ]);
    expect(await count('answers')).toBe(before);
  });

  it('answers 413 to a body over the limit before parsing it', async () => {
    const before = await count('answers');
    const huge = JSON.stringify({
      kioskId: c.kioskId,
      sentAt: sentAt(),
      answers: [answer(c.kioskId, 60, { comment: 'x'.repeat(1000) })],
    }).replace('}]', `}],"pad":"${'x'.repeat(1_100_000)}"`);
    const reply = await call(c, 'POST', '/v1/answers', huge);
    expect(reply.status).toBe(413);
    expect(ErrorReply.parse(reply.body).error).toBe('payload_too_large');
    // Not valid JSON either: 413 means it was never parsed.
    expect((await call(c, 'POST', '/v1/answers', `{${'x'.repeat(1_100_000)}`)).status).toBe(413);
    expect(await count('answers')).toBe(before);
  });

  it('answers 415 to a body that is not JSON', async () => {
    const reply = await call(c, 'POST', '/v1/answers', 'kioskId=test-kiosk', {
      'content-type': 'text/plain',
    });
    expect(reply.status).toBe(415);
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

  it('answers 404 with a JSON error for an unknown endpoint', async () => {
    const reply = await call(c, 'GET', '/v1/answers/export');
    expect(reply.status).toBe(404);
    expect(ErrorReply.parse(reply.body).error).toBe('not_found');
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
