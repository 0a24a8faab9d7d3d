// A real kiosk for end-to-end tests: the kiosk host on a real SQLite file, served with the built
// renderer over the localhost transport, exactly as `npm start` runs it without Electron.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createKioskHost, type KioskHost } from '../../electron/core/host.ts';
import { startBridgeServer } from '../../electron/core/http-transport.ts';
import type { SyncTuning } from '../../electron/core/sync/tuning.ts';
import { exampleConfig, writeConfig } from './config.ts';
import { tempDir } from './tmp.ts';

export const RENDERER_DIR = join(import.meta.dirname, '..', '..', 'dist', 'renderer');

export interface RunningKiosk {
  /** The kiosk page's launch address: it opens the page once (the cookie it sets lasts). */
  url: string;
  /** Another launch address, for a second browser. */
  launchUrl(): string;
  origin: string;
  dataDir: string;
  databasePath: string;
  host: KioskHost;
  close(): Promise<void>;
}

export async function startKiosk(
  opts: {
    config?: unknown;
    dataDir?: string;
    now?: () => Date;
    /** Sync knobs (a short heartbeat, so a config from the collector arrives in a test's time). */
    sync?: { tuning: Partial<SyncTuning> };
  } = {},
): Promise<RunningKiosk> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(
      `no built renderer at ${RENDERER_DIR}: run \`npm run build\` (npm test builds it first)`,
    );
  }
  const tmp = opts.dataDir ? null : tempDir('lastword-e2e-');
  const dataDir = opts.dataDir ?? tmp!.path;
  const configPath = writeConfig(dataDir, opts.config ?? exampleConfig());
  const databasePath = join(dataDir, 'kiosk.sqlite');
  const host = createKioskHost({
    configPath,
    databasePath,
    appVersion: 'test',
    actions: { reload: () => {}, exit: () => {} },
    ...(opts.now && { now: opts.now }),
    ...(opts.sync && { sync: opts.sync }),
  });
  const server = await startBridgeServer({ host, rendererDir: RENDERER_DIR });
  return {
    url: server.launchUrl(),
    launchUrl: server.launchUrl,
    origin: server.origin,
    dataDir,
    databasePath,
    host,
    async close() {
      await server.close();
      host.close();
      tmp?.remove();
    },
  };
}
