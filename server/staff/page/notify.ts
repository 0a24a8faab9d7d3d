// System notifications for a screen that is not in front: where and what only. The comment and
// contact stay on the staff page, not on a lock screen or in the OS notification history.
import type { StaffAlert } from '../../../shared/staff-api.ts';
import { KIND_LABEL } from './labels.ts';

export function notificationsAvailable(): boolean {
  return typeof Notification !== 'undefined';
}

export async function askForNotifications(): Promise<void> {
  if (notificationsAvailable() && Notification.permission === 'default')
    await Notification.requestPermission();
}

export function notify(alert: StaffAlert): void {
  if (!notificationsAvailable() || Notification.permission !== 'granted') return;
  const body = `${alert.location} · ${alert.touchpoint}${alert.waiting ? ' — customer is waiting' : ''}`;
  new Notification(KIND_LABEL[alert.kind], {
    body,
    tag: alert.id,
    requireInteraction: alert.priority === 'urgent',
  });
}
