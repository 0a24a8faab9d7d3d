// Telling the staff screens and the channels what routing changed, in routing's own transaction:
// the screens through alert_events rows (so every instance's screens hear of it), the channels
// through delivery jobs or held notes (notifier.ts). A rollback announces nothing to either, and
// a commit loses neither, whatever happens to this process next.
import type { AlertEventType } from '../../shared/staff-api.ts';
import type { CollectorDb } from '../db/open.ts';
import type { Notifier } from './notifier.ts';
import type { Routing } from './rules.ts';

/**
 * A new card (its location's routing, and whether quiet hours hold its channel messages back) or
 * a changed one (a folded alert raised its count, an answer brought its reasons).
 */
export type Announcement =
  | { id: string; change: 'new'; location: string; routing: Routing; quiet: boolean }
  | { id: string; change: 'update' };

/** Each card once: its first announcement of the pass. */
function firstOfEach(announcements: Announcement[]): Announcement[] {
  const first = new Map<string, Announcement>();
  for (const a of announcements) if (!first.has(a.id)) first.set(a.id, a);
  return [...first.values()];
}

/** The screens' events of one routing pass, each card once. */
export function screenEvents(
  announcements: Announcement[],
): { alertId: string; type: AlertEventType }[] {
  return firstOfEach(announcements).map((a) => ({
    alertId: a.id,
    type: a.change === 'new' ? 'alert' : 'update',
  }));
}

/** In the routing transaction: each new card's channels, told now or held for later. */
export async function tellChannels(
  trx: CollectorDb,
  notifier: Notifier,
  announcements: Announcement[],
  now: Date,
): Promise<void> {
  for (const a of firstOfEach(announcements))
    if (a.change === 'new')
      await notifier.tell(
        trx,
        { alertId: a.id, reason: 'initial' },
        { location: a.location, channels: a.routing.notify, quiet: a.quiet, now },
      );
}
