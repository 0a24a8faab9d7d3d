// Enrolment inside the kiosk host, against a real collector on loopback: a kiosk with no config
// file says so (not_found, for the setup screen), a wrong code is an outcome with its reason and
// writes nothing, and a right one writes a private config and the kiosk runs with it at once,
// sync included: the first answer reaches the collector without a restart.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKioskHost, type KioskHost } from '../../electron/core/host.ts';
import type { EnrolOutcome } from '../../shared/enrolment.ts';
import type { PublicKioskConfig } from '../../shared/config.ts';
import type { BridgeResult } from '../../shared/result.ts';
import { createEnrolmentCode } from '../../server/kiosk-api/enrolment-codes.ts';
import { COMMAND_LINE } from '../../server/staff/audit.ts';
import { attachConfig } from '../../server/kiosk-api/kiosk-configs.ts';
import { readAnswers } from '../../server/kiosk-api/read-back.ts';
import { startCollector, type RunningCollector } from '../support/collector.ts';
import { smallConfig } from '../support/config.ts';
import { hostCall as call } from '../support/host-call.ts';
import { waitFor } from '../support/sync-helpers.ts';
import { tempDir } from '../support/tmp.ts';

const PIN = '975310';
const dir = tempDir('lastword-host-enrol-');
let collector: RunningCollector;
let host: KioskHost;
const configPath = join(dir.path, 'data', 'kiosk.json');

beforeAll(async () => {
  collector = await startCollector();
  await attachConfig(
    collector.storage,
    collector.kioskId,
    { ...smallConfig(), kioskId: collector.kioskId },
    new Date(),
  );
  host = createKioskHost({
    configPath,
    databasePath: join(dir.path, 'kiosk.sqlite'),
    appVersion: '1.2.3',
    actions: { reload: () => {}, exit: () => {} },
    log: () => {},
    sync: { tuning: { baseDelayMs: 20, maxDelayMs: 200 } },
  });
});
afterAll(async () => {
  host?.close();
  await collector?.close();
  dir.remove();
});

const code = async () =>
  (
    await createEnrolmentCode(
      collector.storage,
      { location: 'Test store', touchpoint: 'Desk 2', by: COMMAND_LINE },
      new Date(),
    )
  ).code;

describe('kiosk host enrolment', () => {
  it('says a kiosk without a config needs setting up', async () => {
    const reply = (await host.handle('getConfig', {})) as BridgeResult<unknown>;
    expect(reply.ok ? null : reply.error.code).toBe('not_found');
    expect(host.sync).toBeNull();
  });

  it('turns a wrong code into its reason and writes nothing', async () => {
    const outcome = await call<EnrolOutcome>(host, 'enrol', {
      collector: collector.url,
      code: 'zzzz zzzz',
      pin: PIN,
    });
    expect(outcome).toMatchObject({ ok: false, reason: 'enrolment_code_unknown' });
    expect(existsSync(configPath)).toBe(false);
    const bad = await host.handle('enrol', { collector: collector.url, code: 'x', pin: '12' });
    expect(bad.ok ? null : bad.error.code).toBe('invalid_request');
  });

  it('runs with the config at once, and the first answer reaches the collector', async () => {
    const outcome = await call<EnrolOutcome>(host, 'enrol', {
      collector: collector.url,
      code: (await code()).toLowerCase(),
      pin: PIN,
    });
    if (!outcome.ok) throw new Error(outcome.message);
    expect(statSync(configPath).mode & 0o777).toBe(0o600);
    const config = await call<PublicKioskConfig>(host, 'getConfig', {});
    expect(config).toMatchObject({ kioskId: outcome.kioskId, touchpoint: 'Desk 2' });
    expect(host.sync).not.toBeNull();
    const { answerId } = await call<{ answerId: string }>(host, 'startAnswer', {
      smiley: 4,
      language: 'en',
    });
    await call(host, 'finishAnswer', { answerId, status: 'partial' });
    await waitFor(
      'the answer on the collector',
      async () =>
        (await readAnswers(collector.storage, outcome.kioskId)).some((a) => a.id === answerId),
      30_000,
    );
    const unlocked = await call<{ session: string | null }>(host, 'unlockAdmin', { pin: PIN });
    expect(unlocked.session).not.toBeNull();

    const again = await call<EnrolOutcome>(host, 'enrol', {
      collector: collector.url,
      code: await code(),
      pin: PIN,
    });
    expect(again).toMatchObject({ ok: false, reason: 'already_enrolled' });
  });
});
