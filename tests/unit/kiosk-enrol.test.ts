// `npm run kiosk -- enrol` as IT scripts it, a real process against a real collector on loopback:
// the code becomes a config file only the kiosk's user can read (0600), with a token the
// collector accepts and the PIN given on stdin; a wrong or spent code writes nothing and says
// why, and a kiosk that has a config already is left as it is.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKioskConfig } from '../../electron/core/config-file.ts';
import { verifyPin } from '../../electron/core/pin.ts';
import { ConfigReply } from '../../shared/protocol.ts';
import { createEnrolmentCode } from '../../server/kiosk-api/enrolment-codes.ts';
import { COMMAND_LINE } from '../../server/staff/audit.ts';
import { attachConfig } from '../../server/kiosk-api/kiosk-configs.ts';
import { call, startCollector, type RunningCollector } from '../support/collector.ts';
import { smallConfig } from '../support/config.ts';
import { tempDir } from '../support/tmp.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const PIN = '135792';
const { LASTWORD_CONFIG: _config, ...env } = process.env;

function kioskCli(dataDir: string, args: string[], stdin: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['scripts/tasks/kiosk.ts', 'enrol', ...args], {
      cwd: ROOT,
      env: { ...env, LASTWORD_DATA_DIR: dataDir },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('npm run kiosk -- enrol', () => {
  let collector: RunningCollector;
  const dir = tempDir('lastword-kiosk-enrol-');
  const code = async () =>
    (
      await createEnrolmentCode(
        collector.storage,
        { location: 'Test store', touchpoint: 'Desk 2', by: COMMAND_LINE },
        new Date(),
      )
    ).code;

  beforeAll(async () => {
    collector = await startCollector();
    await attachConfig(
      collector.storage,
      collector.kioskId,
      { ...smallConfig(), kioskId: collector.kioskId },
      new Date(),
    );
  });
  afterAll(async () => {
    await collector?.close();
    dir.remove();
  });

  it('writes a private config with a working token and the PIN from stdin', async () => {
    const data = join(dir.path, 'first');
    const r = await kioskCli(data, ['--collector', collector.url, '--code', await code()], PIN);
    expect(r.code, r.stderr).toBe(0);
    const file = join(data, 'kiosk.json');
    expect(r.stdout).toContain(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const loaded = loadKioskConfig(file);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    expect(loaded.config).toMatchObject({ location: 'Test store', touchpoint: 'Desk 2' });
    expect(verifyPin(PIN, loaded.config.adminPinHash)).toBe(true);
    const reply = await call(
      { url: collector.url, token: loaded.config.collector!.token },
      'GET',
      '/v1/config',
    );
    expect(ConfigReply.parse(reply.body).config.kioskId).toBe(loaded.config.kioskId);

    const before = readFileSync(file, 'utf8');
    const again = await kioskCli(data, ['--collector', collector.url, '--code', await code()], PIN);
    expect([again.code, again.stderr]).toEqual([1, expect.stringContaining('already_enrolled')]);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('writes nothing for a wrong or spent code, and says which', async () => {
    const data = join(dir.path, 'wrong');
    const wrong = await kioskCli(data, ['--collector', collector.url, '--code', 'ZZZZ-ZZZZ'], PIN);
    expect([wrong.code, wrong.stderr]).toEqual([
      1,
      expect.stringContaining('enrolment_code_unknown'),
    ]);
    const spent = await code();
    expect(
      (await kioskCli(join(dir.path, 'a'), ['--collector', collector.url, '--code', spent], PIN))
        .code,
    ).toBe(0);
    const late = await kioskCli(data, ['--collector', collector.url, '--code', spent], PIN);
    expect([late.code, late.stderr]).toEqual([1, expect.stringContaining('enrolment_code_used')]);
    expect(existsSync(join(data, 'kiosk.json'))).toBe(false);
  });

  it('refuses a bad PIN and a missing flag before asking the collector', async () => {
    const data = join(dir.path, 'bad');
    const pin = await kioskCli(data, ['--collector', collector.url, '--code', 'ABCD-EFGH'], '12');
    expect([pin.code, pin.stderr]).toEqual([2, expect.stringContaining('PIN must be 6-12 digits')]);
    expect((await kioskCli(data, ['--code', 'ABCD-EFGH'], PIN)).code).toBe(2);
    const plain = await kioskCli(
      data,
      ['--collector', 'http://collector.example.com', '--code', 'ABCD-EFGH'],
      PIN,
    );
    expect([plain.code, plain.stderr]).toEqual([1, expect.stringContaining('https://')]);
    expect(existsSync(join(data, 'kiosk.json'))).toBe(false);
  });
});
