// The sync engine against a real collector over real HTTP on loopback, on real SQLite files:
// what goes first, in what order and what sizes, what happens to items the collector refuses or
// that could never be valid, and how the engine reads the collector's refusals.
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AnswerStore } from '../../electron/core/answer-store.ts';
import { openDatabase } from '../../electron/core/db/open.ts';
import { SyncEngine, type SyncEngineOptions } from '../../electron/core/sync/engine.ts';
import type { AnswerUpload } from '../../shared/protocol.ts';
import { readAlerts, readAnswers } from '../../server/kiosk-api/read-back.ts';
import { answer, call, startCollector, type RunningCollector } from '../support/collector.ts';
import { kioskWriter } from '../support/outbox.ts';
import { readKiosk, recordingFetch } from '../support/sync-helpers.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir('lastword-sync-');
let collector: RunningCollector;
const engines: SyncEngine[] = [];
let n = 0;

beforeAll(async () => {
  collector = await startCollector();
});
afterAll(async () => {
  await collector.close();
  dir.remove();
});
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.stop()));
});

/** A kiosk database of its own and an engine on it, pointed at `c` (a fresh kiosk id each time). */
async function kiosk(opts: Partial<SyncEngineOptions> & { c?: RunningCollector } = {}) {
  const c = opts.c ?? collector;
  const kioskId = `kiosk-${++n}`;
  const token = c === collector ? await c.enrol(kioskId) : c.token;
  const id = c === collector ? kioskId : c.kioskId;
  const databasePath = join(dir.path, `${id}-${n}.sqlite`);
  const writer = kioskWriter(databasePath, { kioskId: id });
  const engine = new SyncEngine({
    databasePath,
    kioskId: id,
    collector: { url: c.url, token },
    appVersion: '1.0.0-test',
    ...opts,
  });
  engines.push(engine);
  return { kioskId: id, token, databasePath, writer, engine, c };
}

const unsent = (path: string) =>
  readKiosk<{ n: number }>(path, 'SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL')[0]!.n;

