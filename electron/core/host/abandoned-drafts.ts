// A draft whose screen is gone (the renderer crashed or was reloaded, the browser was closed)
// would stay open until the next restart: it would not sync, and no config from the collector can
// apply while a draft is open. The host owns the deadline: a draft the screen has not touched (a
// step, or the keep-alive it sends while the answer is on screen) for the idle timeout, plus the
// "Still there?" countdown, plus a margin, is finished as partial, as the screen would have.
import type { AnswerLifecycle } from '../answer-lifecycle.ts';
import type { Logger } from '../log.ts';
import type { Timers } from '../timers.ts';

/** The screen's "Still there?" countdown, after which it finishes the answer itself. */
export const COUNTDOWN_MS = 5_000;
/** Time for the screen's own finish to arrive first, so the host never races a live screen. */
export const MARGIN_MS = 5_000;

export interface AbandonedDrafts {
  /** A draft was started: make sure a check is due by its deadline. */
  arm(): void;
  stop(): void;
}

export function watchAbandonedDrafts(opts: {
  lifecycle: AnswerLifecycle;
  /** The idle timeout of the config in force, in ms. */
  idleTimeoutMs: () => number;
  now: () => Date;
  timers: Timers;
  log: Logger;
}): AbandonedDrafts {
  const { lifecycle, timers } = opts;
  let timer: unknown = null;
  const deadlineMs = () => opts.idleTimeoutMs() + COUNTDOWN_MS + MARGIN_MS;

  const check = () => {
    timer = null;
    try {
      const finished = lifecycle.finishUntouchedSince(opts.now().getTime() - deadlineMs());
      if (finished)
        opts.log('warn', 'answers the screen left open were finished as partial', {
          count: finished,
        });
    } catch (error) {
      opts.log('error', 'could not finish the answers the screen left open', {
        error: (error as Error).message,
      });
    }
    arm();
  };
  // A touch only moves a deadline later: a check that finds nothing due just sets the next one.
  const arm = () => {
    const oldest = lifecycle.oldestTouch();
    if (timer !== null || oldest === null) return;
    timer = timers.set(check, Math.max(0, oldest + deadlineMs() - opts.now().getTime()));
  };
  return {
    arm,
    stop() {
      if (timer !== null) timers.clear(timer);
      timer = null;
    },
  };
}
