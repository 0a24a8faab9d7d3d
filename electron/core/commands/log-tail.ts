// The newest lines of the kiosk log (log.ts: kiosk.log, and kiosk.log.1 after a roll-over), for
// an admin's log fetch. Reads at most the last 512 KiB of each file: a fetch is for the recent
// past, and a kiosk's disk and memory are not the collector's to spend.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { logFile } from '../log.ts';

const MAX_READ = 512 * 1024;

function tailOf(file: string): string[] {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return [];
  }
  try {
    const size = fstatSync(fd).size;
    const start = Math.max(0, size - MAX_READ);
    const buffer = Buffer.alloc(size - start);
    readSync(fd, buffer, 0, buffer.length, start);
    const lines = buffer.toString('utf8').split('\n');
    // A read that starts mid-file starts mid-line: that first piece is not a line.
    if (start > 0) lines.shift();
    return lines.filter((l) => l.trim() !== '');
  } finally {
    closeSync(fd);
  }
}

/** The last `count` lines, oldest first. */
export function lastLogLines(logsDir: string, count: number): string[] {
  const current = tailOf(logFile(logsDir));
  const older = current.length >= count ? [] : tailOf(`${logFile(logsDir)}.1`);
  return [...older, ...current].slice(-count);
}
