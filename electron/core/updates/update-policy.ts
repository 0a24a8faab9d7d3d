// When a kiosk looks for an update, when it installs one, and when an update left it crashing.
// Pure: the Electron side (electron/main/updater.ts) only asks these questions and acts.
// - Checks are spread over the interval by the kiosk id, so a fleet of thousands does not ask the
//   collector at the same minute after a power cut.
// - A downloaded update is installed only when no customer is mid-survey and the device clock is
//   inside the install window (the night by default): a restart at the counter is a lost answer.
// - Three starts within ten minutes of the first start on a new version is a crash loop: the
//   kiosk reports it (the fleet view shows it; IT withdraws the release, and the collector then
//   offers the kiosk the release before it).
import { createHash } from 'node:crypto';

export interface InstallWindow {
  /** Device-local "HH:MM"; the window may run past midnight (22:00–05:00). */
  from: string;
  to: string;
}

export const DEFAULT_INSTALL_WINDOW: InstallWindow = { from: '02:00', to: '05:00' };
export const DEFAULT_CHECK_EVERY_MS = 4 * 60 * 60_000;

/** The first check's delay: the same for a kiosk every time, spread over the whole interval. */
export function firstCheckDelayMs(kioskId: string, everyMs: number): number {
  const digest = createHash('sha256').update(kioskId).digest();
  return digest.readUInt32BE(0) % everyMs;
}

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
};

export function insideWindow(now: Date, window: InstallWindow): boolean {
  const t = now.getHours() * 60 + now.getMinutes();
  const from = minutesOf(window.from);
  const to = minutesOf(window.to);
  return from <= to ? t >= from && t < to : t >= from || t < to;
}

export type InstallDecision = { install: true } | { install: false; why: string };

export function installDecision(input: {
  now: Date;
  /** A customer's answer is open on the screen. */
  busy: boolean;
  window: InstallWindow;
}): InstallDecision {
  if (input.busy) return { install: false, why: 'a customer is mid-survey' };
  if (!insideWindow(input.now, input.window))
    return {
      install: false,
      why: `outside the install window ${input.window.from}–${input.window.to}`,
    };
  return { install: true };
}

/** One start of the app, as kept in the data folder between starts. */
export interface Boot {
  version: string;
  at: number;
}

export const CRASH_LOOP_STARTS = 3;
export const CRASH_LOOP_WINDOW_MS = 10 * 60_000;
/** Enough history to see a loop; older starts are dropped. */
const KEEP_BOOTS = 10;

/** The boot history with this start added (oldest dropped). */
export function recordBoot(history: Boot[], boot: Boot): Boot[] {
  return [...history, boot].slice(-KEEP_BOOTS);
}

/**
 * A problem to report when the current version has been started CRASH_LOOP_STARTS times within
 * CRASH_LOOP_WINDOW_MS of its first start after an update; null otherwise. A kiosk that was never
 * updated (one version in its whole kept history) is not judged here: its crashes are the
 * renderer recovery's business.
 */
export function crashLoopAfterUpdate(history: Boot[]): string | null {
  const current = history.at(-1);
  if (!current) return null;
  // The run of starts on the current version; a version seen before it (a rollback) starts anew.
  let start = history.length - 1;
  while (start > 0 && history[start - 1]!.version === current.version) start--;
  if (start === 0) return null;
  const first = history[start]!;
  const inWindow = history.slice(start).filter((b) => b.at - first.at <= CRASH_LOOP_WINDOW_MS);
  if (inWindow.length < CRASH_LOOP_STARTS) return null;
  const minutes = Math.round((inWindow.at(-1)!.at - first.at) / 60_000);
  const from = history[start - 1]!.version;
  return `crash loop after the update from ${from} to ${current.version}: ${inWindow.length} starts in ${minutes} min`;
}
