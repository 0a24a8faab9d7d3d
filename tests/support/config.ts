// The example kiosk config (build/kiosk.example.json), the one the demo runs, as test input.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KioskConfig } from '../../shared/config.ts';

export const EXAMPLE_CONFIG_PATH = join(
  import.meta.dirname,
  '..',
  '..',
  'build',
  'kiosk.example.json',
);
export const DEMO_PIN = '246810';

export function exampleConfig(): KioskConfig {
  return JSON.parse(readFileSync(EXAMPLE_CONFIG_PATH, 'utf8')) as KioskConfig;
}

export function writeConfig(dir: string, config: unknown, name = 'kiosk.json'): string {
  const path = join(dir, name);
  writeFileSync(path, typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  return path;
}

export const SMALL_CONFIG_PATH = join(import.meta.dirname, '..', 'fixtures', 'kiosk.small.json');

/** A two-language, four-face config: small enough to read in a test, valid by the schema. */
export function smallConfig(): KioskConfig {
  return JSON.parse(readFileSync(SMALL_CONFIG_PATH, 'utf8')) as KioskConfig;
}