describe('sync engine: order and batches', () => {
  it('sends every alert first, then the answers in seq order, in batches of at most 500', async () => {
    const rec = recordingFetch();
    const k = await kiosk({ fetch: rec.fetch });
    const ids = k.writer.answers(1203);
    const alertIds = ids.filter((_, i) => i % 100 === 0).map((id) => k.writer.alert(id));
    expect(await k.engine.syncOnce()).toEqual({
      drained: true,
      sent: 1203 + alertIds.length,
      deadLettered: 0,
    });

    expect(
      rec.requests.map(
        (r) => `${r.path} ${((r.body?.answers ?? r.body?.alerts) as unknown[]).length}`,
      ),
    ).toEqual([
      `/v1/alerts ${alertIds.length}`,
      '/v1/answers 500',
      '/v1/answers 500',
      '/v1/answers 203',
    ]);
    const seqs = rec.requests.flatMap((r) =>
      ((r.body?.answers ?? []) as AnswerUpload[]).map((a) => a.seq),
    );
    expect(seqs).toEqual(ids.map((_, i) => i + 1));
    expect((await readAnswers(collector.storage, k.kioskId)).map((a) => a.id)).toEqual(ids);
    expect((await readAlerts(collector.storage, k.kioskId)).map((a) => a.id).sort()).toEqual(
      [...alertIds].sort(),
    );
    expect(unsent(k.databasePath)).toBe(0);
    expect(k.engine.status()).toMatchObject({
      online: true,
      queueDepth: 0,
      deadLetters: 0,
      lastError: null,
      lastSyncAt: expect.any(String),
    });
  });

  it('sends an alert raised mid-drain before the next answer batch', async () => {
    let raised = '';
    const rec = recordingFetch((r, i) => {
      if (i === 0) raised = k.writer.alert(null);
    });
    const k = await kiosk({ fetch: rec.fetch, tuning: { batchItems: 10 } });
    k.writer.answers(30);
    await k.engine.syncOnce();
    expect(rec.requests.map((r) => r.path)).toEqual([
      '/v1/answers',
      '/v1/alerts',
      '/v1/answers',
      '/v1/answers',
    ]);
    expect((rec.requests[1]!.body!.alerts as { id: string }[]).map((a) => a.id)).toEqual([raised]);
  });

  it('sends answers in seq order even when they became final out of order', async () => {
    const rec = recordingFetch();
    const k = await kiosk({ fetch: rec.fetch });
    k.writer.close();
    const { db } = openDatabase(k.databasePath);
    const store = new AnswerStore(db);
    const t = '2026-11-23T09:00:00.000Z';
    const ids = [uuidv7(), uuidv7(), uuidv7()];
    for (const id of ids)
      store.insertDraft({
        id,
        kioskId: k.kioskId,
        surveyVersion: 's',
        language: 'en',
        smiley: 3,
        startedAt: t,
        possibleRepeat: false,
      });
    for (const id of [...ids].reverse()) store.finalize(id, 'complete', t);
    db.close();
    await k.engine.syncOnce();
    expect((rec.requests[0]!.body!.answers as AnswerUpload[]).map((a) => a.seq)).toEqual([1, 2, 3]);
  });

  it('splits a batch the collector finds too large (413) and still sends everything', async () => {
    const small = await startCollector({ bodyLimitBytes: 16 * 1024, kioskId: 'small-limit' });
    try {
      const rec = recordingFetch();
      const k = await kiosk({ c: small, fetch: rec.fetch });
      const ids = k.writer.answers(300);
      expect(await k.engine.syncOnce()).toMatchObject({
        drained: true,
        sent: 300,
        deadLettered: 0,
      });
      expect(rec.requests[0]!.status).toBe(413);
      expect((await readAnswers(small.storage, k.kioskId)).map((a) => a.id)).toEqual(ids);
    } finally {
      await Promise.all(engines.splice(0).map((e) => e.stop()));
      await small.close();
    }
  });
});

describe('sync engine: items that cannot be stored', () => {
  it('moves an item the collector rejects to dead letters, with its reason, and sends the rest', async () => {
    const k = await kiosk();
    // The collector already holds a different answer at seq 2 from this kiosk.
    expect(
      (
        await call({ url: collector.url, token: k.token }, 'POST', '/v1/answers', {
          kioskId: k.kioskId,
          sentAt: new Date().toISOString(),
          answers: [answer(k.kioskId, 2)],
        })
      ).status,
    ).toBe(200);
    const ids = k.writer.answers(5);
    expect(await k.engine.syncOnce()).toEqual({ drained: true, sent: 4, deadLettered: 1 });
    const dead = readKiosk<{ kind: string; ref_id: string; reason: string; payload: string }>(
      k.databasePath,
      'SELECT kind, ref_id, reason, payload FROM dead_letters',
    );
    expect(dead).toEqual([
      {
        kind: 'answer',
        ref_id: ids[1],
        reason: expect.stringMatching(/seq 2 is already held/),
        payload: expect.any(String),
      },
    ]);
    expect(JSON.parse(dead[0]!.payload)).toMatchObject({ id: ids[1], seq: 2 });
    expect(readKiosk(k.databasePath, 'SELECT ref_id FROM outbox WHERE ref_id = ?', ids[1])).toEqual(
      [],
    );
    expect(k.engine.status()).toMatchObject({ queueDepth: 0, deadLetters: 1, lastError: null });
    // Nothing left to send: a second pass sends nothing.
    expect(await k.engine.syncOnce()).toEqual({ drained: true, sent: 0, deadLettered: 0 });
  });

  it('never sends an item that cannot be valid: it goes straight to dead letters', async () => {
    const rec = recordingFetch();
    const k = await kiosk({ fetch: rec.fetch });
    k.writer.close();
    const { db } = openDatabase(k.databasePath);
    const store = new AnswerStore(db);
    const t = '2026-11-23T09:00:00.000Z';
    const ids = [uuidv7(), uuidv7(), uuidv7()];
    for (const id of ids)
      store.insertDraft({
        id,
        kioskId: k.kioskId,
        surveyVersion: 's',
        language: 'en',
        smiley: 3,
        startedAt: t,
        possibleRepeat: false,
      });
    store.updateDraft(ids[0]!, { comment: 'nul \u0000 inside' }, t);
    db.prepare(`UPDATE answers SET reasons = 'not json' WHERE seq = 2`).run();
    for (const id of ids) store.finalize(id, 'complete', t);
    db.close();

    expect(await k.engine.syncOnce()).toEqual({ drained: true, sent: 1, deadLettered: 2 });
    expect(
      rec.requests.flatMap((r) => (r.body?.answers as AnswerUpload[]).map((a) => a.seq)),
    ).toEqual([3]);
    expect(
      readKiosk(k.databasePath, 'SELECT ref_id, reason FROM dead_letters ORDER BY ref_id'),
    ).toEqual([
      { ref_id: ids[0], reason: expect.stringMatching(/not valid for the collector: .*NUL/) },
      { ref_id: ids[1], reason: 'reasons: stored text is not valid JSON' },
    ]);
  });
});

