// The fleet view's words: each status as IT reads it, with what it means, and the durations,
// clock skews and counts the Kiosks page and a kiosk's history show.
import type { FleetStatus } from '../../../shared/fleet-api.ts';

export const STATUS_WORDS: Record<FleetStatus, { label: string; meaning: string }> = {
  offline: { label: 'Offline', meaning: 'no heartbeat for a while: off, or no network' },
  crash_looping: { label: 'Crash-looping', meaning: 'it keeps restarting' },
  storage_failing: { label: 'Storage failing', meaning: 'its disk refuses writes' },
  silent: {
    label: 'Silent',
    meaning: 'heartbeats arrive, but no one has tapped for far longer than usual at this hour',
  },
  clock_off: { label: 'Clock off', meaning: 'its clock is more than 5 minutes off' },
  ok: { label: 'OK', meaning: 'heartbeats and taps as usual' },
};

/** Worst first: the order the filter and the summary list them in. */
export const STATUS_ORDER: FleetStatus[] = [
  'offline',
  'crash_looping',
  'storage_failing',
  'silent',
  'clock_off',
  'ok',
];

/** "4 min", "2 h 5 min", "3 d" for a span in ms. */
export function span(ms: number): string {
  const m = Math.max(0, Math.round(ms / 60_000));
  if (m < 1) return 'under 1 min';
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** "3 min ago" for an instant (epoch ms), "–" when there is none. */
export function ago(at: number | null | undefined, nowMs: number): string {
  return at == null ? '–' : `${span(nowMs - at)} ago`;
}

/** "+1 min 30 s" / "−4 s": device clock against the collector's. */
export function skew(ms: number | null | undefined): string {
  if (ms == null) return '–';
  const s = Math.round(Math.abs(ms) / 1000);
  // Under half a second either way rounds to none, which has no sign (not "−0 s").
  if (s === 0) return '0 s';
  const sign = ms < 0 ? '−' : '+';
  if (s < 60) return `${sign}${s} s`;
  return `${sign}${span(s * 1000)}`;
}

export const count = (n: number | null | undefined) => (n == null ? '–' : String(n));

/** A local date and time, short. */
export const when = (iso: string | null) =>
  iso === null
    ? '–'
    : new Date(iso).toLocaleString([], {
        month: 'short',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      });
