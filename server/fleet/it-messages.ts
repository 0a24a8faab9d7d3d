// What IT is told about a kiosk: which kiosk and where, its status and since when, its last
// heartbeat, and a link to its history on the Kiosks page. Built from the fleet's own facts
// only: no answer, comment or contact ever reaches these messages. One ChannelMessage, worded
// for Slack, Teams, signed webhooks and e-mail by the staff alerts' own formatters.
import type { FleetStatus } from '../../shared/fleet-api.ts';
import type { ChannelMessage } from '../alerts/messages.ts';

export type ItReason = 'alert' | 'reminder' | 'recovered';

export interface ItNews {
  reason: ItReason;
  kiosk: { id: string; location: string; touchpoint: string; lastHeartbeatAt: string | null };
  /** The status told of: ok for a recovery. */
  status: FleetStatus;
  /** The status before it (for a recovery, the one it is back from). */
  previous: FleetStatus | null;
  /** When the status began. */
  since: string;
  /** The collector's public address (LASTWORD_PUBLIC_URL), for an absolute link. */
  publicUrl: string | null;
}

const WORDS: Record<FleetStatus, string> = {
  ok: 'working normally',
  offline: 'offline (no heartbeat)',
  silent: 'silent (heartbeats, but no taps for far longer than usual)',
  storage_failing: 'storage failing (its disk refuses writes)',
  crash_looping: 'crash-looping (restarting again and again)',
  clock_off: 'clock off (by more than the tolerance)',
};

/** The kiosk's history on the Kiosks page. */
export function kioskLink(publicUrl: string | null, kioskId: string): string {
  return `${publicUrl ?? ''}/staff/kiosks?kiosk=${encodeURIComponent(kioskId)}`;
}

export function itMessage(n: ItNews): ChannelMessage {
  const { kiosk } = n;
  const where = `${kiosk.touchpoint}, ${kiosk.location}`;
  const headline =
    n.reason === 'recovered'
      ? `Kiosk back to normal at ${where}`
      : `Kiosk ${n.reason === 'reminder' ? 'still ' : ''}${n.status.replace('_', ' ')} at ${where}`;
  const link = kioskLink(n.publicUrl, kiosk.id);
  return {
    headline,
    lines: [
      `Kiosk: ${kiosk.id}`,
      `Location: ${kiosk.location}`,
      `Touchpoint: ${kiosk.touchpoint}`,
      `Status: ${WORDS[n.status]}`,
      ...(n.reason === 'recovered' && n.previous ? [`Was: ${WORDS[n.previous]}`] : []),
      `Since: ${n.since}`,
      `Last heartbeat: ${kiosk.lastHeartbeatAt ?? 'never'}`,
      `History: ${link}`,
    ],
    urgent: false,
    generic: {
      type: `kiosk.${n.reason}`,
      headline,
      kiosk: { id: kiosk.id, location: kiosk.location, touchpoint: kiosk.touchpoint },
      status: n.status,
      previous: n.previous,
      since: n.since,
      lastHeartbeatAt: kiosk.lastHeartbeatAt,
      link,
    },
    footer: `Kiosk ${kiosk.id}`,
  };
}
