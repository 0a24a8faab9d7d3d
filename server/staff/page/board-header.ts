// The pieces around the cards: the header (who, their scope, the alert count, the connection,
// sound, log out) and the two banners (cut off from the collector; an update it could not read).
import type { SignedIn, StaffAlert } from '../../../shared/staff-api.ts';
import { el } from './dom.ts';
import { pageHeader } from './page-header.ts';
import { askForNotifications, notificationsAvailable } from './notify.ts';
import { chime, soundReady } from './sound.ts';

export function alertCount(): { node: HTMLElement; show(alerts: StaffAlert[]): void } {
  const node = el('span', { class: 'count' });
  return {
    node,
    show(alerts) {
      const open = alerts.filter((a) => a.status === 'open').length;
      node.textContent = alerts.length
        ? `${open} open · ${alerts.length - open} in progress`
        : 'No open alerts';
    },
  };
}

export function connectionStatus(): {
  badge: HTMLElement;
  banner: HTMLElement;
  set(up: boolean): void;
} {
  const badge = el('span', { class: 'conn down' }, 'Connecting');
  const banner = el('div', { class: 'offline-banner', role: 'status' });
  banner.hidden = true;
  return {
    badge,
    banner,
    set(up) {
      badge.className = `conn ${up ? 'up' : 'down'}`;
      badge.textContent = up ? 'Live' : 'Offline';
      banner.hidden = up;
      banner.textContent = up
        ? ''
        : 'Disconnected — reconnecting… New alerts will appear as soon as the connection is back.';
      document.body.classList.toggle('offline', !up);
    },
  };
}

export function unreadableBanner(): { node: HTMLElement; show(): void } {
  const node = el('div', { class: 'error-banner', role: 'alert' });
  node.hidden = true;
  return {
    node,
    show() {
      node.hidden = false;
      node.textContent =
        'An update from the collector could not be read, so an alert may be missing here. Reload the page to see every alert.';
    },
  };
}

/** Asks for notification permission and plays a first chime, which also proves sound works. */
function soundButton(): HTMLButtonElement {
  const button = el('button', { class: 'ghost sound', type: 'button' }, 'Turn on sound & alerts');
  if (!notificationsAvailable()) button.textContent = 'Turn on sound';
  button.addEventListener('click', () => {
    void askForNotifications().finally(() => {
      chime(false);
      button.textContent = soundReady() ? 'Sound on' : 'Sound unavailable';
      button.disabled = true;
    });
  });
  return button;
}

export function boardHeader(
  who: SignedIn,
  status: { count: HTMLElement; connection: HTMLElement },
  onLogout: () => void,
): HTMLElement {
  return pageHeader(who, 'Live alerts', onLogout, {
    status: [status.count, status.connection],
    controls: [soundButton()],
  });
}
