// Telling the staff screens and the channels what routing changed. The screens hear of it through
// alert_events rows written in routing's own transaction (so every instance's screens do, and a
// rollback announces nothing); the channels once that transaction has committed: a channel must
// never hear of an alert that a rollback took away.
import type { AlertEventType } from '../../shared/staff-api.ts';
import type { Storage } from '../db/open.ts';
import type { Notifier } from './notifier.ts';
import type { Routing } from './rules.ts';
import { readStaffAlertsById } from './store.ts';

/**
 * A new card (`tell`: the routing whose channels hear of it; null in quiet hours) or a changed
 * one (a folded alert raised its count, an answer brought its reasons).
 */
export type Announcement =
  { id: string; change: 'new'; tell: Routing | null } | { id: string; change: 'update' };

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

/** After the commit: the channels of each new card, with the card as it stands (one read). */
export async function notifyChannels(
  storage: Storage,
  notifier: Notifier,
  announcements: Announcement[],
): Promise<void> {
  const tell = new Map<string, Routing>();
  for (const a of firstOfEach(announcements))
    if (a.change === 'new' && a.tell) tell.set(a.id, a.tell);
  for (const alert of await readStaffAlertsById(storage, [...tell.keys()])) {
    const routing = tell.get(alert.id)!;
    notifier.notify({ alert, reason: 'initial' }, routing, routing.notify);
  }
}
