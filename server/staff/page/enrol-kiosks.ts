// The enrolment page (/staff/kiosks/enrol, admins): make a single-use code for a touchpoint, see
// it large with its QR code and expiry (the only time it is shown: the collector keeps its hash),
// and list and revoke the codes still open. The code is typed on the new kiosk's setup screen.
// The QR code carries lastword://enrol?collector=…&code=… for a device with a camera; no kiosk
// reads it yet.
import {
  CreatedEnrolmentCode,
  EnrolmentCodeListReply,
  type OpenEnrolmentCode,
} from '../../../shared/staff-api.ts';
import { getJson, sendJson } from './api.ts';
import { el, sentence } from './dom.ts';
import { field, onSubmit, select } from './form.ts';
import { pageHeader } from './page-header.ts';
import { qrSvg } from './qr.ts';
import type { PageEnv } from './routes.ts';
import { z } from 'zod';

const Revoked = z.strictObject({ ok: z.literal(true) });
const when = (iso: string) => new Date(iso).toLocaleString();

/** What the QR code says: where to enrol and with which code. */
export function enrolLink(code: string): string {
  const query = new URLSearchParams({ collector: location.origin, code });
  return `lastword://enrol?${query.toString()}`;
}

export function shownCode(made: CreatedEnrolmentCode['code']): HTMLElement {
  return el(
    'section',
    { class: 'enrol-code', 'aria-label': 'New enrolment code' },
    el(
      'div',
      {},
      el('p', { class: 'field-hint' }, `${made.location} / ${made.touchpoint}`),
      el('p', { class: 'code-text' }, made.code),
      el('p', {}, `Valid once, until ${when(made.expiresAt)}.`),
      el(
        'p',
        { class: 'field-hint' },
        `On the new kiosk's setup screen: collector ${location.origin}, this code, and the admin PIN it is to have. Shown only now.`,
      ),
    ),
    qrSvg(enrolLink(made.code), `QR code for enrolment code ${made.code}`),
  );
}

function openList(codes: OpenEnrolmentCode[], done: (message: string) => void): HTMLElement {
  if (!codes.length) return el('p', { class: 'field-hint' }, 'No open codes.');
  const rows = codes.map((c) => {
    const revoke = el('button', { class: 'ghost', type: 'button' }, 'Revoke');
    revoke.addEventListener('click', () => {
      revoke.disabled = true;
      sendJson(Revoked, 'DELETE', `enrolment-codes/${encodeURIComponent(c.id)}`)
        .then(() => done(`Revoked the code for ${c.location} / ${c.touchpoint}.`))
        .catch((e: Error) => done(sentence(e.message)));
    });
    return el(
      'tr',
      {},
      el('td', {}, `${c.location} / ${c.touchpoint}`),
      el('td', { 'data-label': 'Made' }, when(c.createdAt)),
      el('td', { 'data-label': 'Expires' }, when(c.expiresAt)),
      el('td', {}, revoke),
    );
  });
  return el(
    'table',
    { class: 'open-codes' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col' }, 'Touchpoint'),
        el('th', { scope: 'col' }, 'Made'),
        el('th', { scope: 'col' }, 'Expires'),
        el('th', { scope: 'col', 'aria-label': 'Action' }),
      ),
    ),
    el('tbody', {}, ...rows),
  );
}

export function renderEnrolKiosks({ root, who, logout }: PageEnv): void {
  const status = el('p', { class: 'page-status', role: 'status' });
  const made = el('div', { class: 'enrol-made' });
  const body = el('div', {});
  const load = (message = '') =>
    getJson(EnrolmentCodeListReply, 'enrolment-codes')
      .then(({ codes, places }) => {
        status.textContent = message;
        const place = select(
          'touchpoint',
          places.map((p, i) => [String(i), `${p.location} / ${p.touchpoint}`]),
          '0',
        );
        const hours = el('input', { type: 'number', min: '1', max: '168', value: '24' });
        const form = el(
          'form',
          { class: 'admin-form', 'aria-label': 'New enrolment code' },
          field('Touchpoint', place, 'Where the new kiosk will stand'),
          field('Valid for (hours)', hours, '1 to 168; 24 by default'),
          el('button', { class: 'primary', type: 'submit' }, 'Make a code'),
        );
        onSubmit(form, async () => {
          const at = places[Number(place.value)];
          if (!at) throw new Error('add a location and a touchpoint first');
          const { code } = await sendJson(CreatedEnrolmentCode, 'POST', 'enrolment-codes', {
            ...at,
            expiresInHours: Number(hours.value),
          });
          made.replaceChildren(shownCode(code));
          await load();
        });
        body.replaceChildren(
          places.length
            ? form
            : el('p', { class: 'field-hint' }, 'Add a location and a touchpoint first.'),
          el('h2', {}, 'Open codes'),
          openList(codes, (m) => void load(m)),
        );
      })
      .catch((e: Error) => {
        status.textContent = sentence(e.message);
      });
  root.replaceChildren(
    pageHeader(who, 'Enrol kiosks', logout),
    el('main', { class: 'admin-page' }, el('h1', {}, 'Enrol kiosks'), status, made, body),
  );
  void load();
}
