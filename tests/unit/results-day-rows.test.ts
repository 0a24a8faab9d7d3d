// Reason ids come from kiosks as any short text. Counting them into a day row must not reach
// Object.prototype: a reason named "__proto__" once put a key "0" on every object in the
// collector (found by the API fuzz), which made every strict reply fail its own contract.
import { describe, expect, it } from 'vitest';
import { dayRowsOf } from '../../server/reports/day-rows.ts';

describe('day rows', () => {
  it('counts reasons named like Object properties as reasons, and nothing else', () => {
    const at = Date.parse('2026-11-30T10:00:00.000Z');
    const answer = (smiley: number, reasons: string[]) => ({
      touchpoint_id: 1,
      finalized_at: new Date(at).toISOString(),
      smiley,
      nps: null,
      ces: null,
      reasons: JSON.stringify(reasons),
    });
    const [row] = dayRowsOf(
      1,
      'UTC',
      [answer(1, ['__proto__', 'constructor']), answer(5, ['__proto__', 'toString'])],
      at - 3_600_000,
      at + 3_600_000,
    );
    expect(Object.prototype).not.toHaveProperty('0');
    expect(Object.prototype).not.toHaveProperty('1');
    expect(Object.entries(row!.reasons).sort()).toEqual([
      ['__proto__', [1, 1]],
      ['constructor', [1, 0]],
      ['toString', [0, 1]],
    ]);
    expect(JSON.parse(JSON.stringify(row!.reasons))).toEqual(
      JSON.parse('{"__proto__":[1,1],"constructor":[1,0],"toString":[0,1]}'),
    );
  });
});
