// What of the kiosk log leaves the kiosk on an admin's log fetch (commands/log-filter.ts): only
// the allow-listed fields with short plain values, no line that is not the log's own, and no
// line that holds a comment or contact detail a customer left on this kiosk, however it got in.
import { describe, expect, it } from 'vitest';
import { WITHHELD, shareableLines } from '../../electron/core/commands/log-filter.ts';
import { logLine } from '../../electron/core/log.ts';

const AT = new Date('2026-12-02T09:00:00Z');

describe('the log lines a kiosk sends', () => {
  it('keeps the allow-listed fields and counts what it dropped', () => {
    const [line] = shareableLines(
      [logLine(AT, 'warn', 'sync request failed', { error: 'timeout', note: 'x', count: 2 })],
      [],
    );
    expect(JSON.parse(line!)).toEqual({
      time: AT.toISOString(),
      level: 'warn',
      message: 'sync request failed',
      error: 'timeout',
      count: 2,
      dropped: 1,
    });
  });

  it('drops a value too long to be a code, and lines that are not the log’s', () => {
    const long = logLine(AT, 'info', 'x', { error: 'e'.repeat(301) });
    expect(JSON.parse(shareableLines([long], [])[0]!)).not.toHaveProperty('error');
    expect(shareableLines(['plain text', '[1,2]', 'null'], [])).toEqual([]);
  });

  it('withholds a line holding a comment or contact detail, in any case or escaping', () => {
    const comment = 'The "manager" was\nrude';
    const lines = [
      logLine(AT, 'warn', `failed: ${comment.toUpperCase()}`),
      logLine(AT, 'info', 'mail to ada@example.com'),
      logLine(AT, 'info', 'kiosk host started', { configValid: true }),
      logLine(AT, 'info', 'ok'),
    ];
    const sent = shareableLines(lines, [comment, 'ada@example.com', 'ok']);
    expect(sent.map((l) => (JSON.parse(l) as { message: string }).message)).toEqual([
      WITHHELD,
      WITHHELD,
      'kiosk host started',
      'ok',
    ]);
  });
});
