// A kiosk's clock against ours. Answers keep the device's own times (they are what the customer
// saw), so a drifting clock is flagged for staff to fix rather than corrected behind their back.
import { CLOCK_SKEW_TOLERANCE_MS } from '../../shared/protocol.ts';

export interface ClockReading {
  /** Device time minus server time, in ms: positive when the kiosk runs ahead. */
  skewMs: number;
  flagged: boolean;
}

export function readClock(
  deviceIso: string,
  serverNow: Date,
  toleranceMs = CLOCK_SKEW_TOLERANCE_MS,
): ClockReading {
  const skewMs = Date.parse(deviceIso) - serverNow.getTime();
  return { skewMs, flagged: Math.abs(skewMs) > toleranceMs };
}

/** "+7m 12s" for the CLI listing. */
export function formatSkew(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  let s = Math.round(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86_400);
  s -= d * 86_400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const parts = [d && `${d}d`, h && `${h}h`, m && `${m}m`, `${s}s`].filter(Boolean);
  return sign + parts.slice(0, 2).join(' ');
}
