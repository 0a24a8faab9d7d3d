// The app's recent starts (version and time), kept in a small file in the data folder between
// starts, so a crash loop after an update can be seen (update-policy.ts). A file and not the
// kiosk database: it is written before the database is opened, and a broken database must not
// hide a broken update. An unreadable file counts as no history.
import { readFileSync, writeFileSync } from 'node:fs';
import { makePrivateFile } from '../private-files.ts';
import { crashLoopAfterUpdate, recordBoot, type Boot } from './update-policy.ts';

function read(path: string): Boot[] {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    return Array.isArray(parsed)
      ? parsed.filter(
          (b): b is Boot =>
            typeof b === 'object' &&
            b !== null &&
            typeof (b as Boot).version === 'string' &&
            typeof (b as Boot).at === 'number',
        )
      : [];
  } catch {
    return [];
  }
}

/** Records this start; returns the crash-loop problem to report, or null. */
export function noteBoot(path: string, version: string, now: Date): string | null {
  const history = recordBoot(read(path), { version, at: now.getTime() });
  try {
    makePrivateFile(path);
    writeFileSync(path, `${JSON.stringify(history)}\n`);
  } catch {
    // A read-only data folder already shows in the kiosk's storage status.
  }
  return crashLoopAfterUpdate(history);
}
