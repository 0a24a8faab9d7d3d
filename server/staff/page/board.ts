// The live screen: a header (who, scope, connection, sound), then open and acknowledged alerts
// as cards, urgent and newest first. Cards are rebuilt only when their alert changed, so a note
// being typed on one card survives updates to the others; "time since" ticks every second.
import type { SignedIn, StaffAlert } from '../../../shared/staff-api.ts';
import { acknowledge, logout, resolve } from './api.ts';
import { renderCard, type CardActions } from './card.ts';
import { el } from './dom.ts';
import { connectLive } from './live.ts';
import { askForNotifications, notificationsAvailable, notify } from './notify.ts';
import { chime, soundReady } from './sound.ts';
import { since } from './time.ts';

const RANK = { urgent: 0, high: 1, normal: 2 } as const;

function order(a: StaffAlert, b: StaffAlert): number {
  if (a.status !== b.status) return a.status === 'open' ? -1 : 1;
  if (a.priority !== b.priority) return RANK[a.priority] - RANK[b.priority];
  return b.receivedAt.localeCompare(a.receivedAt);
}

export function renderBoard(root: HTMLElement, who: SignedIn, onLoggedOut: () => void): void {
  const alerts = new Map<string, StaffAlert>();
  const cards = new Map<string, { json: string; node: HTMLElement }>();
  const grid = el('section', { class: 'grid', 'aria-label': 'Alerts' });
  const empty = el(
    'div',
    { class: 'empty' },
    el('p', { class: 'empty-title' }, 'All quiet'),
    el('p', {}, 'New alerts appear here the moment a kiosk sends them.'),
  );
  const count = el('span', { class: 'count' });
  const conn = el('span', { class: 'conn down' }, 'Connecting');
  const banner = el('div', { class: 'offline-banner', role: 'status' });
  banner.hidden = true;
  const unreadable = el('div', { class: 'error-banner', role: 'alert' });
  unreadable.hidden = true;
  const soundButton = el('button', { class: 'ghost', type: 'button' }, 'Turn on sound & alerts');
  const out = el('button', { class: 'ghost', type: 'button' }, 'Log out');
  const scope = who.user.locations === 'all' ? 'All locations' : who.user.locations.join(', ');

  const act: CardActions = {
    acknowledge: async (id) => apply((await acknowledge(id)).alert),
    resolve: async (id, outcome, note) => apply((await resolve(id, outcome, note)).alert),
  };

  function apply(alert: StaffAlert): void {
    if (alert.status === 'resolved') alerts.delete(alert.id);
    else alerts.set(alert.id, alert);
    draw();
  }

  function draw(): void {
    const now = Date.now();
    const list = [...alerts.values()].sort(order);
    for (const [id, card] of cards) {
      if (!alerts.has(id)) {
        card.node.remove();
        cards.delete(id);
      }
    }
    list.forEach((a, i) => {
      const json = JSON.stringify(a);
      let card = cards.get(a.id);
      if (!card || card.json !== json) {
        const node = renderCard(a, act, now);
        card?.node.replaceWith(node);
        card = { json, node };
        cards.set(a.id, card);
      }
      if (grid.children[i] !== card.node) grid.insertBefore(card.node, grid.children[i] ?? null);
    });
    const open = list.filter((a) => a.status === 'open').length;
    count.textContent = list.length
      ? `${open} open · ${list.length - open} in progress`
      : 'No open alerts';
    empty.hidden = list.length > 0;
  }

  const stop = connectLive({
    snapshot(list) {
      alerts.clear();
      for (const a of list) if (a.status !== 'resolved') alerts.set(a.id, a);
      draw();
    },
    event(type, alert) {
      const isNew = type === 'alert' && !alerts.has(alert.id);
      apply(alert);
      if (isNew) {
        chime(alert.priority === 'urgent');
        notify(alert);
      }
    },
    connected(up) {
      conn.className = `conn ${up ? 'up' : 'down'}`;
      conn.textContent = up ? 'Live' : 'Offline';
      banner.hidden = up;
      banner.textContent = up
        ? ''
        : 'Disconnected — reconnecting… New alerts will appear as soon as the connection is back.';
      document.body.classList.toggle('offline', !up);
    },
    unreadable() {
      unreadable.hidden = false;
      unreadable.textContent =
        'An update from the collector could not be read, so an alert may be missing here. Reload the page to see every alert.';
    },
    loggedOut() {
      clearInterval(ticker);
      onLoggedOut();
    },
  });

  const ticker = setInterval(() => {
    const now = Date.now();
    for (const t of grid.querySelectorAll<HTMLElement>('[data-since]'))
      t.textContent = since(t.dataset.since!, now);
  }, 1000);

  soundButton.addEventListener('click', () => {
    void askForNotifications().finally(() => {
      chime(false);
      soundButton.textContent = soundReady() ? 'Sound on' : 'Sound unavailable';
      soundButton.disabled = true;
    });
  });
  if (!notificationsAvailable()) soundButton.textContent = 'Turn on sound';
  out.addEventListener('click', () => {
    stop();
    clearInterval(ticker);
    void logout().finally(onLoggedOut);
  });

  root.replaceChildren(
    el(
      'header',
      { class: 'top' },
      el('div', { class: 'brand' }, el('strong', {}, 'Lastword'), el('span', {}, 'Live alerts')),
      el(
        'div',
        { class: 'scope' },
        el('span', { class: 'who' }, who.user.displayName),
        el('span', {}, scope),
      ),
      count,
      conn,
      soundButton,
      out,
    ),
    banner,
    unreadable,
    el('main', { class: 'board' }, empty, grid),
  );
  draw();
}
