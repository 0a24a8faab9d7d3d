// Where the kiosk keeps its database, logs and config. LASTWORD_DATA_DIR wins; otherwise the
// OS's per-user app-data folder, as Electron's app.getPath('userData') would pick it.
import { join } from 'node:path';

export function resolveDataDir(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  home: string,
): string {
  if (env.LASTWORD_DATA_DIR) return env.LASTWORD_DATA_DIR;
  if (platform === 'win32')
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Lastword');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Lastword');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'lastword');
}

export interface KioskPaths {
  dataDir: string;
  database: string;
  logs: string;
  /** The kiosk config file; LASTWORD_CONFIG overrides it. */
  config: string;
}

export function kioskPaths(dataDir: string, env: NodeJS.ProcessEnv): KioskPaths {
  return {
    dataDir,
    database: join(dataDir, 'kiosk.sqlite'),
    logs: join(dataDir, 'logs'),
    // Set but empty counts as unset: '' would put the config (and its temp file) in the cwd.
    config: env.LASTWORD_CONFIG || join(dataDir, 'kiosk.json'),
  };
}
