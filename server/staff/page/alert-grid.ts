// The board's cards: open and acknowledged alerts, open first, then urgent and newest first.
// Cards are rebuilt only when their alert changed, so a note being typed on one card survives
// updates to the others; resolved alerts leave the board.
import type { StaffAlert } from '../../../shared/staff-api.ts';
import { renderCard, type CardActions } from './card.ts';
import { el } from './dom.ts';
import { since } from './time.ts';

const RANK = { urgent: 0, high: 1, normal: 2 } as const;

function order(a: StaffAlert, b: StaffAlert): number {
  if (a.status !== b.status) return a.status === 'open' ? -1 : 1;
  if (a.priority !== b.priority) return RANK[a.priority] - RANK[b.priority];
  return b.receivedAt.localeCompare(a.receivedAt);
}

function emptyNote(): HTMLElement {
  return el(
    'div',
    { class: 'empty' },
    el('p', { class: 'empty-title' }, 'All quiet'),
    el('p', {}, 'New alerts appear here the moment a kiosk sends them.'),
  );
}

export class AlertGrid {
  /** The cards, and the "all quiet" note shown instead when there are none. */
  readonly nodes: HTMLElement[];
  private readonly grid = el('section', { class: 'grid', 'aria-label': 'Alerts' });
  private readonly empty = emptyNote();
  private readonly alerts = new Map<string, StaffAlert>();
  private readonly cards = new Map<string, { json: string; node: HTMLElement }>();
  private readonly actions: CardActions;
  private readonly changed: (alerts: StaffAlert[]) => void;

  /**
   * `actions` call the API for a card's buttons; `changed` hears the alerts in board order after
   * every change (the header counts them).
   */
  constructor(actions: CardActions, changed: (alerts: StaffAlert[]) => void) {
    this.nodes = [this.empty, this.grid];
    this.changed = changed;
    // A card's own button shows its result at once, before the stream's update arrives.
    this.actions = {
      acknowledge: async (id) => this.apply(await actions.acknowledge(id)),
      resolve: async (id, outcome, note) => this.apply(await actions.resolve(id, outcome, note)),
      followUp: actions.followUp,
    };
  }

  has(id: string): boolean {
    return this.alerts.has(id);
  }

  /** Shows a new or changed alert; a resolved one leaves the board. */
  apply(alert: StaffAlert): StaffAlert {
    if (alert.status === 'resolved') this.alerts.delete(alert.id);
    else this.alerts.set(alert.id, alert);
    this.draw();
    return alert;
  }

  /** Shows exactly these alerts (the stream's snapshot). */
  replace(alerts: StaffAlert[]): void {
    this.alerts.clear();
    for (const a of alerts) if (a.status !== 'resolved') this.alerts.set(a.id, a);
    this.draw();
  }

  /** Recomputes every "3 min ago". */
  tick(nowMs: number): void {
    for (const t of this.grid.querySelectorAll<HTMLElement>('[data-since]'))
      t.textContent = since(t.dataset.since!, nowMs);
  }

  private draw(): void {
    const now = Date.now();
    const list = [...this.alerts.values()].sort(order);
    this.dropGone();
    list.forEach((a, i) => {
      const node = this.cardFor(a, now);
      const there = this.grid.children[i];
      if (there !== node) this.grid.insertBefore(node, there ?? null);
    });
    this.empty.hidden = list.length > 0;
    this.changed(list);
  }

  private dropGone(): void {
    for (const [id, card] of this.cards) {
      if (this.alerts.has(id)) continue;
      card.node.remove();
      this.cards.delete(id);
    }
  }

  private cardFor(a: StaffAlert, nowMs: number): HTMLElement {
    const json = JSON.stringify(a);
    const card = this.cards.get(a.id);
    if (card?.json === json) return card.node;
    const node = renderCard(a, this.actions, nowMs);
    card?.node.replaceWith(node);
    this.cards.set(a.id, { json, node });
    return node;
  }
}
