// The Electron main process writes the kiosk log through electron-log (its Node flavour, which
// needs no Electron), so the file it writes is checked here for real: the same JSON lines as the
// plain-Node log, private to the kiosk user, rolled over into kiosk.log.1, and an uncaught error
// in main logged there on one line.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import log from 'electron-log/node';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { LOG_MAX_BYTES, logLine } from '../../electron/core/log.ts';
import { electronLogger } from '../../electron/main/policy/kiosk-log.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir('lastword-electron-log-');
const logs = join(dir.path, 'logs');
const file = join(logs, 'kiosk.log');
const time = new Date('2026-12-02T08:00:00.000Z');
const listenersBefore = process.listenerCount('uncaughtException');
const logger = electronLogger(logs, { now: () => time, echo: false });

afterAll(() => {
  log.errorHandler.stopCatching();
  dir.remove();
});

const lines = () => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n') : []);

describe('kiosk log through electron-log', () => {
  it('writes one JSON line per entry, as the plain-Node log does, readable by the kiosk user only', async () => {
    logger('warn', 'collector unreachable', { attempt: 3, code: 'ECONNREFUSED' });
    const expected = logLine(time, 'warn', 'collector unreachable', {
      attempt: 3,
      code: 'ECONNREFUSED',
    });
    await vi.waitFor(() => expect(lines()).toEqual([expected]));
    expect(JSON.parse(expected)).toEqual({
      time: time.toISOString(),
      level: 'warn',
      message: 'collector unreachable',
      attempt: 3,
      code: 'ECONNREFUSED',
    });
    if (process.platform !== 'win32') {
      expect(statSync(logs).mode & 0o777).toBe(0o700);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    }
  });

  it('logs an uncaught error of main instead of showing a dialog', async () => {
    expect(process.listenerCount('uncaughtException')).toBe(listenersBefore + 1);
    log.errorHandler.handle(new Error('storage exploded'));
    await vi.waitFor(() =>
      expect(lines().map((l) => JSON.parse(l) as Record<string, string>)).toContainEqual(
        expect.objectContaining({
          level: 'error',
          message: 'uncaught error',
          error: expect.stringContaining('storage exploded'),
        }),
      ),
    );
  });

  it('rolls a full log over into kiosk.log.1 and starts a new one', async () => {
    const fullLogs = join(dir.path, 'full');
    mkdirSync(fullLogs);
    const full = join(fullLogs, 'kiosk.log');
    writeFileSync(full, 'x'.repeat(LOG_MAX_BYTES + 1));
    electronLogger(fullLogs, { now: () => time, echo: false })('info', 'after the roll-over');
    await vi.waitFor(() =>
      expect(readFileSync(full, 'utf8')).toBe(`${logLine(time, 'info', 'after the roll-over')}\n`),
    );
    expect(statSync(`${full}.1`).size).toBe(LOG_MAX_BYTES + 1);
  });
});
