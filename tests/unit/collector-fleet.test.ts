// The fleet side of sync protocol v1 through real HTTP: heartbeats, device clocks, the config a
// kiosk fetches with its ETag, and what the collector's log may and may not contain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KioskConfig } from '../../shared/config.ts';
import { ConfigReply, HeartbeatReply } from '../../shared/protocol.ts';
import { collectorLogger } from '../../server/log.ts';
import { attachConfig } from '../../server/kiosk-api/kiosk-configs.ts';
import { KioskError, listKiosks } from '../../server/kiosk-api/kiosks.ts';
import { answer, call, startCollector, type RunningCollector } from '../support/collector.ts';
import { smallConfig } from '../support/config.ts';

const clock = Date.parse('2026-11-23T09:00:00Z');
const now = () => new Date(clock);
const iso = (offsetMs = 0) => new Date(clock + offsetMs).toISOString();
const logLines: string[] = [];
let c: RunningCollector;

beforeAll(async () => {
  const logger = collectorLogger({ write: (line: string) => void logLines.push(line) }, 'debug');
  c = await startCollector({ now, logger });
});
afterAll(() => c.close());

const heartbeat = (overrides: Record<string, unknown> = {}) => ({
  kioskId: c.kioskId,
  appVersion: '1.2.3',
  queueDepth: 4,
  oldestUnsentAt: iso(-60_000),
  lastError: 'collector unreachable: ECONNREFUSED',
  deviceTime: iso(),
  ...overrides,
});
const kiosk = async (id = c.kioskId) => (await listKiosks(c.storage)).find((k) => k.id === id)!;

describe('collector: heartbeats', () => {
  it('keeps what the kiosk reports and answers with server time and config version', async () => {
    const reply = await call(c, 'POST', '/v1/heartbeat', heartbeat({ deviceTime: iso(1500) }));
    expect(reply.status).toBe(200);
    expect(HeartbeatReply.parse(reply.body)).toEqual({ serverTime: iso(), configVersion: null });
    expect(await kiosk()).toMatchObject({
      appVersion: '1.2.3',
      queueDepth: 4,
      oldestUnsentAt: iso(-60_000),
      lastError: 'collector unreachable: ECONNREFUSED',
      lastHeartbeatAt: iso(),
      lastSeenAt: iso(),
      clockSkewMs: 1500,
      clockFlagged: false,
    });
  });

  it.each([
    ['an unknown key', { battery: 80 }],
    ['a negative queue depth', { queueDepth: -1 }],
    ['a device time without a zone', { deviceTime: '2026-11-23T09:00:00' }],
  ])('answers 400 to %s', async (_what, overrides) => {
    expect((await call(c, 'POST', '/v1/heartbeat', heartbeat(overrides))).status).toBe(400);
  });

  it('answers 403 to a heartbeat for another kiosk', async () => {
    await c.enrol('neighbour');
    expect(
      (await call(c, 'POST', '/v1/heartbeat', heartbeat({ kioskId: 'neighbour' }))).status,
    ).toBe(403);
  });
});

describe('collector: device clocks', () => {
  it('flags a kiosk whose clock is off by more than 5 minutes and clears the flag when it is right again', async () => {
    await call(c, 'POST', '/v1/heartbeat', heartbeat({ deviceTime: iso(6 * 60_000) }));
    expect(await kiosk()).toMatchObject({ clockSkewMs: 360_000, clockFlagged: true });
    await call(c, 'POST', '/v1/heartbeat', heartbeat({ deviceTime: iso(4 * 60_000) }));
    expect(await kiosk()).toMatchObject({ clockSkewMs: 240_000, clockFlagged: false });
    const warnings = logLines.map((l) => JSON.parse(l)).filter((l) => /clock/.test(l.msg));
    expect(warnings.map((w) => [w.msg, w.clockSkewMs])).toEqual([
      ['kiosk clock is off by more than the tolerance', 360_000],
      ['kiosk clock is back within the tolerance', 240_000],
    ]);
  });

  it('keeps both the device time and the receive time of every answer, and flags by the batch clock', async () => {
    const late = answer(c.kioskId, 1, {
      startedAt: '2026-11-23T08:40:00+00:00',
      finalizedAt: '2026-11-23T10:41:00+02:00',
    });
    const reply = await call(c, 'POST', '/v1/answers', {
      kioskId: c.kioskId,
      sentAt: iso(-20 * 60_000),
      answers: [late],
    });
    expect(reply.status).toBe(200);
    const row = await c.storage.db
      .selectFrom('answers')
      .select(['started_at', 'finalized_at', 'device_sent_at', 'received_at'])
      .where('id', '=', late.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      started_at: '2026-11-23T08:40:00.000Z',
      finalized_at: '2026-11-23T08:41:00.000Z',
      device_sent_at: iso(-20 * 60_000),
      received_at: iso(),
    });
    expect(await kiosk()).toMatchObject({ clockSkewMs: -1_200_000, clockFlagged: true });
  });
});

