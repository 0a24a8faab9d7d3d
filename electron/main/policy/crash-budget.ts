// How many renderer failures the kiosk absorbs before it stops reloading. A page that dies on
// every load must end on a calm "out of service" screen, not flicker in a crash loop.
export interface CrashBudget {
  /** Counts one failure now. */
  record(): void;
  /** True once more than `max` failures fall inside the last `windowMs`. */
  exhausted(): boolean;
  /** Failures inside the window, for logs. */
  recent(): number;
}

export function createCrashBudget(opts: {
  max: number;
  windowMs: number;
  now: () => number;
}): CrashBudget {
  const { max, windowMs, now } = opts;
  let times: number[] = [];
  const prune = (): void => {
    const since = now() - windowMs;
    times = times.filter((t) => t > since);
  };
  return {
    record() {
      times.push(now());
      prune();
    },
    exhausted() {
      prune();
      return times.length > max;
    },
    recent() {
      prune();
      return times.length;
    },
  };
}
