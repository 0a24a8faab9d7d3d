// Where the Electron binary is, if one is installed, found WITHOUT require('electron'): from
// Electron 42 on, that require downloads the binary, which fails on machines without internet.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');

export function findElectronBinary(root = ROOT, env = process.env): string | null {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? 'electron');
    return existsSync(candidate) ? candidate : null;
  }
  if (!relative) return null;
  const candidate = join(pkg, 'dist', relative);
  return existsSync(candidate) ? candidate : null;
}

export const NO_ELECTRON_HINT =
  'no Electron binary installed (node_modules/electron/dist is empty; set ELECTRON_OVERRIDE_DIST_PATH or run `npx install-electron` where the download is reachable)';
