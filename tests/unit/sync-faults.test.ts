// The fault test: the real sync engine sends to a real collector through a proxy that injects
// 5xx replies, hangs until the client times out, connection resets, and replies lost after the
// collector committed, while answers keep arriving. Throughout, every answer the kiosk counts as
// acknowledged is on the collector; at the end the collector holds exactly the kiosk's answers,
// none missing, none twice, and the backlog (built up in a last stretch where nearly every
// request fails) drains once the faults stop.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncEngine } from '../../electron/core/sync/engine.ts';
import { readAlerts, readAnswers } from '../../server/kiosk-api/read-back.ts';
import { listKiosks } from '../../server/kiosk-api/kiosks.ts';
import { startCollector, type RunningCollector } from '../support/collector.ts';
import { FAULT_KINDS, startFaultProxy, type FaultProxy } from '../support/fault-proxy.ts';
import { kioskWriter } from '../support/outbox.ts';
import { readKiosk, waitFor } from '../support/sync-helpers.ts';
import { tempDir } from '../support/tmp.ts';

const ANSWERS = 10_000;
const CHUNK = 5;
const FAULT_RATE = 0.4;
/** The last answers arrive during a bad stretch (nearly every request fails): a real backlog. */
const BAD_STRETCH = 3_000;
const BAD_RATE = 0.95;

const dir = tempDir('lastword-sync-faults-');
const databasePath = join(dir.path, 'kiosk.sqlite');
let collector: RunningCollector;
let proxy: FaultProxy;
beforeAll(async () => {
  collector = await startCollector();
  proxy = await startFaultProxy({ target: collector.url, rate: FAULT_RATE, seed: 20261123 });
});
afterAll(async () => {
  await proxy.close();
  await collector.close();
  dir.remove();
});

const acked = (kind: 'answer' | 'alert') =>
  readKiosk<{ ref_id: string }>(
    databasePath,
    'SELECT ref_id FROM outbox WHERE kind = ? AND sent_at IS NOT NULL',
    kind,
  ).map((r) => r.ref_id);

/** Acknowledged on the kiosk but not on the collector, and rows on the collector beyond one per kiosk item. */
async function compare(): Promise<{ missing: string[]; duplicated: number; stored: string[] }> {
  // The kiosk first: it only acknowledges what the collector already committed.
  const answersAcked = acked('answer');
  const alertsAcked = acked('alert');
  const answers = (await readAnswers(collector.storage, collector.kioskId)).map((a) => a.id);
  const alerts = (await readAlerts(collector.storage, collector.kioskId)).map((a) => a.id);
  const stored = new Set([...answers, ...alerts]);
  return {
    missing: [...answersAcked, ...alertsAcked].filter((id) => !stored.has(id)),
    duplicated: answers.length + alerts.length - stored.size,
    stored: answers,
  };
}

describe('sync through a faulty network', () => {
  it(
    `delivers ${ANSWERS} answers exactly once through 5xx, hangs, resets and lost replies`,
    { timeout: 300_000 },
    async () => {
      const writer = kioskWriter(databasePath, {
        kioskId: collector.kioskId,
        chunk: CHUNK,
        alertEvery: 97,
      });
      const engine = new SyncEngine({
        databasePath,
        kioskId: collector.kioskId,
        collector: { url: proxy.url, token: collector.token },
        appVersion: 'fault-test',
        tuning: {
          requestTimeoutMs: 200,
          baseDelayMs: 5,
          maxDelayMs: 50,
          nudgeDebounceMs: 5,
          heartbeatMs: 250,
        },
        log: () => {},
      });
      const ids: string[] = [];
      try {
        engine.start();
        // Customers keep coming while the network misbehaves; now and then, check the invariant.
        for (let i = 0; ids.length < ANSWERS; i++) {
          if (ids.length === ANSWERS - BAD_STRETCH) proxy.setRate(BAD_RATE);
          ids.push(...writer.answers(CHUNK));
          engine.nudge();
          await new Promise((r) => setTimeout(r, 2 + (i % 5)));
          if (i % 200 === 199) expect((await compare()).missing).toEqual([]);
        }
        const alertIds = readKiosk<{ id: string }>(databasePath, 'SELECT id FROM alerts').map(
          (r) => r.id,
        );
        const backlog = engine.status().queueDepth;

        proxy.setRate(0);
        const t0 = performance.now();
        await waitFor('the backlog to drain', () => engine.status().queueDepth === 0, 60_000);
        const drainedIn = (performance.now() - t0) / 1000;

        const end = await compare();
        expect(end.missing).toEqual([]);
        expect(end.duplicated).toBe(0);
        expect(end.stored).toEqual(ids); // every answer, once, in seq order
        expect(acked('answer').sort()).toEqual([...ids].sort());
        expect(
          (await readAlerts(collector.storage, collector.kioskId)).map((a) => a.id).sort(),
        ).toEqual(alertIds.sort());
        expect(acked('alert').length).toBe(alertIds.length);
        expect(readKiosk(databasePath, 'SELECT count(*) AS n FROM dead_letters')).toEqual([
          { n: 0 },
        ]);
        const seen = (await listKiosks(collector.storage)).find((k) => k.id === collector.kioskId)!;
        expect(seen.highestContiguousSeq).toBe(ANSWERS);

        const faults = FAULT_KINDS.reduce((n, k) => n + proxy.counts[k], 0);
        console.log(
          `sync faults: ${ids.length} answers, ${faults} injected faults (${FAULT_KINDS.map((k) => `${k} ${proxy.counts[k]}`).join(', ')}), ` +
            `${end.missing.length} missing, ${end.duplicated} duplicated, drained in ${drainedIn.toFixed(2)} s ` +
            `(+ ${alertIds.length} alerts; ${proxy.counts.pass} requests passed; backlog ${backlog} when the faults stopped)`,
        );
        for (const k of FAULT_KINDS)
          expect(proxy.counts[k], `${k} faults injected`).toBeGreaterThan(20);
      } finally {
        await engine.stop();
        writer.close();
      }
    },
  );
});
