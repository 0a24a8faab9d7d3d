// The engine running on its own timers, as in the kiosk: a new answer goes out on the nudge
// while online, a kiosk that lost the collector keeps its queue and says so, and the backlog
// drains by itself once the collector is back.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncEngine } from '../../electron/core/sync/engine.ts';
import { readAnswers } from '../../server/kiosk-api/read-back.ts';
import { startCollector, type RunningCollector } from '../support/collector.ts';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.ts';
import { kioskWriter } from '../support/outbox.ts';
import { waitFor } from '../support/sync-helpers.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir('lastword-sync-loop-');
let collector: RunningCollector;
let proxy: FaultProxy;
beforeAll(async () => {
  collector = await startCollector();
  proxy = await startFaultProxy({ target: collector.url });
});
afterAll(async () => {
  await proxy.close();
  await collector.close();
  dir.remove();
});

const held = async () => (await readAnswers(collector.storage, collector.kioskId)).map((a) => a.id);

describe('sync engine: running', () => {
  it('sends a new answer on the nudge while online, and drains a backlog after an outage', async () => {
    const databasePath = join(dir.path, 'kiosk.sqlite');
    const writer = kioskWriter(databasePath);
    const engine = new SyncEngine({
      databasePath,
      kioskId: collector.kioskId,
      collector: { url: proxy.url, token: collector.token },
      appVersion: 't',
      tuning: { baseDelayMs: 50, maxDelayMs: 400, heartbeatMs: 60_000 },
    });
    try {
      engine.start();
      await waitFor('the first (empty) pass', () => engine.status().online === true);

      // Online: the nudge sends a new answer at once, not the safety-net pass a heartbeat later
      // (60 s). How fast is bench/alert-latency.ts's business; the bound here only has to tell
      // the nudge from the timer, with room for a loaded CI machine.
      const [first] = writer.answers(1);
      const t0 = Date.now();
      engine.nudge();
      await waitFor(
        'the answer on the collector',
        async () => (await held()).includes(first!),
        15_000,
        5,
      );
      const latencyMs = Date.now() - t0;

      // The collector goes away: the failed request is the offline signal, and the queue stays.
      proxy.setDown(true);
      const backlog = writer.answers(700);
      engine.nudge();
      await waitFor('offline', () => engine.status().online === false);
      expect(engine.status()).toMatchObject({
        queueDepth: 700,
        lastError: expect.stringMatching(/cannot reach the collector/),
      });
      const failedTries = proxy.counts.reset;
      await waitFor('a few backoff ticks', () => proxy.counts.reset >= failedTries + 3);

      // Back: the next backoff tick drains everything, in order, without any nudge.
      proxy.setDown(false);
      await waitFor('the backlog drained', () => engine.status().queueDepth === 0, 30_000);
      expect(await held()).toEqual([first, ...backlog]);
      expect(engine.status()).toMatchObject({
        online: true,
        lastError: null,
        deadLetters: 0,
        nextAttemptAt: null,
      });
      console.log(
        `sync loop: new answer on the collector ${latencyMs} ms after its nudge; ${proxy.counts.reset} refused tries while offline`,
      );
    } finally {
      await engine.stop();
      writer.close();
    }
  });
});
