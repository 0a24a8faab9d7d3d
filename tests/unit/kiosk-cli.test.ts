// `npm run kiosk -- hash-pin`, the tool IT uses to put the admin PIN in a kiosk config.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyPin } from '../../electron/core/pin.ts';

const ROOT = join(import.meta.dirname, '..', '..');

function hashPin(pin: string) {
  return spawnSync(process.execPath, ['scripts/tasks/kiosk.ts', 'hash-pin'], {
    cwd: ROOT,
    input: `${pin}\n`,
    encoding: 'utf8',
  });
}

describe('kiosk hash-pin', () => {
  it('hashes a PIN of 6 digits or more into a hash that verifies it', () => {
    const r = hashPin('246810');
    expect(r.status).toBe(0);
    const hash = r.stdout.trim();
    expect(verifyPin('246810', hash)).toBe(true);
    expect(verifyPin('246811', hash)).toBe(false);
  });

  it.each(['2468', '12345', '12345a', '1234567890123'])('refuses %s', (pin) => {
    const r = hashPin(pin);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/the PIN must be 6-12 digits/);
  });
});