describe('collector: GET /v1/config', () => {
  it('answers 404 while no config is attached', async () => {
    const reply = await call(c, 'GET', '/v1/config');
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ error: 'no_config' });
  });

  it('serves the attached config without the collector block, with an ETag, and 304 when unchanged', async () => {
    const config = smallConfig();
    const { version, droppedCollector } = await attachConfig(
      c.storage,
      c.kioskId,
      { ...config, collector: { url: 'https://collector.example', token: c.token } },
      now(),
    );
    expect(droppedCollector).toBe(true);

    const first = await call(c, 'GET', '/v1/config');
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe(`"${version}"`);
    const body = ConfigReply.parse(first.body);
    // As parsed when attached (the defaults of fields the file left out filled in), but without
    // the admin PIN hash: that stays on the device it was set for.
    const { adminPinHash, ...served } = KioskConfig.parse(config);
    expect(body).toEqual({ version, config: served });
    expect(JSON.stringify(first.body)).not.toContain(c.token);
    expect(JSON.stringify(first.body)).not.toContain(adminPinHash);

    for (const tag of [`"${version}"`, `W/"${version}"`, `"other", "${version}"`, '*']) {
      const again = await call(c, 'GET', '/v1/config', undefined, { 'if-none-match': tag });
      expect(again.status, tag).toBe(304);
      expect(again.body).toBeNull();
      expect(again.headers.get('etag')).toBe(`"${version}"`);
    }
    expect(
      (await call(c, 'GET', '/v1/config', undefined, { 'if-none-match': '"stale"' })).status,
    ).toBe(200);
    expect(
      HeartbeatReply.parse((await call(c, 'POST', '/v1/heartbeat', heartbeat())).body)
        .configVersion,
    ).toBe(version);

    const changed = await attachConfig(
      c.storage,
      c.kioskId,
      { ...config, idleTimeoutSeconds: 45 },
      now(),
    );
    expect(changed.version).not.toBe(version);
    const fresh = await call(c, 'GET', '/v1/config', undefined, {
      'if-none-match': `"${version}"`,
    });
    expect(fresh.status).toBe(200);
    expect(ConfigReply.parse(fresh.body).config.idleTimeoutSeconds).toBe(45);
  });

  it('serves each kiosk only its own config', async () => {
    const token = await c.enrol('config-less');
    expect((await call({ url: c.url, token }, 'GET', '/v1/config')).status).toBe(404);
  });

  it('refuses to attach an invalid config or one written for another kiosk', async () => {
    await expect(
      attachConfig(c.storage, c.kioskId, { ...smallConfig(), idleTimeoutSeconds: 1 }, now()),
    ).rejects.toThrow(/idleTimeoutSeconds/);
    await expect(attachConfig(c.storage, 'neighbour', smallConfig(), now())).rejects.toThrow(
      KioskError,
    );
    await expect(
      attachConfig(c.storage, 'nobody', { ...smallConfig(), kioskId: 'nobody' }, now()),
    ).rejects.toThrow(/enrol it first/);
  });
});

describe('collector: the log', () => {
  it('says what happened by counts and ids, never with tokens, comments or contact details', async () => {
    const secret = answer(c.kioskId, 2, {
      comment: 'SECRET-COMMENT-text',
      contact: { consentVersion: '2026-11', name: 'Mari Maasikas', email: 'mari@example.com' },
    });
    const bad = { ...answer(c.kioskId, 3, { comment: 'SECRET-COMMENT-bad' }), smiley: 99 };
    await call(c, 'POST', '/v1/answers', {
      kioskId: c.kioskId,
      sentAt: iso(),
      answers: [secret, bad],
    });
    await call(c, 'POST', '/v1/answers', {
      kioskId: c.kioskId,
      sentAt: iso(),
      answers: [secret],
      oops: 'SECRET-COMMENT-envelope',
    });
    await call(c, 'POST', '/v1/answers', '{"broken": "SECRET-COMMENT-json');
    await call(c, 'POST', '/v1/heartbeat', heartbeat(), { authorization: `Bearer ${c.token}x` });

    const log = logLines.join('');
    expect(log).toContain('"msg":"answers batch"');
    expect(
      logLines.map((l) => JSON.parse(l)).find((l) => l.msg === 'answers batch' && l.rejected === 1),
    ).toMatchObject({ kioskId: c.kioskId, stored: 1, duplicate: 0 });
    for (const forbidden of [c.token, 'SECRET-COMMENT', 'Mari', 'mari@example.com', 'Bearer'])
      expect(log).not.toContain(forbidden);
  });
});
