// The kiosk's database holds customers' comments and contact details, its config the device
// token, its log what the kiosk did: none of it is for other users of the machine. Folders are
// created 0700 and files 0600 (on POSIX; on Windows the per-user app-data folder's ACL already
// does this), and a file an older version left readable is made private when the kiosk opens it.
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';

export const PRIVATE_FILE_MODE = 0o600;
const PRIVATE_DIR_MODE = 0o700;

export function makePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/** Creates the file empty (0600) if it is missing, and makes it private if it is not. */
export function makePrivateFile(path: string): void {
  closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
  tightenFile(path);
}

/**
 * Takes an existing file away from everyone but its owner. Never throws: a file the kiosk does
 * not own stays as it is ('failed'), for the caller to report where it matters.
 */
export function tightenFile(path: string): 'private' | 'tightened' | 'failed' {
  if (process.platform === 'win32') return 'private';
  try {
    const mode = statSync(path, { throwIfNoEntry: false })?.mode;
    if (mode === undefined || (mode & 0o777) === PRIVATE_FILE_MODE) return 'private';
    chmodSync(path, PRIVATE_FILE_MODE);
    return 'tightened';
  } catch {
    return 'failed';
  }
}
