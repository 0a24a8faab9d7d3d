// Retention on the kiosk (GDPR): what the collector has settled is purged after the retention
// period (30 days by default), counted from when it was settled: acknowledged answers and alerts
// with their outbox rows, dead letters with what they stand for, moved-aside corrupt copies.
// Nothing the collector has not settled is ever purged. Real SQLite, a real collector, kiosk
// time on a fake clock.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createKioskHost, type KioskHost } from '../../electron/core/host.ts';
import { startCollector, type RunningCollector } from '../support/collector.ts';
import { smallConfig, writeConfig } from '../support/config.ts';
import { fakeClock, type FakeClock } from '../support/fake-clock.ts';
import { readKiosk, waitFor } from '../support/sync-helpers.ts';
import { hostCall as call } from '../support/host-call.ts';
import { tempDir } from '../support/tmp.ts';

const DAY = 24 * 60 * 60_000;
const dir = tempDir('lastword-retention-');
let collector: RunningCollector;
const hosts: KioskHost[] = [];
beforeAll(async () => {
  collector = await startCollector({ kioskId: 'retention-kiosk' });
});
afterEach(() => hosts.splice(0).forEach((h) => h.close()));
afterAll(async () => {
  await collector.close();
  dir.remove();
});

function open(name: string, clock: FakeClock, config: unknown, sync: boolean) {
  const databasePath = join(dir.path, name, 'kiosk.sqlite');
  const host = createKioskHost({
    configPath: writeConfig(dir.path, config, `${name}.json`),
    databasePath,
    appVersion: 'test',
    actions: { reload: () => {}, exit: () => {} },
    log: () => {},
    now: clock.now,
    timers: clock.timers,
    sync: sync && { tuning: { baseDelayMs: 20, maxDelayMs: 200 } },
  });
  hosts.push(host);
  const read = (sql: string) => readKiosk(databasePath, sql);
  return { host, databasePath, read };
}

async function answer(host: KioskHost, smiley: number, step?: Record<string, unknown>) {
  const { answerId } = await call<{ answerId: string }>(host, 'startAnswer', {
    smiley,
    language: 'en',
  });
  if (step) await call(host, 'updateAnswer', { answerId, step });
  await call(host, 'finishAnswer', { answerId, status: 'complete' });
  return answerId;
}

describe('retention on the kiosk', () => {
  it('purges what the collector settled more than 30 days ago, and only that', async () => {
    const clock = fakeClock();
    const config = {
      ...smallConfig(),
      kioskId: collector.kioskId,
      collector: { url: collector.url, token: collector.token },
    };
    // A corrupt database from before: moved aside at the first start, and kept for a while.
    const name = 'synced';
    const databaseDir = join(dir.path, name);
    mkdirSync(databaseDir);
    writeFileSync(join(databaseDir, 'kiosk.sqlite'), 'not a database'.repeat(500));
    const k = open(name, clock, config, true);
    const corruptCopies = () => readdirSync(databaseDir).filter((f) => f.includes('.corrupt-'));
    expect(corruptCopies()).toHaveLength(1);

    // Day 0: an unhappy answer with its alert, and one whose comment can never be sent (NUL).
    await answer(k.host, 1);
    const unsendable = await answer(k.host, 3, { comment: 'nul \u0000 inside' });
    await waitFor('day 0 settled', () => k.host.status().queueDepth === 0);
    expect(k.read(`SELECT ref_id FROM dead_letters`)).toEqual([{ ref_id: unsendable }]);

    // Day 29: another answer, acknowledged then.
    clock.advance(29 * DAY);
    expect(k.read(`SELECT count(*) AS n FROM answers`)).toEqual([{ n: 2 }]);
    const recent = await answer(k.host, 4);
    await waitFor('day 29 settled', () => k.host.status().queueDepth === 0);

    // Day 30, within the hour: day 0 is gone, day 29 stays.
    clock.advance(DAY + 60 * 60_000);
    expect(k.read(`SELECT id FROM answers`)).toEqual([{ id: recent }]);
    expect(k.read(`SELECT ref_id FROM outbox`)).toEqual([{ ref_id: recent }]);
    expect(k.read(`SELECT count(*) AS n FROM alerts`)).toEqual([{ n: 0 }]);
    expect(k.read(`SELECT count(*) AS n FROM dead_letters`)).toEqual([{ n: 0 }]);
    expect(corruptCopies()).toEqual([]);
    // A seq is never handed out twice, purge or not.
    await answer(k.host, 4);
    expect(k.read(`SELECT seq FROM answers ORDER BY seq`)).toEqual([{ seq: 3 }, { seq: 4 }]);
  }, 30_000);

  it('never purges an answer the collector has not acknowledged, long past the period', async () => {
    const clock = fakeClock();
    const k = open('unsent', clock, { ...smallConfig(), retentionDays: 1 }, false);
    const kept = await answer(k.host, 2);
    clock.advance(10 * DAY);
    expect(k.read(`SELECT id, status FROM answers`)).toEqual([{ id: kept, status: 'complete' }]);
    expect(k.read(`SELECT kind, sent_at FROM outbox ORDER BY lane`)).toEqual([
      { kind: 'alert', sent_at: null },
      { kind: 'answer', sent_at: null },
    ]);
  });
});
