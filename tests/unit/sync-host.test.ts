// Sync inside the kiosk host: started by a `collector` block, nudged by the writes that queue
// something, reported on the status the admin screen reads, and a config from the collector
// applied only when the renderer is back on its attract screen (never mid-survey).
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createKioskHost, type KioskHost } from '../../electron/core/host.ts';
import type { PublicKioskConfig } from '../../shared/config.ts';
import { attachConfig } from '../../server/kiosk-api/kiosk-configs.ts';
import { readAlerts, readAnswers } from '../../server/kiosk-api/read-back.ts';
import { hashPin } from '../../electron/core/pin.ts';
import { startCollector, type RunningCollector } from '../support/collector.ts';
import { DEMO_PIN, smallConfig, writeConfig } from '../support/config.ts';
import { readKiosk, waitFor } from '../support/sync-helpers.ts';
import { hostCall as call } from '../support/host-call.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir('lastword-sync-host-');
let collector: RunningCollector;
const hosts: KioskHost[] = [];
let n = 0;
let k = 0;
beforeAll(async () => {
  collector = await startCollector();
});
afterEach(() => hosts.splice(0).forEach((h) => h.close()));
afterAll(async () => {
  await collector.close();
  dir.remove();
});

function open(config: unknown) {
  const name = `host-${++k}`;
  const databasePath = join(dir.path, `${name}.sqlite`);
  const host = createKioskHost({
    configPath: writeConfig(dir.path, config, `${name}.json`),
    databasePath,
    appVersion: '1.2.3',
    actions: { reload: () => {}, exit: () => {} },
    log: () => {},
    sync: { tuning: { baseDelayMs: 20, maxDelayMs: 200 } },
  });
  hosts.push(host);
  return { host, databasePath };
}

/** A kiosk of its own on the collector (its own seq run), with the collector block. */
async function enrolled() {
  const kioskId = `sync-host-${++n}`;
  const token = await collector.enrol(kioskId);
  return {
    kioskId,
    config: { ...smallConfig(), kioskId, collector: { url: collector.url, token } },
  };
}