describe('sync engine: refusals and waits', () => {
  it('says the token is refused on a 401, keeps the rows and counts the attempt', async () => {
    const k = await kiosk();
    const wrong = new SyncEngine({
      databasePath: k.databasePath,
      kioskId: k.kioskId,
      collector: { url: collector.url, token: 'x'.repeat(43) },
      appVersion: 't',
      random: () => 0.5,
    });
    engines.push(wrong);
    k.writer.answers(3);
    const outcome = await wrong.syncOnce();
    expect(outcome).toMatchObject({
      drained: false,
      sent: 0,
      error: expect.stringMatching(/refused the device token \(401\).*check collector.token/),
    });
    expect(wrong.status()).toMatchObject({
      online: true,
      queueDepth: 3,
      lastError: outcome.drained ? null : outcome.error,
    });
    expect(readKiosk(k.databasePath, 'SELECT DISTINCT attempts, last_error FROM outbox')).toEqual([
      { attempts: 1, last_error: expect.stringMatching(/401/) },
    ]);
  });

  it('waits what a 429 Retry-After asks, by the injected clock', async () => {
    const limited = await startCollector({
      kioskId: 'limited',
      rateLimit: { perSecond: 0.1, burst: 1 },
    });
    try {
      const now = () => new Date('2026-11-23T09:00:00Z');
      const k = await kiosk({ c: limited, now, random: () => 0, tuning: { batchItems: 2 } });
      k.writer.answers(5);
      const outcome = await k.engine.syncOnce();
      expect(outcome).toEqual({
        drained: false,
        sent: 2,
        deadLettered: 0,
        error: expect.stringMatching(/rate limiting .*\(429\)/),
        retryInMs: 10_000,
      });
      expect(k.engine.status()).toMatchObject({
        online: true,
        nextAttemptAt: '2026-11-23T09:00:10.000Z',
      });
    } finally {
      await Promise.all(engines.splice(0).map((e) => e.stop()));
      await limited.close();
    }
  });

  it('reads Retry-After as an HTTP date too, and waits at least that long even with jitter', async () => {
    const t0 = Date.parse('2026-11-23T09:00:00Z');
    const fake: typeof fetch = async () =>
      new Response(JSON.stringify({ error: 'unavailable', message: 'maintenance' }), {
        status: 503,
        headers: { 'retry-after': new Date(t0 + 30_000).toUTCString() },
      });
    const k = await kiosk({ fetch: fake, now: () => new Date(t0), random: () => 0.99 });
    k.writer.answers(1);
    const outcome = await k.engine.syncOnce();
    expect(outcome).toMatchObject({
      drained: false,
      retryInMs: 30_000,
      error: expect.stringMatching(/collector failed \(503\): maintenance/),
    });
    expect(k.engine.status().online).toBe(false);
  });
});
