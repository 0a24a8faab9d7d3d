// Reason ids come from kiosks as any short text. Counting them into a day row must not reach
// Object.prototype: a reason named "__proto__" once put a key "0" on every object in the
// collector (found by the API fuzz), which made every strict reply fail its own contract. And the
// hour counts go to results_days as the JSON migration 013 documents and come back the same.
import { describe, expect, it } from 'vitest';
import { dayRowsOf, hoursOf, hoursText } from '../../server/reports/day-rows.ts';

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

  it('stores hour counts as [[answers, happy], …] for 24 hours and reads them back the same', () => {
    const at = (hour: number) => `2026-11-30T${String(hour).padStart(2, '0')}:30:00.000Z`;
    const answers = [9, 9, 9, 23, 0].map((hour, i) => ({
      touchpoint_id: 1,
      finalized_at: at(hour),
      smiley: i === 1 ? 1 : 5,
      nps: null,
      ces: null,
      reasons: '[]',
    }));
    const [row] = dayRowsOf(1, 'UTC', answers, Date.parse(at(0)) - 3_600_000, Date.parse(at(23)));
    const text = hoursText(row!.hours);
    const pairs = JSON.parse(text) as [number, number][];
    expect(pairs).toHaveLength(24);
    expect(pairs[0]).toEqual([1, 1]);
    expect(pairs[9]).toEqual([3, 2]);
    expect(pairs[23]).toEqual([1, 1]);
    expect(pairs.filter(([a]) => a).length).toBe(3);
    expect(hoursOf(text)).toEqual(row!.hours);
    // Counts of several digits, as a busy desk's lunchtime has.
    expect(
      Array.from(hoursOf(JSON.stringify([[1234, 987], ...Array(23).fill([0, 0])])).slice(0, 3)),
    ).toEqual([1234, 987, 0]);
  });
});
