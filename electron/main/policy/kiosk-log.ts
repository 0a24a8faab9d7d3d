// The kiosk log of the Electron main process, written by electron-log: the same file and lines as
// core's fileLogger (JSON per line in <data>/logs/kiosk.log, private to the kiosk user, rolled
// over at 5 MB into kiosk.log.1), with uncaught errors and unhandled rejections of main logged on
// one line there instead of Electron's error dialog over the survey. It takes the electron-log
// instance, so a unit test can hand in electron-log/node: the same logger without Electron.
import { renameSync } from 'node:fs';
import type { NodeLogger } from 'electron-log';
import { LOG_MAX_BYTES, logFile, logLine, prepareLogFiles, type Logger } from '../../core/log.ts';
import { PRIVATE_FILE_MODE } from '../../core/private-files.ts';

export function electronLogger(
  log: NodeLogger,
  logsDir: string,
  opts: { now?: () => Date; echo?: boolean } = {},
): Logger {
  const now = opts.now ?? (() => new Date());
  const path = logFile(logsDir);
  try {
    prepareLogFiles(logsDir);
  } catch {
    // A read-only disk must not stop the kiosk; electron-log reports failed writes itself.
  }
  const file = log.transports.file;
  file.resolvePathFn = () => path;
  file.format = '{text}';
  file.level = 'info';
  // Each line is on disk before the call returns: the last line before a crash is the one IT needs.
  file.sync = true;
  file.maxSize = LOG_MAX_BYTES;
  file.writeOptions = { flag: 'a', mode: PRIVATE_FILE_MODE, encoding: 'utf8' };
  file.archiveLogFn = (old) => renameSync(old.path, `${old.path}.1`);
  const echo = log.transports.console;
  echo.format = '{text}';
  echo.level = opts.echo === false ? false : 'info';

  const logger: Logger = (level, message, fields) =>
    log[level](logLine(now(), level, message, fields));
  log.errorHandler.startCatching({
    showDialog: false,
    onError: ({ error, errorName }) => {
      logger(
        'error',
        errorName === 'Unhandled rejection' ? 'unhandled rejection' : 'uncaught error',
        {
          error: error?.stack ?? String(error),
        },
      );
      return false;
    },
  });
  return logger;
}
