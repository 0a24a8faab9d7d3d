// Telling the staff screens and the channels what routing changed, once its transaction has
// committed: a screen that reads the alert back must find it, and a channel must never hear of
// an alert that a rollback took away.
import type { Storage } from '../db/open.ts';
import type { AlertHub } from './hub.ts';
import type { Notifier } from './notifier.ts';
import type { Routing } from './rules.ts';
import { readStaffAlertsById } from './store.ts';

/**
 * A new card (`tell`: the routing whose channels hear of it; null in quiet hours) or a changed
 * one (a folded alert raised its count, an answer brought its reasons).
 */
export type Announcement =
  { id: string; change: 'new'; tell: Routing | null } | { id: string; change: 'update' };

/** One read for all of them; each card once, as it stands after the commit. */
export async function announce(
  storage: Storage,
  hub: AlertHub,
  notifier: Notifier,
  announcements: Announcement[],
): Promise<void> {
  const first = new Map<string, Announcement>();
  for (const a of announcements) if (!first.has(a.id)) first.set(a.id, a);
  for (const alert of await readStaffAlertsById(storage, [...first.keys()])) {
    const a = first.get(alert.id)!;
    if (a.change === 'update') {
      hub.publish({ type: 'update', alert });
      continue;
    }
    hub.publish({ type: 'alert', alert });
    if (a.tell) notifier.notify({ alert, reason: 'initial' }, a.tell, a.tell.notify);
  }
}
