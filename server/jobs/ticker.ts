// The minute ticks of the collector's timed work (the fleet's judgement, the weekly digest's
// claims): one tick at a time, chained, so a slow tick is never overlapped by the next; a timer
// started when the app is ready; and a close that stops the timer and waits for the tick in
// progress, so the job queue it feeds is not stopped under it. Tests call tick() on their own
// clock.
export interface Ticker<T> {
  /** Runs the work after any tick in progress; resolves with its result (`idle` once closed). */
  tick(): Promise<T>;
  /** Ticks now and every `everyMs` after (the timer does not hold the process open). */
  start(everyMs: number): void;
  /** Stops the timer; resolves when the tick in progress is done. */
  close(): Promise<void>;
}

export function chainedTicker<T>(work: () => Promise<T>, idle: T): Ticker<T> {
  let closed = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  const ticker: Ticker<T> = {
    tick: () => {
      const next = running.then(() => (closed ? idle : work()));
      running = next.catch(() => {});
      return next;
    },
    start: (everyMs) => {
      void ticker.tick();
      timer = setInterval(() => void ticker.tick(), everyMs);
      timer.unref();
    },
    close: async () => {
      closed = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
  return ticker;
}
