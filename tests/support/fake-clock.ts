// A clock and timers that move only when a test says so: the kiosk host's timers (abandoned
// drafts, retention) and the shell's recovery run hours of kiosk time in milliseconds.
import type { Timers } from '../../electron/core/timers.ts';

export interface FakeClock {
  now(): Date;
  nowMs(): number;
  timers: Timers;
  /** Moves time on by ms, running every timer that falls due on the way, each at its own time. */
  advance(ms: number): void;
  /** Timers set and not yet run or cleared. */
  pending(): number;
}

export function fakeClock(startMs = Date.parse('2026-11-23T09:00:00Z')): FakeClock {
  let t = startMs;
  let nextId = 1;
  const waiting = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => new Date(t),
    nowMs: () => t,
    timers: {
      set: (fn, ms) => {
        const id = nextId++;
        waiting.set(id, { at: t + Math.max(0, ms), fn });
        return id;
      },
      clear: (id) => void waiting.delete(id as number),
    },
    advance(ms) {
      const until = t + ms;
      for (;;) {
        let due: [number, { at: number; fn: () => void }] | null = null;
        for (const entry of waiting)
          if (entry[1].at <= until && (!due || entry[1].at < due[1].at)) due = entry;
        if (!due) break;
        waiting.delete(due[0]);
        t = Math.max(t, due[1].at);
        due[1].fn();
      }
      t = until;
    },
    pending: () => waiting.size,
  };
}
