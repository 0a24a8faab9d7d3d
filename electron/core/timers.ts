// Timers the kiosk host and the shell's screen recovery schedule with. Passed in, so tests drive
// hours of kiosk time with a fake clock instead of waiting for it.
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** setTimeout that never keeps the process alive on its own account. */
export const backgroundTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms).unref(),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
