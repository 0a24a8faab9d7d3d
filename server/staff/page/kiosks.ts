// The Kiosks page (/staff/kiosks, admins): every kiosk of the fleet with its status and health,
// filtered by status, location and text, sorted by any column, a hundred rows a page, and kept
// live by a poll every 10 s that costs a 304 while nothing changed (and waits while the tab is
// hidden). Filter, sort and page are in the address, so a view can be bookmarked; ?kiosk=<id>
// shows one kiosk's history (kiosk-history.ts). New kiosks are enrolled on /staff/kiosks/enrol,
// linked from here. A fleet of thousands is filtered and sorted only when the list, the filter
// or the order changed, and only the page's rows are drawn.
import './kiosks.css';
import { FLEET_STATUSES, FleetListReply } from '../../../shared/fleet-api.ts';
import { getIfChanged, showLoadError } from './api.ts';
import { el } from './dom.ts';
import { field, select } from './form.ts';
import { STATUS_ORDER, STATUS_WORDS } from './fleet-words.ts';
import { renderKioskHistory } from './kiosk-history.ts';
import {
  COLUMNS,
  kioskTable,
  sortKiosks,
  type ListedKiosk,
  type SortState,
} from './kiosk-table.ts';
import { staffLink } from './link.ts';
import { pageHeader } from './page-header.ts';
import type { PageEnv } from './routes.ts';

const POLL_MS = 10_000;
/** Rows a page: a phone need not lay out 5,000 rows to show the worst ones. */
const PAGE_ROWS = 100;
/** Worst first, as the page opens. */
const DEFAULT_SORT: SortState = { column: 1, descending: false };

interface Filter {
  status: string;
  location: string;
  text: string;
}

function matches(k: ListedKiosk, f: Filter): boolean {
  if (f.status === 'problem' ? k.status === 'ok' : f.status && k.status !== f.status) return false;
  if (f.location && k.location !== f.location) return false;
  const text = f.text.trim().toLowerCase();
  return (
    !text ||
    [k.id, k.location, k.touchpoint, k.appVersion ?? ''].some((s) => s.toLowerCase().includes(text))
  );
}

function summary(kiosks: ListedKiosk[]): string {
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
  const sorted = COLUMNS.findIndex((c) => c.id === query.get('sort'));
  const sort: SortState =
    sorted < 0 ? { ...DEFAULT_SORT } : { column: sorted, descending: query.get('desc') === '1' };
  let pageNo = Math.max(1, Math.floor(Number(query.get('page'))) || 1);
  /** The last list, each kiosk with its place's name and hours. */
  let kiosks: ListedKiosk[] | null = null;
  let etag: string | null = null;
  /** The filtered kiosks in order; null when the list, the filter or the order changed since. */
  let shown: ListedKiosk[] | null = null;
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
  const table = kioskTable((column) => {
    sort.descending = sort.column === column ? !sort.descending : false;
    sort.column = column;
    changed();
  });
  const none = el('p', { class: 'field-hint' }, 'No kiosk matches this filter.');
  const tableBox = el('div', {});
  const pageNote = el('span', { class: 'field-hint' });
  const previous = el('button', { class: 'secondary', type: 'button' }, 'Previous');
  const next = el('button', { class: 'secondary', type: 'button' }, 'Next');
  const pager = el(
    'nav',
    { class: 'fleet-pager', 'aria-label': 'Pages of kiosks', hidden: '' },
    previous,
    pageNote,
    next,
  );

  /** The address says what is shown: filter, order (unless worst first) and page. */
  const remember = () => {
    const at = new URLSearchParams();
    if (filter.status) at.set('status', filter.status);
    if (filter.location) at.set('location', filter.location);
    if (filter.text) at.set('q', filter.text);
    if (sort.column !== DEFAULT_SORT.column || sort.descending) {
      at.set('sort', COLUMNS[sort.column]!.id);
      if (sort.descending) at.set('desc', '1');
    }
    if (pageNo > 1) at.set('page', String(pageNo));
    const search = at.toString();
    history.replaceState(null, '', `/staff/kiosks${search ? `?${search}` : ''}`);
  };

  const draw = () => {
    if (!kiosks) return;
    shown ??= sortKiosks(
      kiosks.filter((k) => matches(k, filter)),
      sort,
    );
    const pages = Math.max(1, Math.ceil(shown.length / PAGE_ROWS));
    pageNo = Math.min(pageNo, pages);
    const from = (pageNo - 1) * PAGE_ROWS;
    const rows = shown.slice(from, from + PAGE_ROWS);
    table.show(rows, sort, Date.now() + clockOffset);
    // The same table stays put (put back, it would lose its sideways scroll).
    const box = shown.length ? table.node : none;
    if (tableBox.firstChild !== box) tableBox.replaceChildren(box);
    pager.hidden = pages === 1;
    pageNote.textContent = `${from + 1}–${from + rows.length} of ${shown.length}`;
    previous.disabled = pageNo === 1;
    next.disabled = pageNo === pages;
    remember();
  };
  /** A new list: its places and counts, then the rows. */
  const received = (fresh: FleetListReply) => {
    const at = new Map(fresh.places.map((p) => [p.id, p]));
    kiosks = fresh.kiosks.map((k) => {
      const place = at.get(k.locationId)!;
      return { ...k, location: place.name, openNow: place.openNow };
    });
    shown = null;
    const places = [...new Set(fresh.places.map((p) => p.name))].sort();
    placePick.replaceChildren(
      el('option', { value: '' }, 'Every location'),
      ...places.map((p) => el('option', { value: p }, p)),
    );
    placePick.value = places.includes(filter.location) ? filter.location : '';
    counts.textContent = summary(kiosks);
  };
  /** The filter or the order changed: back to the first page. */
  const changed = () => {
    shown = null;
    pageNo = 1;
    draw();
  };
  const refilter = () => {
    filter.status = statusPick.value;
    filter.location = placePick.value;
    filter.text = text.value;
    changed();
  };
  statusPick.addEventListener('change', refilter);
  placePick.addEventListener('change', refilter);
  text.addEventListener('input', refilter);
  const turn = (by: number) => {
    pageNo += by;
    draw();
    tableBox.scrollIntoView({ block: 'start' });
  };
  previous.addEventListener('click', () => turn(-1));
  next.addEventListener('click', () => turn(1));

  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const poll = async () => {
    timer = null;
    if (stopped) return;
    if (!document.hidden) {
      try {
        const fresh = await getIfChanged(FleetListReply, 'kiosks', etag);
        if (stopped) return;
        if (fresh) {
          etag = fresh.etag;
          clockOffset = fresh.data.now - Date.now();
          received(fresh.data);
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
      pager,
    ),
  );
  void poll();
  return () => {
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    document.removeEventListener('visibilitychange', wake);
  };
}
