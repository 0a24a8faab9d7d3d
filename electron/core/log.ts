// The kiosk's log: one JSON object per line in <data dir>/logs/kiosk.log, rolled over at 5 MB
// (one old file kept) so a kiosk that runs for years never fills its disk with logs.
// Callers pass codes and ids only: customer comments and contact details never reach the log.
import { appendFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_FILE_MODE, makePrivateDir, tightenFile } from './private-files.ts';

const MAX_BYTES = 5 * 1024 * 1024;

export type LogLevel = 'info' | 'warn' | 'error';
export type Logger = (
  level: LogLevel,
  message: string,
  fields?: Record<string, string | number | boolean | null>,
) => void;

export function fileLogger(
  logsDir: string,
  now: () => Date = () => new Date(),
  echo = true,
): Logger {
  const file = join(logsDir, 'kiosk.log');
  let ready = false;
  return (level, message, fields = {}) => {
    const line = JSON.stringify({ time: now().toISOString(), level, message, ...fields });
    if (echo) process.stderr.write(`${line}\n`);
    try {
      if (!ready) {
        makePrivateDir(logsDir);
        tightenFile(file);
        tightenFile(`${file}.1`);
      }
      ready = true;
      if ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > MAX_BYTES)
        renameSync(file, `${file}.1`);
      appendFileSync(file, `${line}\n`, { mode: PRIVATE_FILE_MODE });
    } catch {
      // A full or read-only disk must not take the kiosk down; the status already reports it.
    }
  };
}
