// Sync protocol v1 through real HTTP against a real collector on a temp SQLite file: what is
// stored, what is a duplicate, what is refused for its body and with which status, and that
// nothing invalid reaches the database. (Who may post at all: collector-access.test.ts. The same
// storage semantics on PostgreSQL: collector-storage.test.ts.)
import { describe, expect, it } from 'vitest';
import { BatchReply, ErrorReply, MAX_BATCH_ITEMS } from '../../shared/protocol.ts';
import { answer, alert, call } from '../support/collector.ts';
import { sentAt, useProtocolCollector } from '../support/protocol-suite.ts';

const { c, count, postAnswers } = useProtocolCollector();

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

  it('answers 404 with a JSON error for an unknown endpoint', async () => {
    const reply = await call(c, 'GET', '/v1/answers/export');
    expect(reply.status).toBe(404);
    expect(ErrorReply.parse(reply.body).error).toBe('not_found');
  });
});
