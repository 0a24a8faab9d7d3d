// What the kiosk does when its screen fails. A dead renderer is reloaded; a hung one gets
// `hangMs` to come back, then is killed and reloaded. Every failure spends the crash budget,
// and once it is exhausted the kiosk shows the out-of-service page and stops retrying, so a
// page that breaks on every load ends on a calm screen instead of a crash loop.
import type { Timers } from '../../core/timers.ts';
import type { CrashBudget } from './crash-budget.ts';

export interface RecoveryActions {
  reload(): void;
  /** Ends a hung renderer; the resulting render-process-gone event does the reload. */
  killRenderer(): void;
  outOfService(reason: string): void;
  log(message: string): void;
}

export interface Recovery {
  rendererGone(reason: string): void;
  unresponsive(): void;
  responsive(): void;
  isOutOfService(): boolean;
  /** Stops timers; after this, events are ignored (the app is quitting). */
  dispose(): void;
}

export function createRecovery(opts: {
  budget: CrashBudget;
  actions: RecoveryActions;
  timers: Timers;
  hangMs?: number;
}): Recovery {
  const { budget, actions, timers } = opts;
  const hangMs = opts.hangMs ?? 30_000;
  let hangTimer: unknown = null;
  let killedForHang = false;
  let out = false;
  let disposed = false;

  const clearHang = (): void => {
    if (hangTimer !== null) timers.clear(hangTimer);
    hangTimer = null;
  };

  return {
    rendererGone(reason) {
      clearHang();
      if (disposed || out) return;
      const why = killedForHang
        ? `unresponsive for ${Math.round(hangMs / 1000)} s`
        : `renderer ${reason}`;
      killedForHang = false;
      budget.record();
      if (budget.exhausted()) {
        out = true;
        const reason = `the kiosk screen failed ${budget.recent()} times in a short while (last: ${why})`;
        actions.log(`${reason}; showing the out-of-service page`);
        actions.outOfService(reason);
        return;
      }
      actions.log(`kiosk screen failed (${why}); reloading`);
      actions.reload();
    },
    unresponsive() {
      if (disposed || out || hangTimer !== null) return;
      hangTimer = timers.set(() => {
        hangTimer = null;
        if (disposed || out) return;
        killedForHang = true;
        actions.killRenderer();
      }, hangMs);
    },
    responsive() {
      clearHang();
    },
    isOutOfService() {
      return out;
    },
    dispose() {
      disposed = true;
      clearHang();
    },
  };
}
