// Heartbeat and config pull against the real collector: what the heartbeat carries, and the
// config's ETag round trip (200, then 304 while unchanged, then 200 when the heartbeat names a
// new version).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncEngine } from '../../electron/core/sync/engine.ts';
import { HeartbeatRequest } from '../../shared/protocol.ts';
import { attachConfig } from '../../server/kiosk-api/kiosk-configs.ts';
import { listKiosks } from '../../server/kiosk-api/kiosks.ts';
import { startCollector, type RunningCollector } from '../support/collector.ts';
import { smallConfig } from '../support/config.ts';
import { kioskWriter } from '../support/outbox.ts';
import { readKiosk, recordingFetch } from '../support/sync-helpers.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir('lastword-sync-fleet-');
let collector: RunningCollector;
beforeAll(async () => {
  collector = await startCollector();
});
afterAll(async () => {
  await collector.close();
  dir.remove();
});

const T = Date.parse('2026-11-23T09:00:00Z');

describe('sync engine: heartbeat', () => {
  it('reports app version, queue, dead letters, disk, start, last tap, taps today and the device clock', async () => {
    const databasePath = join(dir.path, 'hb.sqlite');
    let clock = T;
    const writer = kioskWriter(databasePath, { at: () => new Date(clock) });
    writer.answers(3);
    clock += 60_000;
    writer.answers(2);
    writer.close();
    const rec = recordingFetch();
    const engine = new SyncEngine({
      databasePath,
      kioskId: collector.kioskId,
      collector: { url: collector.url, token: collector.token },
      appVersion: '2.4.1',
      now: () => new Date(T + 90_000),
      fetch: rec.fetch,
      otherError: () => 'storage failed (SQLITE_FULL): database or disk is full',
      storage: () => ({
        error: 'storage failed (SQLITE_FULL): database or disk is full',
        failures: 3,
      }),
      startedAt: new Date(T - 3_600_000),
    });
    try {
      expect(await engine.fleet.heartbeat()).toBe(true);
      const body = HeartbeatRequest.parse(rec.requests[0]!.body);
      expect(rec.requests[0]!.path).toBe('/v1/heartbeat');
      expect(body).toEqual({
        kioskId: collector.kioskId,
        appVersion: '2.4.1',
        queueDepth: 5,
        oldestUnsentAt: new Date(T).toISOString(),
        lastError: 'storage failed (SQLITE_FULL): database or disk is full',
        deviceTime: new Date(T + 90_000).toISOString(),
        deadLetters: 0,
        storageError: 'storage failed (SQLITE_FULL): database or disk is full',
        storageErrors: 3,
        startedAt: new Date(T - 3_600_000).toISOString(),
        lastTapAt: new Date(T + 60_000).toISOString(),
        tapsToday: 5,
      });
      const seen = (await listKiosks(collector.storage)).find((k) => k.id === collector.kioskId)!;
      expect(seen).toMatchObject({
        appVersion: '2.4.1',
        queueDepth: 5,
        oldestUnsentAt: new Date(T).toISOString(),
        lastError: body.lastError,
      });
      expect(engine.status()).toMatchObject({ online: true });
    } finally {
      await engine.stop();
    }
  });
});

/** A config as the kiosk stores it: as served, less the PIN hash (the kiosk keeps its own). */
function storedAs(served: string): string {
  const { adminPinHash: _own, ...rest } = JSON.parse(served) as Record<string, unknown>;
  return JSON.stringify(rest);
}

describe('sync engine: config pull', () => {
  it('fetches a new config once, then gets 304 for it, and fetches again when the heartbeat names a new version', async () => {
    const databasePath = join(dir.path, 'config.sqlite');
    kioskWriter(databasePath).close();
    const rec = recordingFetch();
    const engine = new SyncEngine({
      databasePath,
      kioskId: collector.kioskId,
      collector: { url: collector.url, token: collector.token },
      appVersion: 't',
      fetch: rec.fetch,
    });
    const state = () =>
      Object.fromEntries(
        readKiosk<{ key: string; value: string }>(
          databasePath,
          `SELECT key, value FROM kiosk_state WHERE key LIKE 'remote_config%'`,
        ).map((r) => [r.key, r.value]),
      );
    try {
      expect(await engine.fleet.pullConfig()).toBe('none');

      const first = await attachConfig(
        collector.storage,
        collector.kioskId,
        { ...smallConfig(), idleTimeoutSeconds: 45 },
        new Date(),
      );
      expect(await engine.fleet.heartbeat()).toBe(true);
      expect(
        rec.requests.map(
          (r) => `${r.method} ${r.path} ${r.headers['if-none-match'] ?? '-'} ${r.status}`,
        ),
      ).toEqual(['GET /v1/config - 404', 'POST /v1/heartbeat - 200', 'GET /v1/config - 200']);
      expect(state()).toEqual({
        remote_config_etag: `"${first.version}"`,
        remote_config: storedAs(first.body),
      });

      // Unchanged: the heartbeat names the version we hold, so no GET; an explicit pull gets 304.
      await engine.fleet.heartbeat();
      expect(await engine.fleet.pullConfig()).toBe('unchanged');
      expect(
        rec.requests
          .slice(3)
          .map((r) => `${r.method} ${r.path} ${r.headers['if-none-match'] ?? '-'} ${r.status}`),
      ).toEqual(['POST /v1/heartbeat - 200', `GET /v1/config "${first.version}" 304`]);

      const second = await attachConfig(
        collector.storage,
        collector.kioskId,
        { ...smallConfig(), idleTimeoutSeconds: 60 },
        new Date(),
      );
      await engine.fleet.heartbeat();
      expect(
        rec.requests
          .slice(5)
          .map((r) => `${r.method} ${r.path} ${r.headers['if-none-match'] ?? '-'} ${r.status}`),
      ).toEqual(['POST /v1/heartbeat - 200', `GET /v1/config "${first.version}" 200`]);
      expect(state()).toEqual({
        remote_config_etag: `"${second.version}"`,
        remote_config: storedAs(second.body),
      });
    } finally {
      await engine.stop();
    }
  });
});
