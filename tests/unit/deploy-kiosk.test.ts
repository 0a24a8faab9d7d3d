// The OS kiosk sessions (deploy/linux, deploy/windows) checked as far as this machine can. Both
// systemd units pass `systemd-analyze verify` without a single warning, wherever that command
// exists (a program a unit starts that is not installed here, such as cage, is stood in for by an
// empty executable, so the rest of the unit is still checked). Each runs its kiosk in cage on
// tty1 as the kiosk user and restarts it forever, and each starts what this repository produces:
// the deb's /opt/<productName>/<executableName> from electron-builder.yml, or `serve --open`
// from a checkout. The Windows script's default app is where the NSIS installer puts it.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { tempDir } from '../support/tmp.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const LINUX = join(ROOT, 'deploy', 'linux');
const UNITS = ['lastword-kiosk.service', 'lastword-thin-client.service'];
const builder = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as {
  productName: string;
  executableName: string;
};

const analyze = spawnSync('systemd-analyze', ['--version']).error ? null : 'systemd-analyze';
if (!analyze)
  console.log(
    'deploy kiosk: systemd-analyze verify skipped — no systemd-analyze on PATH (apt install systemd)',
  );

/** A unit file as key -> values (a key may repeat); sections are not told apart. */
function unitEntries(text: string): Map<string, string[]> {
  const entries = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (m) entries.set(m[1]!, [...(entries.get(m[1]!) ?? []), m[2]!]);
  }
  return entries;
}

/** The program an Exec line starts, without systemd's prefixes (+, -, @, !, :). */
const program = (exec: string) => exec.replace(/^[-+@!:]+/, '').split(' ')[0]!;

const tmp = tempDir('lastword-units-');
afterAll(() => tmp.remove());

describe('Linux kiosk session (deploy/linux)', () => {
  it.skipIf(!analyze)('passes systemd-analyze verify without a warning', () => {
    const standIns: string[] = [];
    const files = UNITS.map((name) => {
      let text = readFileSync(join(LINUX, name), 'utf8');
      const execs = [...unitEntries(text)]
        .filter(([k]) => k.startsWith('Exec'))
        .flatMap(([, v]) => v);
      for (const path of new Set(execs.map(program))) {
        if (existsSync(path)) continue;
        const standIn = join(tmp.path, path.replaceAll('/', '_'));
        writeFileSync(standIn, '#!/bin/sh\n');
        chmodSync(standIn, 0o755);
        text = text.replaceAll(path, standIn);
        standIns.push(path);
      }
      writeFileSync(join(tmp.path, name), text);
      return join(tmp.path, name);
    });
    if (standIns.length)
      console.log(
        `deploy kiosk: not installed here, stood in for: ${[...new Set(standIns)].join(', ')}`,
      );
    const r = spawnSync('systemd-analyze', ['verify', '--man=no', ...files], { encoding: 'utf8' });
    expect(r.stderr + r.stdout).toBe('');
    expect(r.status).toBe(0);
  });

  it.each(UNITS)(
    '%s runs cage on tty1 as the kiosk user, logged in by PAM, restarted forever',
    (name) => {
      const unit = unitEntries(readFileSync(join(LINUX, name), 'utf8'));
      expect(unit.get('User')).toEqual(['kiosk']);
      expect(unit.get('PAMName')).toEqual(['login']);
      expect(unit.get('TTYPath')).toEqual(['/dev/tty1']);
      expect(unit.get('Conflicts')).toEqual(['getty@tty1.service']);
      expect(unit.get('Restart')).toEqual(['always']);
      expect(unit.get('StartLimitIntervalSec')).toEqual(['0']);
      expect(unit.get('ExecStartPre')?.join(' ')).toContain('setterm --blank 0 --powerdown 0');
      expect(unit.get('Environment')).toContain('LASTWORD_DATA_DIR=%S/lastword');
      expect(program(unit.get('ExecStart')![0]!)).toBe('/usr/bin/cage');
    },
  );

  it('starts what the deb installs and what a checkout runs', () => {
    const electron = unitEntries(readFileSync(join(LINUX, UNITS[0]!), 'utf8')).get(
      'ExecStart',
    )![0]!;
    expect(electron).toContain(` -- /opt/${builder.productName}/${builder.executableName} `);
    const thin = unitEntries(readFileSync(join(LINUX, UNITS[1]!), 'utf8')).get('ExecStart')![0]!;
    const script = /\/opt\/lastword\/(\S+) kiosk serve --open$/.exec(thin)?.[1];
    expect(script && existsSync(join(ROOT, script))).toBe(true);
  });
});

describe('Windows kiosk session (deploy/windows)', () => {
  it('makes the installed app the kiosk account’s shell, restarted when it exits', () => {
    const script = readFileSync(join(ROOT, 'deploy', 'windows', 'Set-LastwordKiosk.ps1'), 'utf8');
    const { productName } = builder;
    expect(script).toContain(`$AppPath = "$env:ProgramFiles\\${productName}\\${productName}.exe"`);
    expect(script).toMatch(
      /SetCustomShell\(\$sid, "`"\$AppPath`"", \$null, \$null, \$RestartShell\)/,
    );
    expect(script).toContain('$RestartShell = 0');
  });
});
