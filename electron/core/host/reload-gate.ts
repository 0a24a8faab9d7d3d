// A UI reload an admin ordered (commands/runner.ts) never interrupts a customer: it runs at once
// only while the kiosk is quiet (no answer open, no customer tap for a while: not even the
// thank-you screen), else at the next moment the kiosk already uses to change its config, the
// renderer's return to the attract screen (getConfig), or when a later check finds it quiet.
import type { Timers } from '../timers.ts';

export interface ReloadGateOptions {
  openDrafts(): number;
  /** When a customer last touched the kiosk (an answer channel), in ms; 0 for never. */
  lastCustomerAt(): number;
  /** How long after the last tap the kiosk counts as quiet (the thank-you screen and then some). */
  quietMs(): number;
  now(): Date;
  timers: Timers;
  /** The shell's reload (HostActions.reload): Electron reloads the window, serve restarts Chromium. */
  reload(): void;
}

export interface ReloadGate {
  /** Resolves once the reload happened. */
  request(): Promise<void>;
  /** The renderer is back on its attract screen, the last answer final. */
  atAttract(): void;
  stop(): void;
}

const CHECK_MS = 5_000;

export function reloadGate(o: ReloadGateOptions): ReloadGate {
  let waiting: (() => void)[] = [];
  let timer: unknown = null;
  const quiet = () => o.openDrafts() === 0 && o.now().getTime() - o.lastCustomerAt() >= o.quietMs();
  const fire = () => {
    if (timer !== null) o.timers.clear(timer);
    timer = null;
    const done = waiting;
    waiting = [];
    o.reload();
    done.forEach((resolve) => resolve());
  };
  const check = () => {
    timer = null;
    if (!waiting.length) return;
    if (quiet()) fire();
    else timer = o.timers.set(check, CHECK_MS);
  };
  return {
    request: () =>
      new Promise<void>((resolve) => {
        waiting.push(resolve);
        if (timer === null) check();
      }),
    atAttract() {
      if (waiting.length && o.openDrafts() === 0) fire();
    },
    stop() {
      if (timer !== null) o.timers.clear(timer);
      timer = null;
    },
  };
}
