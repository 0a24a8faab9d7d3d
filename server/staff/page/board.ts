// The live screen: the header, the banners and the cards, fed by the live stream. A new alert
// (not an update to one on the board) chimes and raises a system notification; "time since"
// ticks every second.
import type { AlertEventType, StaffAlert } from '../../../shared/staff-api.ts';
import { acknowledge, followUpDraft, resolve, sendFollowUp, sessionEnded } from './api.ts';
import { AlertGrid } from './alert-grid.ts';
import { alertCount, boardHeader, connectionStatus, unreadableBanner } from './board-header.ts';
import type { CardActions } from './card.ts';
import { el } from './dom.ts';
import { connectLive } from './live.ts';
import { notify } from './notify.ts';
import type { PageEnv } from './routes.ts';
import { chime } from './sound.ts';

const API_ACTIONS: CardActions = {
  acknowledge: async (id) => (await acknowledge(id)).alert,
  resolve: async (id, outcome, note) => (await resolve(id, outcome, note)).alert,
  followUp: {
    draft: (target) => followUpDraft(target),
    send: async (body) => (await sendFollowUp(body)).followUp,
  },
};

function announceNew(grid: AlertGrid, type: AlertEventType, alert: StaffAlert): void {
  const isNew = type === 'alert' && !grid.has(alert.id);
  grid.apply(alert);
  if (!isNew) return;
  chime(alert.priority === 'urgent');
  notify(alert);
}

export function renderBoard({ root, who, logout }: PageEnv): () => void {
  const count = alertCount();
  const grid = new AlertGrid(API_ACTIONS, (alerts) => count.show(alerts));
  const connection = connectionStatus();
  const unreadable = unreadableBanner();
  const ticker = setInterval(() => grid.tick(Date.now()), 1000);
  const stop = connectLive({
    snapshot: (alerts) => grid.replace(alerts),
    event: (type, alert) => announceNew(grid, type, alert),
    connected: (up) => connection.set(up),
    unreadable: () => unreadable.show(),
    loggedOut: sessionEnded,
  });

  root.replaceChildren(
    // One sticky bar, so the offline banner stays in view right under a header of any height.
    el(
      'div',
      { class: 'top-bar' },
      boardHeader(who, { count: count.node, connection: connection.badge }, logout),
      connection.banner,
    ),
    unreadable.node,
    el('main', { class: 'board' }, ...grid.nodes),
  );
  grid.replace([]);
  return () => {
    stop();
    clearInterval(ticker);
  };
}
