// Who gets a location's weekly digest by e-mail, under the poster (and never on its printout):
// anyone may have it sent to themselves, change the address or stop; managers and admins also see
// everyone who gets it and add or remove addresses without an account (a shared team inbox).
// Each change is the collector's to accept: its refusal (a bad address, one that already gets the
// digest) is shown next to the field, and nothing typed is cleared.
import { z } from 'zod';
import {
  DigestSubscriber,
  SubscriptionsReply,
  type SubscriptionsReply as Subscriptions,
} from '../../../shared/digest-api.ts';
import { getJson, sendJson } from './api.ts';
import { el, sentence } from './dom.ts';
import { field, onSubmit } from './form.ts';

const Nothing = z.undefined();
const SubscriberList = z.array(DigestSubscriber);

function emailInput(name: string, value = ''): HTMLInputElement {
  const input = el('input', {
    type: 'email',
    name,
    autocomplete: 'email',
    inputmode: 'email',
    spellcheck: 'false',
  });
  input.value = value;
  return input;
}

/** A date the subscriber has had it since, in this screen's own words ("2 Dec 2026"). */
const sinceDay = (iso: string) =>
  new Date(iso).toLocaleDateString([], { day: 'numeric', month: 'short', year: 'numeric' });

function mineForm(location: number, s: Subscriptions, reload: () => void): HTMLElement {
  const email = emailInput('email', s.mine?.email ?? '');
  const form = el(
    'form',
    { class: 'admin-form digest-form', 'aria-label': 'My subscription', novalidate: '' },
    field(
      'E-mail me this digest',
      email,
      s.mine ? 'Change the address to have it sent elsewhere' : 'Sent once a week, to you alone',
    ),
    el('button', { class: 'primary', type: 'submit' }, s.mine ? 'Change address' : 'Subscribe'),
  );
  onSubmit(form, async () => {
    await sendJson(Nothing, 'PUT', 'digest/subscriptions/mine', { location, email: email.value });
    reload();
  });
  const state = el(
    'p',
    { class: 'digest-state' },
    s.mine ? `You get this digest at ${s.mine.email}.` : 'You do not get this digest by e-mail.',
  );
  let stop: HTMLFormElement | null = null;
  if (s.mine) {
    stop = el(
      'form',
      { class: 'inline-form', 'aria-label': 'Stop my subscription' },
      el('button', { class: 'secondary', type: 'submit' }, 'Stop e-mailing me'),
    );
    onSubmit(stop, async () => {
      await sendJson(Nothing, 'DELETE', `digest/subscriptions/mine?location=${location}`);
      reload();
    });
  }
  return el('div', { class: 'digest-mine' }, el('h3', {}, 'For you'), state, form, stop);
}

function everyone(
  location: number,
  list: DigestSubscriber[],
  reload: () => void,
  show: (list: DigestSubscriber[]) => void,
): HTMLElement {
  const rows = list.map((s) => {
    const remove = el(
      'form',
      { class: 'inline-form', 'aria-label': `Remove ${s.email}` },
      el('button', { class: 'ghost', type: 'submit' }, 'Remove'),
    );
    onSubmit(remove, async () => {
      await sendJson(
        Nothing,
        'DELETE',
        `digest/subscribers/${encodeURIComponent(s.id)}?location=${location}`,
      );
      reload();
    });
    return el(
      'li',
      { class: 'subscriber' },
      el(
        'div',
        {},
        el('strong', {}, s.email),
        el(
          'span',
          { class: 'field-hint' },
          `${s.user ?? 'no account'} · since ${sinceDay(s.since)}`,
        ),
      ),
      remove,
    );
  });
  const email = emailInput('address');
  const add = el(
    'form',
    { class: 'admin-form digest-form', 'aria-label': 'Add an address', novalidate: '' },
    field(
      'Add an address without an account',
      email,
      'A team inbox or the staff-room printer: it gets the digest with a link to stop it',
    ),
    el('button', { class: 'secondary', type: 'submit' }, 'Add'),
  );
  onSubmit(add, async () => {
    show(
      await sendJson(SubscriberList, 'POST', 'digest/subscribers', {
        location,
        email: email.value,
      }),
    );
  });
  return el(
    'div',
    { class: 'digest-all' },
    el('h3', {}, 'Everyone who gets it'),
    list.length
      ? el('ul', { class: 'subscribers' }, ...rows)
      : el('p', { class: 'field-hint' }, 'Nobody gets this digest by e-mail yet.'),
    add,
  );
}

/** The panel for `location`; it loads itself and redraws after each change. */
export function subscriptionsPanel(location: number): HTMLElement {
  const body = el(
    'div',
    { class: 'digest-subs-body' },
    el('p', { class: 'field-hint' }, 'Loading subscriptions…'),
  );
  const panel = el(
    'section',
    { class: 'digest-subscriptions', 'aria-labelledby': 'subs-h' },
    el('h2', { id: 'subs-h' }, 'Get it by e-mail'),
    body,
  );
  let current: Subscriptions | null = null;
  const draw = (s: Subscriptions) => {
    current = s;
    body.replaceChildren(
      mineForm(location, s, load),
      ...(s.all
        ? [everyone(location, s.all, load, (all) => current && draw({ ...current, all }))]
        : []),
    );
  };
  function load(): void {
    getJson(SubscriptionsReply, `digest/subscriptions?location=${location}`)
      .then(draw)
      .catch((e: Error) =>
        body.replaceChildren(el('p', { class: 'form-error', role: 'alert' }, sentence(e.message))),
      );
  }
  load();
  return panel;
}
