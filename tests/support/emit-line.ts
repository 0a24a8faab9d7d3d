// For the child processes of the kill tests: a line on stdout is a promise to the parent (an
// "ack"), so it is written synchronously and whole before the child goes on.
import { writeSync } from 'node:fs';

/** Writes the whole line before returning; a blocked pipe is waited out, never skipped. */
export function emitLine(line: string): void {
  const bytes = Buffer.from(`${line}\n`);
  let written = 0;
  while (written < bytes.length) {
    try {
      written += writeSync(1, bytes, written);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}
