// The Kiosks page (/staff/kiosks, admins): every kiosk of the fleet with its status and health,
// filtered by status, location and text, sorted by any column, and kept live by a poll every
// 10 s that costs a 304 while nothing changed (and waits while the tab is hidden). The filter
// is in the address, so a view can be bookmarked; ?kiosk=<id> shows one kiosk's history
// (kiosk-history.ts). New kiosks are enrolled on /staff/kiosks/enrol, linked from here.
import './kiosks.css';
import { FLEET_STATUSES, FleetReply, type FleetKiosk } from '../../../shared/fleet-api.ts';
import { getIfChanged, showLoadError } from './api.ts';
import { el } from './dom.ts';
import { field, select } from './form.ts';
import { STATUS_ORDER, STATUS_WORDS } from './fleet-words.ts';
import { renderKioskHistory } from './kiosk-history.ts';
import { kioskTable, sortKiosks, type SortState } from './kiosk-table.ts';
import { staffLink } from './link.ts';
import { pageHeader } from './page-header.ts';
import type { PageEnv } from './routes.ts';

const POLL_MS = 10_000;
/** Rows drawn at first: a phone need not lay out 5,000 rows to show the worst ones. */
const FIRST_ROWS = 200;

interface Filter {
  status: string;
  location: string;
  text: string;
}

function matches(k: FleetKiosk, f: Filter): boolean {
  if (f.status === 'problem' ? k.status === 'ok' : f.status && k.status !== f.status) return false;
  if (f.location && k.location !== f.location) return false;
  const text = f.text.trim().toLowerCase();
  return (
    !text ||
    [k.id, k.location, k.touchpoint, k.appVersion ?? ''].some((s) => s.toLowerCase().includes(text))
  );
}

function summary(kiosks: FleetKiosk[]): string {
  const counts = STATUS_ORDER.map((s) => [s, kiosks.filter((k) => k.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${STATUS_WORDS[s].label.toLowerCase()}`);
  return `${kiosks.length} kiosk${kiosks.length === 1 ? '' : 's'}${counts.length ? `: ${counts.join(', ')}` : ''}.`;
}

export function renderKiosks(env: PageEnv): () => void {
  const query = new URLSearchParams(location.search);
  const one = query.get('kiosk');
  if (one) return renderKioskHistory(env, one);
  const filter: Filter = {
    status: query.get('status') ?? '',
    location: query.get('location') ?? '',
    text: query.get('q') ?? '',
  };
  const sort: SortState = { column: 1, descending: false };
  let reply: FleetReply | null = null;
  let etag: string | null = null;
  let showAll = false;
  /** The collector's clock less this browser's: "3 min ago" is by the collector's clock. */
  let clockOffset = 0;

  const status = el('p', { class: 'page-status', role: 'status' }, 'Loading kiosks…');
  const counts = el('p', { class: 'fleet-summary', 'aria-live': 'polite' });
  const statusPick = select(
    'status',
    [
      ['', 'Any status'],
      ['problem', 'Any problem'],
      ...STATUS_ORDER.map((s): [string, string] => [s, STATUS_WORDS[s].label]),
    ],
    FLEET_STATUSES.includes(filter.status as never) || filter.status === 'problem'
      ? filter.status
      : '',
  );
  const placePick = select('location', [['', 'Every location']], '');
  const text = el('input', {
    type: 'search',
    name: 'q',
    placeholder: 'Kiosk, touchpoint, version',
  });
  text.value = filter.text;
  const tableBox = el('div', {});
  const more = el('button', { class: 'secondary', type: 'button', hidden: '' });

  const draw = () => {
    if (!reply) return;
    const places = [...new Set(reply.kiosks.map((k) => k.location))].sort();
    placePick.replaceChildren(
      el('option', { value: '' }, 'Every location'),
      ...places.map((p) => el('option', { value: p }, p)),
    );
    placePick.value = places.includes(filter.location) ? filter.location : '';
    counts.textContent = summary(reply.kiosks);
    const shown = sortKiosks(
      reply.kiosks.filter((k) => matches(k, filter)),
      sort,
    );
    const rows = showAll ? shown : shown.slice(0, FIRST_ROWS);
    tableBox.replaceChildren(
      shown.length
        ? kioskTable(rows, sort, Date.now() + clockOffset, (column) => {
            sort.descending = sort.column === column ? !sort.descending : false;
            sort.column = column;
            draw();
          })
        : el('p', { class: 'field-hint' }, 'No kiosk matches this filter.'),
    );
    more.hidden = rows.length === shown.length;
    more.textContent = `Show all ${shown.length}`;
  };
  const refilter = () => {
    filter.status = statusPick.value;
    filter.location = placePick.value;
    filter.text = text.value;
    const next = new URLSearchParams();
    if (filter.status) next.set('status', filter.status);
    if (filter.location) next.set('location', filter.location);
    if (filter.text) next.set('q', filter.text);
    const search = next.toString();
    history.replaceState(null, '', `/staff/kiosks${search ? `?${search}` : ''}`);
    draw();
  };
  statusPick.addEventListener('change', refilter);
  placePick.addEventListener('change', refilter);
  text.addEventListener('input', refilter);
  more.addEventListener('click', () => {
    showAll = true;
    draw();
  });

  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const poll = async () => {
    timer = null;
    if (stopped) return;
    if (!document.hidden) {
      try {
        const fresh = await getIfChanged(FleetReply, 'kiosks', etag);
        if (stopped) return;
        if (fresh) {
          ({ data: reply, etag } = fresh);
          clockOffset = Date.parse(fresh.data.now) - Date.now();
        }
        status.textContent = '';
        status.classList.remove('results-error');
        status.removeAttribute('role');
        draw();
      } catch (e) {
        if (stopped) return;
        showLoadError(status, e as Error, 'The kiosks');
      }
    }
    if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
  };
  const wake = () => {
    if (!document.hidden && timer !== null) {
      clearTimeout(timer);
      void poll();
    }
  };
  document.addEventListener('visibilitychange', wake);

  env.root.replaceChildren(
    pageHeader(env.who, 'Kiosks', env.logout),
    el(
      'main',
      { class: 'admin-page fleet-page' },
      el(
        'div',
        { class: 'fleet-title' },
        el('h1', {}, 'Kiosks'),
        staffLink('/staff/kiosks/enrol', 'Enrol a kiosk', { class: 'button-link' }),
      ),
      status,
      counts,
      el(
        'form',
        { class: 'fleet-filters', role: 'search', 'aria-label': 'Filter kiosks' },
        field('Status', statusPick),
        field('Location', placePick),
        field('Search', text),
      ),
      tableBox,
      more,
    ),
  );
  void poll();
  return () => {
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    document.removeEventListener('visibilitychange', wake);
  };
}
