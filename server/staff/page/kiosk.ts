// One kiosk in the web admin (/staff/kiosks/<id>, admins; the Kiosks list links here): what it
// is and how it last reported, the actions IT may take on it from afar, and every order with
// what became of it, newest first. Retire, replace and a new token ask to be confirmed first.
// Log lines the kiosk sent are shown as text (they are filtered on the kiosk: codes and ids).
// While an order is open the page looks again every few seconds.
import {
  KioskActionReply,
  KioskDetailReply,
  type KioskAction,
  type KioskCommandView,
  type KioskDetail,
  type KioskFleetStatus,
} from '../../../shared/staff-kiosk-api.ts';
import { getJson, sendJson } from './api.ts';
import { el, sentence } from './dom.ts';
import { shownCode } from './enrol-kiosks.ts';
import { statusBadge } from './kiosk-table.ts';
import { staffLink } from './link.ts';
import { pageHeader } from './page-header.ts';
import type { PageEnv } from './routes.ts';
import './kiosk.css';

const REFRESH_MS = 4_000;
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

const KIND: Record<KioskCommandView['kind'], string> = {
  reload: 'Reload the UI',
  resend_dead_letters: 'Re-send dead letters',
  rotate_token: 'New device token',
  fetch_logs: 'Fetch log lines',
};

/** The actions that cannot be undone or cut a device off, and what to say before them. */
const CONFIRM: Partial<Record<KioskAction, string>> = {
  rotate_token:
    'The kiosk gets a new token with its next heartbeat; the old one stops working once the kiosk uses the new one.',
  retire:
    'Its token stops working at once and it leaves the active fleet. Its answers and history stay.',
  replace:
    'It is retired now, and you get an enrolment code for the new device, which takes over its touchpoint and config.',
};

function facts(k: KioskDetail, fleet: KioskFleetStatus | null): HTMLElement {
  const row = (term: string, value: Node | string) =>
    el('div', {}, el('dt', {}, term), el('dd', {}, value));
  const lineage = (id: string | null) => (id ? staffLink(`/staff/kiosks/${id}`, id) : '—');
  return el(
    'dl',
    { class: 'kiosk-facts' },
    row('Place', `${k.location} / ${k.touchpoint}`),
    // The Kiosks list's status, under the list's own name for it; a retired kiosk is not judged.
    row(
      'Fleet status',
      k.retiredAt
        ? `Retired ${when(k.retiredAt)}`
        : fleet
          ? statusBadge(
              { ...fleet, statusSince: fleet.since === null ? null : Date.parse(fleet.since) },
              Date.now(),
            )
          : '—',
    ),
    row('Version', k.appVersion ?? '—'),
    row('Last heartbeat', when(k.lastHeartbeatAt)),
    row('Queue', k.queueDepth === null ? '—' : String(k.queueDepth)),
    row('Last error', k.lastError ?? 'none'),
    row('Enrolled', when(k.enrolledAt)),
    ...(k.replaces ? [row('Replaces', lineage(k.replaces))] : []),
    ...(k.replacedBy ? [row('Replaced by', lineage(k.replacedBy))] : []),
  );
}

function history(commands: KioskCommandView[]): HTMLElement {
  if (!commands.length) return el('p', { class: 'field-hint' }, 'No orders yet.');
  return el(
    'ol',
    { class: 'audit-list command-list' },
    ...commands.map((c) =>
      el(
        'li',
        { class: 'audit-entry' },
        el(
          'p',
          { class: 'command-head' },
          el('strong', {}, KIND[c.kind]),
          el('span', { class: `badge status-${c.status}` }, c.status),
        ),
        el(
          'p',
          { class: 'field-hint' },
          `Ordered by ${c.orderedBy} ${when(c.orderedAt)} · sent ${when(c.sentAt)} · finished ${when(c.finishedAt)}`,
        ),
        c.message ? el('p', {}, sentence(c.message)) : null,
        c.logLines
          ? el(
              'details',
              { class: 'fold' },
              el(
                'summary',
                {},
                `${c.logLines.length} log line${c.logLines.length === 1 ? '' : 's'}`,
              ),
              el('pre', { class: 'log-lines' }, c.logLines.join('\n')),
            )
          : null,
      ),
    ),
  );
}

