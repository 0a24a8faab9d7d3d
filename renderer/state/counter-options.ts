// How the kiosk behaves at a busy counter, from its config: whether the faces are the idle screen
// or a "tap anywhere" screen comes first, and how long the thank-you screen ignores taps before
// the faces are back for the next customer.
import type { PublicKioskConfig } from '../../shared/config.ts';

export interface CounterOptions {
  /** The old two-step start: a "tap anywhere" screen before the faces. */
  tapToStart: boolean;
  /** How long the thank-you screen ignores taps before the faces are back. */
  thanksLockMs: number;
}

export function counterOptions(config: PublicKioskConfig): CounterOptions {
  return {
    tapToStart: config.survey.attract === 'tapAnywhere',
    thanksLockMs: config.thankYouLockSeconds * 1000,
  };
}
