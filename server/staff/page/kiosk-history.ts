// One kiosk's history (/staff/kiosks?kiosk=<id>): its status now, each change of status in the
// last 30 days (when it went offline, and when it came back), and its hours: heartbeats (60 is
// a full hour), restarts, the longest queue, the worst clock skew, storage failures.
import { FleetHistoryReply, type FleetHour } from '../../../shared/fleet-api.ts';
import { getJson, showLoadError } from './api.ts';
import { el } from './dom.ts';
import { STATUS_WORDS, count, skew, when } from './fleet-words.ts';
import { statusBadge } from './kiosk-table.ts';
import { staffLink } from './link.ts';
import { pageHeader } from './page-header.ts';
import type { PageEnv } from './routes.ts';

const th = (text: string) => el('th', { scope: 'col' }, text);

function hourRow(h: FleetHour): HTMLElement {
  return el(
    'tr',
    { class: h.heartbeats < 50 || h.restarts || h.storageFailing ? 'fleet-problem' : '' },
    el('th', { scope: 'row' }, when(h.hour)),
    el('td', { 'data-label': 'Heartbeats' }, String(h.heartbeats)),
    el('td', { 'data-label': 'Restarts' }, String(h.restarts)),
    el('td', { 'data-label': 'Longest queue' }, String(h.maxQueueDepth)),
    el('td', { 'data-label': 'Worst skew' }, skew(h.maxAbsSkewMs)),
    el('td', { 'data-label': 'Storage failing' }, String(h.storageFailing)),
    el('td', { 'data-label': 'Dead letters' }, count(h.deadLetters)),
    el('td', { 'data-label': 'Answers today' }, count(h.tapsToday)),
  );
}

export function renderKioskHistory(env: PageEnv, kioskId: string): () => void {
  const status = el('p', { class: 'page-status', role: 'status' }, 'Loading the history…');
  const body = el('div', {});
  env.root.replaceChildren(
    pageHeader(env.who, 'Kiosks', env.logout),
    el(
      'main',
      { class: 'admin-page fleet-page' },
      el(
        'div',
        { class: 'fleet-title' },
        el('h1', {}, kioskId),
        staffLink(`/staff/kiosks/${encodeURIComponent(kioskId)}`, 'Remote actions', {
          class: 'button-link',
        }),
        staffLink('/staff/kiosks', 'All kiosks', { class: 'button-link' }),
      ),
      status,
      body,
    ),
  );
  let stopped = false;
  getJson(FleetHistoryReply, `kiosks/${encodeURIComponent(kioskId)}/history`)
    .then(({ now, kiosk, events, hours }) => {
      if (stopped) return;
      status.textContent = '';
      body.replaceChildren(
        el(
          'p',
          { class: 'fleet-now' },
          `${kiosk.location} / ${kiosk.touchpoint}, version ${kiosk.appVersion ?? 'unknown'}: `,
          statusBadge(
            {
              ...kiosk,
              statusSince: kiosk.statusSince === null ? null : Date.parse(kiosk.statusSince),
            },
            Date.parse(now),
          ),
        ),
        el('h2', {}, 'Status changes (30 days)'),
        events.length
          ? el(
              'ol',
              { class: 'audit-list' },
              ...events.map((e) =>
                el(
                  'li',
                  { class: 'audit-entry' },
                  el('time', { datetime: e.at }, when(e.at)),
                  el(
                    'p',
                    {},
                    el('strong', {}, STATUS_WORDS[e.status].label),
                    e.previous ? ` (was ${STATUS_WORDS[e.previous].label.toLowerCase()})` : '',
                  ),
                ),
              ),
            )
          : el('p', { class: 'field-hint' }, 'No change recorded yet.'),
        el('h2', {}, 'Hours (30 days)'),
        hours.length
          ? el(
              'div',
              { class: 'scroll fleet-scroll' },
              el(
                'table',
                { class: 'data fleet-table' },
                el(
                  'thead',
                  {},
                  el(
                    'tr',
                    {},
                    th('Hour'),
                    th('Heartbeats'),
                    th('Restarts'),
                    th('Longest queue'),
                    th('Worst skew'),
                    th('Storage failing'),
                    th('Dead letters'),
                    th('Answers today'),
                  ),
                ),
                el('tbody', {}, ...hours.map(hourRow)),
              ),
            )
          : el('p', { class: 'field-hint' }, 'No heartbeat in the last 30 days.'),
      );
    })
    .catch((e: Error) => {
      if (!stopped) showLoadError(status, e, 'The history');
    });
  return () => {
    stopped = true;
  };
}
