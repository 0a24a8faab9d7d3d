import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../electron/binary.ts';
import { tempDir } from '../support/tmp.ts';

describe('finding an Electron binary for the e2e suite', () => {
  const dir = tempDir('lastword-electron-bin-');
  afterAll(() => dir.remove());

  it('reports "no Electron binary installed" with how to get one when the override points nowhere', () => {
    const found = findElectronBinary(
      { ELECTRON_OVERRIDE_DIST_PATH: join(dir.path, 'missing'), DISPLAY: ':99' },
      'linux',
    );
    expect(found).toMatchObject({
      ok: false,
      reason: expect.stringMatching(
        /^no Electron binary installed \(.*install\.js.*ELECTRON_OVERRIDE_DIST_PATH/,
      ),
    });
  });

  it('accepts an unpacked Electron given by ELECTRON_OVERRIDE_DIST_PATH', () => {
    mkdirSync(join(dir.path, 'dist'), { recursive: true });
    writeFileSync(join(dir.path, 'dist', 'electron'), '');
    const found = findElectronBinary(
      { ELECTRON_OVERRIDE_DIST_PATH: join(dir.path, 'dist'), DISPLAY: ':99' },
      'linux',
    );
    expect(found).toEqual({
      ok: true,
      path: expect.stringContaining(join(dir.path, 'dist')),
      packaged: false,
    });
  });

  it('skips on Linux without a display, saying to use xvfb-run', () => {
    const found = findElectronBinary(
      { ELECTRON_OVERRIDE_DIST_PATH: join(dir.path, 'dist') },
      'linux',
    );
    expect(found).toMatchObject({ ok: false, reason: expect.stringContaining('xvfb-run') });
  });

  it('launches a packaged app when LASTWORD_ELECTRON_APP names one', () => {
    const exe = join(dir.path, 'lastword');
    writeFileSync(exe, '');
    expect(findElectronBinary({ LASTWORD_ELECTRON_APP: exe }, 'win32')).toEqual({
      ok: true,
      path: exe,
      packaged: true,
    });
  });
});
