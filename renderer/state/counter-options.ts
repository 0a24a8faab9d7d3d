// How the kiosk behaves at a busy counter, from its config. The two settings are new and the
// shared config schema does not carry them yet, so they are read defensively: absent means the
// defaults below (faces as the idle screen, a 3 s lock on the thank-you screen).
import type { PublicKioskConfig } from '../../shared/config.ts';

export interface CounterOptions {
  /** The old two-step start: a "tap anywhere" screen before the faces. */
  tapToStart: boolean;
  /** How long the thank-you screen ignores taps before the faces are back. */
  thanksLockMs: number;
}

const DEFAULT_LOCK_SECONDS = 3;

type WithCounterSettings = PublicKioskConfig & {
  idleScreen?: unknown;
  thanksLockSeconds?: unknown;
};

export function counterOptions(config: PublicKioskConfig): CounterOptions {
  const { idleScreen, thanksLockSeconds } = config as WithCounterSettings;
  const seconds =
    typeof thanksLockSeconds === 'number' && thanksLockSeconds >= 0
      ? thanksLockSeconds
      : DEFAULT_LOCK_SECONDS;
  return { tapToStart: idleScreen === 'tapToStart', thanksLockMs: seconds * 1000 };
}
