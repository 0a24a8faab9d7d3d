// Where the Electron binary is, if one is installed, found without loading the electron package:
// from Electron 42 on, loading it downloads the binary, which fails on machines without internet.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');

const EXECUTABLE: Partial<Record<NodeJS.Platform, string>> = {
  win32: 'electron.exe',
  darwin: 'Electron.app/Contents/MacOS/Electron',
};

export function findElectronBinary(
  env = process.env,
  platform = process.platform,
  root = ROOT,
): string | null {
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  const relative = existsSync(pathFile)
    ? readFileSync(pathFile, 'utf8').trim()
    : (EXECUTABLE[platform] ?? 'electron');
  const candidate = join(electronDistDir(env, root), relative);
  return existsSync(candidate) ? candidate : null;
}

/** The unpacked Electron folder the binary is looked for in (electron-builder's electronDist). */
export function electronDistDir(env = process.env, root = ROOT): string {
  return env.ELECTRON_OVERRIDE_DIST_PATH ?? join(root, 'node_modules', 'electron', 'dist');
}

export const NO_ELECTRON_HINT =
  'no Electron binary installed (run `node node_modules/electron/install.js` where the network allows it, or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron 45 folder)';
