// Which Electron the e2e suite launches: a packaged app (LASTWORD_ELECTRON_APP), else the dev
// binary found without loading the 'electron' package (see scripts/electron-binary.ts).
import { existsSync } from 'node:fs';
import {
  NO_ELECTRON_HINT,
  findElectronBinary as findDevBinary,
} from '../../scripts/electron-binary.ts';

/** `packaged`: a built app (electron-builder's unpacked output), launched without the repo path. */
export type ElectronBinary =
  { ok: true; path: string; packaged: boolean } | { ok: false; reason: string };

export function findElectronBinary(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): ElectronBinary {
  const noDisplay = platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY;
  const displayReason = 'no display for the Electron window (run the tests under `xvfb-run -a`)';
  if (env.LASTWORD_ELECTRON_APP) {
    if (!existsSync(env.LASTWORD_ELECTRON_APP)) {
      return {
        ok: false,
        reason: `LASTWORD_ELECTRON_APP=${env.LASTWORD_ELECTRON_APP} does not exist`,
      };
    }
    return noDisplay
      ? { ok: false, reason: displayReason }
      : { ok: true, path: env.LASTWORD_ELECTRON_APP, packaged: true };
  }
  const dev = findDevBinary(env, platform);
  if (!dev) return { ok: false, reason: NO_ELECTRON_HINT };
  if (noDisplay) return { ok: false, reason: displayReason };
  return { ok: true, path: dev, packaged: false };
}
