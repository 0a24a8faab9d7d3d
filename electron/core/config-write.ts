// Writing the kiosk config file: at enrolment (enrolment.ts) and when the collector hands the
// kiosk a new device token (commands/). Written whole or not at all, readable by the kiosk's
// user only: a kiosk that loses power mid-write keeps its old file, never half a new one.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PRIVATE_FILE_MODE, makePrivateDir } from './private-files.ts';
import { storedToken, type TokenVault } from './token-vault.ts';

export function writePrivateJson(path: string, value: unknown): void {
  makePrivateDir(dirname(path));
  const temp = `${path}.writing`;
  rmSync(temp, { force: true });
  writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`, {
    mode: PRIVATE_FILE_MODE,
    flag: 'wx',
  });
  renameSync(temp, path);
}

/**
 * Puts a new device token into the config file, sealed where the vault can, and leaves every
 * other setting as the file had it (a hand-written file stays the file IT wrote, but its token).
 */
export function writeToken(path: string, token: string, vault: TokenVault | null): void {
  const config = JSON.parse(readFileSync(path, 'utf8')) as { collector: { token: string } };
  config.collector.token = storedToken(token, vault);
  writePrivateJson(path, config);
}
