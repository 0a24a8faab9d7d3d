// The kiosk's log: one JSON object per line in <data dir>/logs/kiosk.log, rolled over at 5 MB
// (one old file kept) so a kiosk that runs for years never fills its disk with logs.
// Callers pass codes and ids only: customer comments and contact details never reach the log.
// fileLogger writes it from plain Node (browser-kiosk mode, the tools, tests); inside Electron,
// electron/main/policy/kiosk-log.ts writes the same file through electron-log.
import { appendFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_FILE_MODE, makePrivateDir, tightenFile } from './private-files.ts';

export const LOG_MAX_BYTES = 5 * 1024 * 1024;

export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null>;
export type Logger = (level: LogLevel, message: string, fields?: LogFields) => void;

/** The log file in a logs folder; its one old file is `${file}.1`. */
export function logFile(logsDir: string): string {
  return join(logsDir, 'kiosk.log');
}

/** One line of the log, without the newline. */
export function logLine(time: Date, level: LogLevel, message: string, fields: LogFields = {}) {
  return JSON.stringify({ time: time.toISOString(), level, message, ...fields });
}

/** Makes the logs folder and any log files an older version left readable private to the kiosk user. */
export function prepareLogFiles(logsDir: string): void {
  makePrivateDir(logsDir);
  tightenFile(logFile(logsDir));
  tightenFile(`${logFile(logsDir)}.1`);
}

export function fileLogger(
  logsDir: string,
  now: () => Date = () => new Date(),
  echo = true,
): Logger {
  const file = logFile(logsDir);
  let ready = false;
  return (level, message, fields = {}) => {
    const line = logLine(now(), level, message, fields);
    if (echo) process.stderr.write(`${line}\n`);
    try {
      if (!ready) prepareLogFiles(logsDir);
      ready = true;
      if ((statSync(file, { throwIfNoEntry: false })?.size ?? 0) > LOG_MAX_BYTES)
        renameSync(file, `${file}.1`);
      appendFileSync(file, `${line}\n`, { mode: PRIVATE_FILE_MODE });
    } catch {
      // A full or read-only disk must not take the kiosk down; the status already reports it.
    }
  };
}
