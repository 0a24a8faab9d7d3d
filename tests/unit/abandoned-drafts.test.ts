// A draft whose screen is gone is finished by the host: untouched for the idle timeout + the
// "Still there?" countdown + a margin, it becomes final as partial and goes to the collector, and
// a config the collector sent can then apply. A new first tap finishes an older open draft first.
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createKioskHost, type KioskHost } from '../../electron/core/host.ts';
import type { PublicKioskConfig } from '../../shared/config.ts';
import { attachConfig } from '../../server/kiosk-api/kiosk-configs.ts';
import { readAnswers } from '../../server/kiosk-api/read-back.ts';
import { startCollector } from '../support/collector.ts';
import { smallConfig, writeConfig } from '../support/config.ts';
import { fakeClock, type FakeClock } from '../support/fake-clock.ts';
import { readKiosk, waitFor } from '../support/sync-helpers.ts';
import { hostCall as call } from '../support/host-call.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir('lastword-abandoned-');
afterAll(() => dir.remove());
const hosts: KioskHost[] = [];
afterEach(() => hosts.splice(0).forEach((h) => h.close()));

/** idleTimeoutSeconds 30 (the small config) + 5 s countdown + 5 s margin. */
const DEADLINE_MS = 40_000;

let n = 0;
function open(clock: FakeClock | null, config: unknown = smallConfig()) {
  const name = `kiosk-${++n}`;
  const databasePath = join(dir.path, `${name}.sqlite`);
  const logged: string[] = [];
  const host = createKioskHost({
    configPath: writeConfig(dir.path, config, `${name}.json`),
    databasePath,
    appVersion: 'test',
    actions: { reload: () => {}, exit: () => {} },
    log: (_level, message) => logged.push(message),
    ...(clock && { now: clock.now, timers: clock.timers }),
  });
  hosts.push(host);
  const rows = () => readKiosk(databasePath, 'SELECT id, status FROM answers ORDER BY seq');
  const queued = () => readKiosk(databasePath, `SELECT ref_id FROM outbox WHERE kind = 'answer'`);
  return { host, rows, queued, logged, databasePath };
}

const start = (host: KioskHost) =>
  call<{ answerId: string }>(host, 'startAnswer', { smiley: 2, language: 'en' });

describe('a draft whose screen is gone', () => {
  it('is finished as partial by the host once untouched past the deadline, and queued', async () => {
    const clock = fakeClock();
    const k = open(clock);
    const { answerId } = await start(k.host);
    clock.advance(DEADLINE_MS - 1);
    expect(k.rows()).toEqual([{ id: answerId, status: 'draft' }]);
    clock.advance(1);
    expect(k.rows()).toEqual([{ id: answerId, status: 'partial' }]);
    expect(k.queued()).toEqual([{ ref_id: answerId }]);
    const finishedLog = () =>
      k.logged.filter((m) => m === 'answers the screen left open were finished as partial');
    expect(finishedLog()).toHaveLength(1);
    clock.advance(DEADLINE_MS * 10);
    expect(finishedLog()).toHaveLength(1);
  });

  it('is never finished while the screen keeps touching it, by steps or keep-alives', async () => {
    const clock = fakeClock();
    const k = open(clock);
    const { answerId } = await start(k.host);
    clock.advance(30_000);
    await call(k.host, 'updateAnswer', { answerId, step: { nps: 3 } });
    // A customer typing a long comment: only the screen's keep-alive reaches the host.
    for (let i = 0; i < 120; i++) {
      clock.advance(5_000);
      await call(k.host, 'touchAnswer', { answerId });
    }
    expect(k.rows()).toEqual([{ id: answerId, status: 'draft' }]);
    await call(k.host, 'updateAnswer', { answerId, step: { comment: 'a long story' } });
    clock.advance(DEADLINE_MS);
    expect(k.rows()).toEqual([{ id: answerId, status: 'partial' }]);
    expect(await k.host.handle('touchAnswer', { answerId })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });

  it('is finished first when the next customer taps a face', async () => {
    const clock = fakeClock();
    const k = open(clock);
    const lost = await start(k.host);
    clock.advance(12_000);
    const next = await start(k.host);
    expect(k.rows()).toEqual([
      { id: lost.answerId, status: 'partial' },
      { id: next.answerId, status: 'draft' },
    ]);
    expect(k.queued()).toEqual([{ ref_id: lost.answerId }]);
    // The next customer's answer has its own deadline, from their tap.
    clock.advance(DEADLINE_MS - 1);
    expect(k.rows()[1]).toEqual({ id: next.answerId, status: 'draft' });
    clock.advance(1);
    expect(k.rows()[1]).toEqual({ id: next.answerId, status: 'partial' });
  });

  it('reaches a real collector within the deadline, and the collector config applies after', async () => {
    const collector = await startCollector({ kioskId: 'abandoned-real' });
    try {
      // The shortest idle timeout a config allows: a 20 s deadline.
      const config = {
        ...smallConfig(),
        kioskId: collector.kioskId,
        idleTimeoutSeconds: 10,
        collector: { url: collector.url, token: collector.token },
      };
      const remote = { ...smallConfig(), kioskId: collector.kioskId, idleTimeoutSeconds: 90 };
      const { version } = await attachConfig(
        collector.storage,
        collector.kioskId,
        remote,
        new Date(),
      );
      const k = open(null, config);
      const t0 = Date.now();
      const { answerId } = await start(k.host);
      await waitFor(
        'the config pulled',
        () =>
          readKiosk(k.databasePath, `SELECT 1 FROM kiosk_state WHERE value = ?`, `"${version}"`)
            .length === 1,
      );
      // The screen is gone: nobody calls the host again until it comes back.
      await waitFor(
        'the abandoned answer on the collector',
        async () =>
          (await readAnswers(collector.storage, collector.kioskId)).some(
            (a) => a.id === answerId && a.status === 'partial',
          ),
        30_000,
        100,
      );
      const took = Date.now() - t0;
      expect(took).toBeGreaterThanOrEqual(20_000);
      expect(took).toBeLessThan(20_000 + 5_000);
      // The screen comes back and asks for its config: no draft is open, so the collector's applies.
      expect((await call<PublicKioskConfig>(k.host, 'getConfig', {})).idleTimeoutSeconds).toBe(90);
    } finally {
      await collector.close();
    }
  }, 60_000);
});
