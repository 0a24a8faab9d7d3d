// The kiosk log of the Electron main process, written by electron-log: the same file and lines as
// core's fileLogger (JSON per line in <data>/logs/kiosk.log, private to the kiosk user, rolled
// over at 5 MB into kiosk.log.1), with uncaught errors and unhandled rejections of main logged on
// one line there instead of Electron's error dialog over the survey. electron-log/node, not
// /main: /main also listens on IPC for renderers' log lines, past ipc.ts's sender check, and
// shows dialogs; the kiosk page logs nothing. So it also runs, and is tested, in plain Node.
import { renameSync } from 'node:fs';
import log from 'electron-log/node';
import { LOG_MAX_BYTES, logFile, logLine, prepareLogFiles, type Logger } from '../../core/log.ts';
import { PRIVATE_FILE_MODE } from '../../core/private-files.ts';

export function electronLogger(
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
