// The export's local times across a daylight-saving change: the clock reads each zone's offsets
// once per fortnight, so an instant on either side of a change must still get its own offset,
// and the hour a fall-back repeats must be told apart by it.
import { describe, expect, it } from 'vitest';
import { LocalClock } from '../../server/reports/local-clock.ts';

describe('export local times', () => {
  it('gives each instant its own offset across a change, in any order', () => {
    const clock = new LocalClock();
    const at = (iso: string, zone: string) => clock.iso(new Date(iso), zone);
    // Berlin falls back at 01:00 UTC on 25 October 2026: 02:30 local happens twice.
    expect(at('2026-10-25T00:30:00Z', 'Europe/Berlin')).toBe('2026-10-25T02:30:00+02:00');
    expect(at('2026-10-25T01:30:00Z', 'Europe/Berlin')).toBe('2026-10-25T02:30:00+01:00');
    expect(at('2026-10-25T00:59:59.999Z', 'Europe/Berlin')).toBe('2026-10-25T02:59:59+02:00');
    // Far from the spans read so far, and back again.
    expect(at('2026-03-29T01:00:00Z', 'Europe/Berlin')).toBe('2026-03-29T03:00:00+02:00');
    expect(at('2026-03-29T00:59:00Z', 'Europe/Berlin')).toBe('2026-03-29T01:59:00+01:00');
    expect(at('2026-11-02T03:00:00Z', 'America/New_York')).toBe('2026-11-01T22:00:00-05:00');
    expect(at('2026-07-01T12:00:00Z', 'Asia/Kolkata')).toBe('2026-07-01T17:30:00+05:30');
    expect(at('2026-07-01T12:00:00Z', 'America/St_Johns')).toBe('2026-07-01T09:30:00-02:30');
  });
});
