// The update commands as an operator runs them (`node server/cli.ts`, a real process on a SQLite
// file): publishing electron-builder's output, widening the rollout, and the mistakes that must
// change nothing, with a message that says what was wrong.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { adminCli } from '../support/admin-cli.ts';
import { builderOutput } from '../support/builder-output.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir('lastword-updates-cli-');
const env = {
  ...process.env,
  LASTWORD_DB: join(dir.path, 'collector.sqlite'),
  LASTWORD_UPDATES_DIR: join(dir.path, 'updates'),
  DATABASE_URL: '',
};
const cli = (...args: string[]) => adminCli(env, args);
afterAll(() => dir.remove());

describe('collector-admin update commands', () => {
  const build = builderOutput(dir.path, '2.1.0');

  it('refuses a 140 % rollout before touching anything', () => {
    const run = cli('publish-update', build.dir, '--channel', 'stable', '--percent', '140');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('rollout percent must be a whole number from 0 to 100, not 140');
    expect(existsSync(env.LASTWORD_DB)).toBe(false);
    expect(existsSync(env.LASTWORD_UPDATES_DIR)).toBe(false);
  });

  it('publishes to 10 %, widens to 50 %, and keeps 50 % when asked for 140', () => {
    const published = cli('publish-update', build.dir, '--channel', 'stable', '--percent', '10');
    expect(published.stderr).toBe('');
    expect(published.stdout).toMatch(/^published 2\.1\.0 on stable to 10% of its kiosks/);
    expect(existsSync(join(env.LASTWORD_UPDATES_DIR, '2.1.0', 'Lastword-2.1.0.AppImage'))).toBe(
      true,
    );
    expect(cli('rollout', '2.1.0', '--percent', '50').code).toBe(0);
    const refused = cli('rollout', '2.1.0', '--percent', '140');
    expect(refused.code).toBe(1);
    expect(cli('releases').stdout).toMatch(/^2\.1\.0 {2}stable {2}50% {2}/);
  });

  it('says what is wrong with a version that is not there or a pin without a target', () => {
    expect(cli('withdraw', '9.9.9').stderr).toContain('no release 9.9.9 is published');
    expect(cli('pin-update', '2.1.0').stderr).toContain('name either --kiosk <id> or --location');
    expect(cli('update-channel', 'nightly', '--kiosk', 'k1').stderr).toContain(
      'channel must be stable or beta, not "nightly"',
    );
  });
});