describe('kiosk host with sync', () => {
  it('without a collector block runs no engine and says sync is not configured', () => {
    const { host } = open(smallConfig());
    expect(host.sync).toBeNull();
    expect(host.status()).toMatchObject({
      online: null,
      lastSyncAt: null,
      deadLetters: 0,
      lastError: expect.stringMatching(/not configured/),
    });
  });

  it('sends an alert at once and a finished answer within a second, and reports it on the status', async () => {
    const { kioskId, config } = await enrolled();
    const { host } = open(config);
    await waitFor('online', () => host.status().online === true);
    const { answerId } = await call<{ answerId: string }>(host, 'startAnswer', {
      smiley: 1,
      language: 'en',
    });
    await waitFor(
      'the alert on the collector',
      async () =>
        (await readAlerts(collector.storage, kioskId)).some((a) => a.answerId === answerId),
      1_000,
      5,
    );
    const t0 = Date.now();
    await call(host, 'finishAnswer', { answerId, status: 'complete' });
    await waitFor(
      'the answer on the collector',
      async () => (await readAnswers(collector.storage, kioskId)).some((a) => a.id === answerId),
      1_000,
      5,
    );
    expect(Date.now() - t0).toBeLessThan(1_000);
    await waitFor('the reply settled', () => host.status().queueDepth === 0);
    expect(host.status()).toMatchObject({
      online: true,
      queueDepth: 0,
      deadLetters: 0,
      lastError: null,
      lastSyncAt: expect.any(String),
    });
  });

  it("fills the heartbeat's fleet fields from the host: its start, its disk and the last tap", async () => {
    const { config } = await enrolled();
    const before = Date.now();
    const { host } = open(config);
    await call(host, 'startAnswer', { smiley: 4, language: 'en' });
    const body = host.sync!.fleet.heartbeatBody();
    expect(body).toMatchObject({
      storageError: null,
      storageErrors: 0,
      deadLetters: 0,
      tapsToday: 1,
      lastTapAt: expect.any(String),
    });
    expect(Date.parse(body.startedAt!)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(body.lastTapAt!)).toBeGreaterThanOrEqual(Date.parse(body.startedAt!));
  });

  it('wakes sync after a step that queued something to send, and not after one that did not', async () => {
    const { config } = await enrolled();
    const { host } = open(config);
    const nudge = vi.spyOn(host.sync!, 'nudge');
    // A happy tap and a good NPS: a draft changes, nothing is queued to send.
    const { answerId } = await call<{ answerId: string }>(host, 'startAnswer', {
      smiley: 4,
      language: 'en',
    });
    await call(host, 'updateAnswer', { answerId, step: { nps: 9 } });
    expect(nudge).not.toHaveBeenCalled();
    // A low NPS raises an alert: queued, so sync is woken.
    await call(host, 'updateAnswer', { answerId, step: { nps: 2 } });
    expect(nudge).toHaveBeenCalledTimes(1);
    // The same answer cannot alert twice: nothing new to send.
    await call(host, 'updateAnswer', { answerId, step: { nps: 1 } });
    expect(nudge).toHaveBeenCalledTimes(1);
    await call(host, 'finishAnswer', { answerId, status: 'complete' });
    expect(nudge).toHaveBeenCalledTimes(2);
  });

  it('applies a config from the collector at the next getConfig with no survey open, keeping its own collector block', async () => {
    const { kioskId, config } = await enrolled();
    const { host, databasePath } = open(config);
    const remote = {
      ...smallConfig(),
      kioskId,
      branding: {
        ...smallConfig().branding,
        welcome: { en: 'Hello from the collector', et: 'Tere keskusest' },
      },
    };
    const { version } = await attachConfig(collector.storage, kioskId, remote, new Date());
    // The engine heartbeats at start; the heartbeat names the version; the engine pulls it.
    const { answerId } = await call<{ answerId: string }>(host, 'startAnswer', {
      smiley: 4,
      language: 'en',
    });
    await waitFor(
      'the config stored',
      () =>
        readKiosk(
          databasePath,
          `SELECT 1 FROM kiosk_state WHERE key = 'remote_config_etag' AND value = ?`,
          `"${version}"`,
        ).length === 1,
    );

    // Mid-survey: still the file's config.
    expect((await call<PublicKioskConfig>(host, 'getConfig', {})).branding.welcome.en).toBe(
      'How did we do?',
    );
    await call(host, 'finishAnswer', { answerId, status: 'complete' });
    // Back on the attract screen: the collector's.
    expect((await call<PublicKioskConfig>(host, 'getConfig', {})).branding.welcome.en).toBe(
      'Hello from the collector',
    );

    // Sync still works with the kiosk's own URL and token.
    const next = await call<{ answerId: string }>(host, 'startAnswer', {
      smiley: 4,
      language: 'en',
    });
    await call(host, 'finishAnswer', { answerId: next.answerId, status: 'partial' });
    await waitFor('the answer on the collector', async () =>
      (await readAnswers(collector.storage, kioskId)).some((a) => a.id === next.answerId),
    );
    expect(host.status()).toMatchObject({ deadLetters: 0 });
  });

  it('keeps its own admin PIN when the collector config carries another PIN hash', async () => {
    const { kioskId, config } = await enrolled();
    const { host, databasePath } = open(config);
    const remote = { ...smallConfig(), kioskId, idleTimeoutSeconds: 45 };
    remote.adminPinHash = hashPin('135790');
    const { version } = await attachConfig(collector.storage, kioskId, remote, new Date());
    await waitFor(
      'the config stored',
      () =>
        readKiosk(databasePath, `SELECT 1 FROM kiosk_state WHERE value = ?`, `"${version}"`)
          .length === 1,
    );
    expect((await call<PublicKioskConfig>(host, 'getConfig', {})).idleTimeoutSeconds).toBe(45);
    expect(await call(host, 'unlockAdmin', { pin: '135790' })).toMatchObject({ session: null });
    expect(await call(host, 'unlockAdmin', { pin: DEMO_PIN })).toMatchObject({
      session: expect.any(String),
    });
    // Not even stored: the kiosk database holds no PIN hash from the wire.
    expect(JSON.stringify(readKiosk(databasePath, 'SELECT value FROM kiosk_state'))).not.toMatch(
      /adminPinHash|scrypt/,
    );
  });

  it('applies a stored collector config at start', async () => {
    const { kioskId, config } = await enrolled();
    const first = open(config);
    const remote = { ...smallConfig(), kioskId, idleTimeoutSeconds: 90 };
    const { version } = await attachConfig(collector.storage, kioskId, remote, new Date());
    await waitFor(
      'the config stored',
      () =>
        readKiosk(first.databasePath, `SELECT 1 FROM kiosk_state WHERE value = ?`, `"${version}"`)
          .length === 1,
    );
    first.host.close();
    hosts.splice(hosts.indexOf(first.host), 1);
    const again = createKioskHost({
      configPath: writeConfig(dir.path, config, 'again.json'),
      databasePath: first.databasePath,
      appVersion: '1.2.3',
      actions: { reload: () => {}, exit: () => {} },
      log: () => {},
      sync: false,
    });
    hosts.push(again);
    expect((await call<PublicKioskConfig>(again, 'getConfig', {})).idleTimeoutSeconds).toBe(90);
  });
});
