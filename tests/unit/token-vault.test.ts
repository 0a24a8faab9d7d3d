// The device token at rest, with Electron's safeStorage mocked at the Electron boundary: where
// the OS keystore works, enrolment and a token rotation write the token sealed, the kiosk host
// opens it and syncs with it; where there is none (or Linux's hard-coded 'basic_text' key), the
// token is written plain in the 0600 file; a hand-written plain token keeps working; and a sealed
// token this process cannot open is a config problem that says so, not a crash.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadKioskConfig } from '../../electron/core/config-file.ts';
import { writeToken } from '../../electron/core/config-write.ts';
import { enrolWithCode } from '../../electron/core/enrolment.ts';
import { createKioskHost } from '../../electron/core/host.ts';
import { safeStorageVault } from '../../electron/main/token-vault.ts';
import { createEnrolmentCode } from '../../server/kiosk-api/enrolment-codes.ts';
import { attachConfig } from '../../server/kiosk-api/kiosk-configs.ts';
import { COMMAND_LINE } from '../../server/staff/audit.ts';
import { startCollector, type RunningCollector } from '../support/collector.ts';
import { smallConfig, writeConfig } from '../support/config.ts';
import { waitFor } from '../support/sync-helpers.ts';
import { tempDir } from '../support/tmp.ts';

const keystore = vi.hoisted(() => ({ available: true, backend: 'gnome_libsecret', user: 'kiosk' }));
vi.mock('electron', () => {
  // Sealed bytes name the user whose keystore sealed them; another user's cannot open them.
  const safeStorage = {
    isEncryptionAvailable: () => keystore.available,
    getSelectedStorageBackend: () => keystore.backend,
    encryptString: (plain: string) =>
      Buffer.from(`${keystore.user}|${[...plain].reverse().join('')}`),
    decryptString: (sealed: Buffer) => {
      const [user, text] = sealed.toString().split('|');
      if (user !== keystore.user) throw new Error('Error while decrypting the ciphertext');
      return [...text!].reverse().join('');
    },
  };
  return { safeStorage, default: { safeStorage } };
});

const TOKEN = 'a-plain-device-token-of-43-characters-abcdef';
const NEW_TOKEN = 'the-next-device-token-of-43-characters-xyzwv';

describe('the device token at rest', () => {
  const dir = tempDir('lastword-vault-');
  let collector: RunningCollector;
  const vault = safeStorageVault('linux');
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

  const fileToken = (path: string) =>
    (JSON.parse(readFileSync(path, 'utf8')) as { collector: { token: string } }).collector.token;

  it('seals the enrolled token with the keystore, and the kiosk host syncs with it', async () => {
    const configPath = join(dir.path, 'enrolled.json');
    const { code } = await createEnrolmentCode(
      collector.storage,
      { location: 'Test store', touchpoint: 'Desk 2', by: COMMAND_LINE },
      new Date(),
    );
    const outcome = await enrolWithCode({
      collector: collector.url,
      code,
      pin: '135790',
      configPath,
      vault,
    });
    expect(outcome.ok).toBe(true);
    const stored = fileToken(configPath);
    expect(stored).toMatch(/^sealed:/);
    expect(statSync(configPath).mode & 0o777).toBe(0o600);
    const host = createKioskHost({
      configPath,
      databasePath: join(dir.path, 'enrolled.sqlite'),
      appVersion: '1.2.3',
      actions: { reload: () => {}, exit: () => {} },
      log: () => {},
      vault,
    });
    try {
      await waitFor('online with the sealed token', () => host.status().online === true);
    } finally {
      host.close();
    }
    // Without the keystore (a plain Node tool), the file says what it holds instead of failing.
    const plainNode = loadKioskConfig(configPath);
    expect(plainNode).toMatchObject({
      ok: false,
      problems: [{ field: 'collector.token', reason: expect.stringMatching(/OS keystore/) }],
    });
  });

  it('keeps a hand-written plain token working, and seals a new one in its place', () => {
    const path = writeConfig(
      dir.path,
      { ...smallConfig(), collector: { url: collector.url, token: TOKEN } },
      'hand.json',
    );
    expect(loadKioskConfig(path, vault)).toMatchObject({
      ok: true,
      config: { collector: { token: TOKEN } },
    });
    writeToken(path, NEW_TOKEN, vault);
    expect(readFileSync(path, 'utf8')).not.toContain(NEW_TOKEN);
    expect(loadKioskConfig(path, vault)).toMatchObject({
      ok: true,
      config: { collector: { token: NEW_TOKEN }, languages: smallConfig().languages },
    });
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('writes the token plain in the private file where no real keystore answers', () => {
    const path = writeConfig(
      dir.path,
      { ...smallConfig(), collector: { url: collector.url, token: TOKEN } },
      'basic.json',
    );
    keystore.backend = 'basic_text';
    try {
      expect(vault.available()).toBe(false);
      writeToken(path, NEW_TOKEN, vault);
      expect(fileToken(path)).toBe(NEW_TOKEN);
    } finally {
      keystore.backend = 'gnome_libsecret';
    }
    keystore.available = false;
    try {
      expect(safeStorageVault('win32').available()).toBe(false);
    } finally {
      keystore.available = true;
    }
    expect(safeStorageVault('win32').available()).toBe(true);
  });

  it('names the problem when the token was sealed by another user', () => {
    const path = writeConfig(
      dir.path,
      { ...smallConfig(), collector: { url: collector.url, token: TOKEN } },
      'moved.json',
    );
    writeToken(path, NEW_TOKEN, vault);
    keystore.user = 'someone-else';
    try {
      expect(loadKioskConfig(path, vault)).toMatchObject({
        ok: false,
        problems: [{ field: 'collector.token', reason: expect.stringMatching(/not by this user/) }],
      });
    } finally {
      keystore.user = 'kiosk';
    }
  });
});
