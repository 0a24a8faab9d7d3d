// Following up a customer who asked to be contacted, on an alert card or a comment: the log of what was sent
// ("Follow-up e-mailed by Aino at 14:02 — delivered") and a form that starts from a template in
// the customer's language, which staff may edit before sending. The collector decides whether
// the customer may be written to (consent, redaction, limits) and says why not; the form shows
// its sentence. The status changes arrive as alert updates on the live stream.
import type {
  FollowUpDraft,
  FollowUpEntry,
  SendFollowUpBody,
} from '../../../shared/follow-up-api.ts';
import { el, sentence } from './dom.ts';
import { clock } from './time.ts';

/** Whom to follow up: the customer behind an alert card, or behind a comment in the feed. */
export type FollowUpTarget = { alertId: string } | { answerId: string };

export interface FollowUpActions {
  draft(target: FollowUpTarget): Promise<FollowUpDraft>;
  send(body: SendFollowUpBody): Promise<FollowUpEntry>;
}

const VERB = { email: 'e-mailed', sms: 'texted' } as const;
const CHANNEL = { email: 'E-mail', sms: 'SMS' } as const;

function outcome(f: FollowUpEntry): string {
  if (f.status === 'sent') return 'delivered';
  if (f.status === 'failed') return `failed: ${f.error ?? 'unknown error'}`;
  return f.attempts > 0 ? `sending… (attempt ${f.attempts + 1}; ${f.error ?? ''})` : 'sending…';
}

/** One line per message, oldest first. */
export function followUpLog(list: FollowUpEntry[] | undefined): HTMLElement | null {
  if (!list?.length) return null;
  return el(
    'ul',
    { class: 'follow-up-log', 'aria-label': 'Follow-ups' },
    ...list.map((f) =>
      el(
        'li',
        { class: `follow-up-${f.status}` },
        `Follow-up ${VERB[f.channel]} by ${f.sentBy} at ${clock(f.createdAt)} — ${outcome(f)}`,
      ),
    ),
  );
}

function form(target: FollowUpTarget, d: FollowUpDraft, act: FollowUpActions): HTMLElement {
  const error = el('p', { class: 'action-error', role: 'alert' });
  if (!d.channels.length)
    return el(
      'p',
      { class: 'action-error', role: 'alert' },
      'No way to reach this customer: the collector has no channel for the address they left.',
    );
  const channel = el(
    'select',
    { 'aria-label': 'Channel' },
    ...d.channels.map((c) => el('option', { value: c }, CHANNEL[c])),
  );
  const template = el(
    'select',
    { 'aria-label': 'Template' },
    ...d.templates.map((t) => el('option', { value: t.id }, t.name)),
  );
  const subject = el('input', { type: 'text', maxlength: '200', 'aria-label': 'Subject' });
  const text = el('textarea', { rows: '6', maxlength: '1000', 'aria-label': 'Message' });
  const fill = () => {
    const t = d.templates.find((x) => x.id === template.value) ?? d.templates[0]!;
    subject.value = t.subject;
    text.value = t.text;
  };
  const showSubject = () => (subject.hidden = channel.value !== 'email');
  fill();
  showSubject();
  template.addEventListener('change', fill);
  channel.addEventListener('change', showSubject);
  const send = el('button', { class: 'primary', type: 'button' }, 'Send follow-up');
  send.addEventListener('click', () => {
    send.disabled = true;
    error.textContent = '';
    const body = {
      ...target,
      channel: channel.value as SendFollowUpBody['channel'],
      template: template.value as SendFollowUpBody['template'],
      text: text.value,
      ...(channel.value === 'email' && subject.value.trim() && { subject: subject.value }),
    };
    act
      .send(body)
      .then(() => node.replaceWith(el('p', { class: 'follow-up-sent' }, 'Follow-up queued.')))
      .catch((e: Error) => {
        error.textContent = sentence(e.message);
        send.disabled = false;
      });
  });
  const node = el(
    'div',
    { class: 'follow-up-form', lang: d.language },
    el('div', { class: 'follow-up-row' }, channel, template),
    subject,
    text,
    send,
    error,
  );
  return node;
}

/** The "Follow up…" button, which opens the form in its place. */
export function followUpButton(target: FollowUpTarget, act: FollowUpActions): HTMLElement {
  const error = el('p', { class: 'action-error', role: 'alert' });
  const open = el('button', { class: 'secondary', type: 'button' }, 'Follow up…');
  const slot = el('div', { class: 'follow-up' }, open, error);
  open.addEventListener('click', () => {
    open.disabled = true;
    error.textContent = '';
    act
      .draft(target)
      .then((d) => slot.replaceChildren(form(target, d, act)))
      .catch((e: Error) => {
        error.textContent = sentence(e.message);
        open.disabled = false;
      });
  });
  return slot;
}
