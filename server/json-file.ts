// The JSON files the admin CLI is handed (a kiosk config, a location's alert routing): read and
// parsed in one step, with a message that names the file when either fails.
import { readFileSync } from 'node:fs';

/** `fail` makes the command's own error from the message, so the CLI reports it as that command's. */
export function readJsonFile(file: string, fail: (message: string) => Error): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw fail(`cannot read ${file}: ${(error as Error).message}`);
  }
}
