// The kiosk's database (customers' comments and contacts), config (the device token) and logs
// are for the kiosk's user only: checked on real files, as the kiosk host creates them.
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createKioskHost } from '../../electron/core/host.ts';
import { fileLogger } from '../../electron/core/log.ts';
import { smallConfig, writeConfig } from '../support/config.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir();
afterAll(() => dir.remove());

const mode = (path: string) => statSync(path).mode & 0o777;

function runKiosk(dataDir: string, configPath: string) {
  const databasePath = join(dataDir, 'kiosk.sqlite');
  const logs = join(dataDir, 'logs');
  const host = createKioskHost({
    configPath,
    databasePath,
    appVersion: 'test',
    actions: { reload: () => {}, exit: () => {} },
    log: fileLogger(logs, undefined, false),
  });
  return { host, databasePath, logs };
}

describe.skipIf(process.platform === 'win32')('kiosk files on disk', () => {
  it('are created readable by the kiosk user only: 0700 folders, 0600 files', async () => {
    const dataDir = join(dir.path, 'fresh', 'lastword');
    const { host, databasePath, logs } = runKiosk(
      dataDir,
      writeConfig(dir.path, smallConfig(), 'fresh.json'),
    );
    try {
      await host.handle('startAnswer', { smiley: 4, language: 'en' });
      for (const suffix of ['', '-wal', '-shm']) {
        expect(existsSync(databasePath + suffix), suffix).toBe(true);
        expect(mode(databasePath + suffix), `kiosk.sqlite${suffix}`).toBe(0o600);
      }
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(logs)).toBe(0o700);
      expect(mode(join(logs, 'kiosk.log'))).toBe(0o600);
    } finally {
      host.close();
    }
  });

  it('makes the files an older version left readable private, config included', () => {
    const dataDir = join(dir.path, 'old');
    const configPath = writeConfig(dir.path, smallConfig(), 'old.json');
    const { host: first, databasePath, logs } = runKiosk(dataDir, configPath);
    first.close();
    for (const path of [configPath, databasePath, join(logs, 'kiosk.log')]) chmodSync(path, 0o644);
    writeFileSync(`${databasePath}-wal`, '');
    chmodSync(`${databasePath}-wal`, 0o644);
    const { host } = runKiosk(dataDir, configPath);
    try {
      for (const path of [configPath, databasePath, `${databasePath}-wal`, join(logs, 'kiosk.log')])
        expect(mode(path), path).toBe(0o600);
    } finally {
      host.close();
    }
    expect(readFileSync(join(logs, 'kiosk.log'), 'utf8')).toContain(
      'the kiosk config was readable by other users; made it private',
    );
  });
});