export function renderKiosk({ root, who, logout }: PageEnv): () => void {
  const id = decodeURIComponent(location.pathname.split('/').pop() ?? '');
  const status = el('p', { class: 'page-status', role: 'status' });
  const made = el('div', {});
  const body = el('div', {});
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const act = (action: KioskAction, extra: { lines?: number } = {}) =>
    sendJson(KioskActionReply, 'POST', `kiosks/${encodeURIComponent(id)}/actions`, {
      action,
      ...extra,
    })
      .then((reply) => {
        if (reply.code) made.replaceChildren(shownCode(reply.code));
        show(reply, `Ordered: ${KIND[action as KioskCommandView['kind']] ?? action}.`);
      })
      .catch((e: Error) => {
        status.textContent = sentence(e.message);
      });

  /** A button; a destructive one first shows its consequence and a second button to confirm. */
  const button = (action: KioskAction, label: string, run: () => void): HTMLElement => {
    const start = el(
      'button',
      { class: CONFIRM[action] ? 'ghost danger' : 'secondary', type: 'button' },
      label,
    );
    const warning = CONFIRM[action];
    if (!warning) {
      start.addEventListener('click', run);
      return start;
    }
    const yes = el('button', { class: 'primary danger', type: 'button' }, `Yes: ${label}`);
    const no = el('button', { class: 'ghost', type: 'button' }, 'Cancel');
    const ask = el(
      'div',
      { class: 'confirm', role: 'group', 'aria-label': label, hidden: '' },
      el('p', {}, warning),
      yes,
      no,
    );
    start.addEventListener('click', () => {
      ask.hidden = false;
      start.hidden = true;
      yes.focus();
    });
    no.addEventListener('click', () => {
      ask.hidden = true;
      start.hidden = false;
    });
    yes.addEventListener('click', () => {
      yes.disabled = true;
      run();
    });
    return el('div', { class: 'action' }, start, ask);
  };

  const actions = (k: KioskDetail): HTMLElement => {
    if (k.retiredAt && k.replacedBy)
      return el('p', { class: 'field-hint' }, 'This kiosk was retired and replaced.');
    const lines = el('input', { type: 'number', min: '1', max: '200', value: '50' });
    const fetchLogs = el(
      'div',
      { class: 'action inline' },
      el('label', { class: 'lines-field' }, 'Lines', lines),
      button(
        'fetch_logs',
        'Fetch log lines',
        () => void act('fetch_logs', { lines: Number(lines.value) }),
      ),
    );
    const live = k.retiredAt
      ? []
      : [
          button('reload', 'Reload the UI', () => void act('reload')),
          button(
            'resend_dead_letters',
            'Re-send dead letters',
            () => void act('resend_dead_letters'),
          ),
          fetchLogs,
          button('rotate_token', 'New device token', () => void act('rotate_token')),
          button('retire', 'Retire', () => void act('retire')),
        ];
    return el(
      'div',
      { class: 'kiosk-actions' },
      ...live,
      button('replace', 'Replace with a new device', () => void act('replace')),
    );
  };

  const show = (reply: KioskDetailReply, message = '') => {
    status.textContent = message;
    body.replaceChildren(
      facts(reply.kiosk, reply.fleet),
      el('h2', {}, 'Actions'),
      el(
        'p',
        { class: 'field-hint' },
        'The kiosk carries an order out at its next heartbeat (once a minute); a reload waits until no customer is at the panel.',
      ),
      actions(reply.kiosk),
      el('h2', {}, 'Orders'),
      history(reply.commands),
    );
    if (timer) clearTimeout(timer);
    const open = reply.commands.some((c) => c.status === 'pending' || c.status === 'sent');
    if (open && !stopped) timer = setTimeout(() => void load(), REFRESH_MS);
  };

  const load = () =>
    getJson(KioskDetailReply, `kiosks/${encodeURIComponent(id)}`)
      .then((reply) => show(reply, status.textContent ?? ''))
      .catch((e: Error) => {
        status.textContent = sentence(e.message);
      });

  root.replaceChildren(
    pageHeader(who, 'Kiosk', logout),
    el(
      'main',
      { class: 'admin-page kiosk-page' },
      el('h1', {}, `Kiosk ${id}`),
      el(
        'p',
        {},
        staffLink(`/staff/kiosks?kiosk=${encodeURIComponent(id)}`, 'Its 30-day history'),
        ' · ',
        staffLink('/staff/kiosks', 'All kiosks'),
      ),
      status,
      made,
      body,
    ),
  );
  void load();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
