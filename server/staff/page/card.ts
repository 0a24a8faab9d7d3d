// One alert as a large card. Every piece of customer text (comment, reasons, contact) goes in as
// a string child of el(), i.e. a Text node: it shows exactly as typed and is never parsed.
import type { AlertOutcome, StaffAlert } from '../../../shared/staff-api.ts';
import { el, sentence } from './dom.ts';
import { followUpButton, followUpLog, type FollowUpActions } from './follow-up.ts';
import { KIND_LABEL, OUTCOME_LABEL, PRIORITY_LABEL, SMILEY_LABEL, isOutcome } from './labels.ts';
import { clock, since } from './time.ts';

/** What a card's buttons do; each resolves to the alert as it is now. */
export interface CardActions {
  acknowledge(id: string): Promise<StaffAlert>;
  resolve(id: string, outcome: AlertOutcome, note: string): Promise<StaffAlert>;
  followUp: FollowUpActions;
}

function scores(a: StaffAlert): HTMLElement | null {
  const items: [string, string][] = [];
  if (a.smiley !== undefined)
    items.push(['Smiley', `${a.smiley}/5 · ${SMILEY_LABEL[a.smiley] ?? ''}`]);
  if (a.nps !== undefined) items.push(['NPS', `${a.nps}/10`]);
  if (a.ces !== undefined) items.push(['Effort', `${a.ces}/7`]);
  if (!items.length) return null;
  return el(
    'dl',
    { class: 'scores' },
    ...items.map(([k, v]) => el('div', { class: 'score' }, el('dt', {}, k), el('dd', {}, v))),
  );
}

function contact(a: StaffAlert): HTMLElement | null {
  if (!a.contact) return null;
  return el(
    'div',
    { class: 'contact' },
    el('span', { class: 'label' }, 'Contact (consented)'),
    el('strong', { class: 'contact-name' }, a.contact.name),
    a.contact.phone && el('span', { class: 'contact-line' }, a.contact.phone),
    a.contact.email && el('span', { class: 'contact-line' }, a.contact.email),
  );
}

function statusLine(a: StaffAlert): HTMLElement | null {
  if (a.status === 'open' || !a.acknowledgedBy || !a.acknowledgedAt) return null;
  return el(
    'p',
    { class: 'status-line' },
    `Acknowledged by ${a.acknowledgedBy} at ${clock(a.acknowledgedAt)}`,
  );
}

/** Disables the button while `run` works; a failure is shown in `error` and the button re-armed. */
function onPress(button: HTMLButtonElement, error: HTMLElement, run: () => Promise<unknown>): void {
  button.addEventListener('click', () => {
    button.disabled = true;
    error.textContent = '';
    run().catch((e: Error) => {
      error.textContent = sentence(e.message);
      button.disabled = false;
    });
  });
}

function resolveForm(a: StaffAlert, act: CardActions, error: HTMLElement): HTMLElement {
  const outcome = el(
    'select',
    { 'aria-label': 'Outcome' },
    el('option', { value: '' }, 'Outcome…'),
    ...Object.entries(OUTCOME_LABEL).map(([v, t]) => el('option', { value: v }, t)),
  );
  const note = el('input', {
    type: 'text',
    maxlength: '2000',
    placeholder: 'Note',
    'aria-label': 'Note',
  });
  const done = el(
    'button',
    { class: a.status === 'open' ? 'secondary' : 'primary', type: 'button' },
    'Resolve',
  );
  onPress(done, error, async () => {
    const chosen = outcome.value;
    if (!isOutcome(chosen)) throw new Error('Choose an outcome first');
    await act.resolve(a.id, chosen, note.value.trim());
  });
  return el('div', { class: 'resolve' }, outcome, note, done);
}

function actions(a: StaffAlert, act: CardActions): HTMLElement {
  const error = el('p', { class: 'action-error', role: 'alert' });
  let ack: HTMLButtonElement | null = null;
  if (a.status === 'open') {
    ack = el('button', { class: 'primary', type: 'button' }, 'Acknowledge — I am on it');
    onPress(ack, error, () => act.acknowledge(a.id));
  }
  return el('div', { class: 'actions' }, ack, resolveForm(a, act, error), error);
}

function head(a: StaffAlert, nowMs: number): HTMLElement {
  return el(
    'header',
    { class: 'card-head' },
    el(
      'div',
      { class: 'tags' },
      el('span', { class: 'kind' }, KIND_LABEL[a.kind]),
      a.waiting && el('span', { class: 'badge waiting' }, 'Waiting'),
      a.late &&
        el(
          'span',
          { class: 'badge late', title: 'The kiosk was offline; this arrived late' },
          'Arrived late',
        ),
      a.status === 'acknowledged' && el('span', { class: 'badge acked' }, 'Acknowledged'),
    ),
    el(
      'time',
      { class: 'since', 'data-since': a.createdAt, datetime: a.createdAt },
      since(a.createdAt, nowMs),
    ),
  );
}

function what(a: StaffAlert): HTMLElement[] {
  return [
    el(
      'h2',
      { class: 'where' },
      a.location,
      el('span', { class: 'touchpoint-sep' }, ' · '),
      el('span', { class: 'touchpoint' }, a.touchpoint),
    ),
    el(
      'p',
      { class: 'when' },
      el('strong', { class: 'priority-word' }, PRIORITY_LABEL[a.priority]),
      ` · at ${clock(a.createdAt)}`,
      a.aggregateCount > 0 && ` · +${a.aggregateCount} more from this kiosk`,
    ),
  ];
}

function customerWords(a: StaffAlert): (HTMLElement | null)[] {
  return [
    a.reasons?.length
      ? el(
          'ul',
          { class: 'reasons', 'aria-label': 'Reasons' },
          ...a.reasons.map((r) => el('li', {}, r)),
        )
      : null,
    comment(a),
  ];
}

/** The comment, or a word that one was removed, so staff do not wonder whether it ever came. */
function comment(a: StaffAlert): HTMLElement | null {
  if (a.comment) return el('blockquote', { class: 'comment' }, a.comment);
  if (a.redactedAt)
    return el('p', { class: 'redacted' }, 'Comment and contact removed for privacy');
  return null;
}

export function renderCard(a: StaffAlert, act: CardActions, nowMs: number): HTMLElement {
  return el(
    'article',
    {
      class: `card priority-${a.priority} status-${a.status}`,
      'data-alert-id': a.id,
      'aria-label': `${KIND_LABEL[a.kind]} at ${a.location}`,
    },
    head(a, nowMs),
    ...what(a),
    scores(a),
    ...customerWords(a),
    contact(a),
    followUpLog(a.followUps),
    a.contact && !a.redactedAt ? followUpButton({ alertId: a.id }, act.followUp) : null,
    statusLine(a),
    actions(a, act),
  );
}
