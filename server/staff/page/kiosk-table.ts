// The Kiosks page's table: one row per kiosk, its first column (the kiosk and its place) kept in
// view while the rest scrolls sideways on a phone, every column sortable. Rows are drawn from
// the last reply and the page's own clock, so "3 min ago" moves on between polls.
import type { FleetKiosk } from '../../../shared/fleet-api.ts';
import { el } from './dom.ts';
import { STATUS_ORDER, STATUS_WORDS, ago, count, skew } from './fleet-words.ts';
import { staffLink } from './link.ts';

interface Column {
  label: string;
  /** What the column sorts by; null sorts last. */
  key(k: FleetKiosk): string | number | null;
  cell(k: FleetKiosk, nowMs: number): Node | string;
}

const time = (iso: string | null) => (iso === null ? null : Date.parse(iso));
const severity = (k: FleetKiosk) => STATUS_ORDER.indexOf(k.status);

/** The status as a badge, with since when and the other problems: the list's and a kiosk's page. */
export function statusBadge(
  k: Pick<FleetKiosk, 'status' | 'statusSince' | 'problems'>,
  nowMs: number,
): HTMLElement {
  const words = STATUS_WORDS[k.status];
  const badge = el('span', { class: `badge fleet-${k.status}` }, words.label);
  badge.title = words.meaning;
  const more = k.problems.slice(1).map((p) => STATUS_WORDS[p].label.toLowerCase());
  return el(
    'span',
    { class: 'fleet-status' },
    badge,
    k.statusSince && k.status !== 'ok' ? el('small', {}, `since ${ago(k.statusSince, nowMs)}`) : '',
    more.length ? el('small', {}, `also ${more.join(', ')}`) : '',
  );
}

export const COLUMNS: Column[] = [
  {
    label: 'Kiosk',
    key: (k) => `${k.location} ${k.touchpoint} ${k.id}`.toLowerCase(),
    cell: (k) =>
      el(
        'span',
        { class: 'fleet-kiosk' },
        staffLink(`/staff/kiosks?kiosk=${encodeURIComponent(k.id)}`, k.id),
        el('small', {}, `${k.location} / ${k.touchpoint}`),
      ),
  },
  { label: 'Status', key: severity, cell: statusBadge },
  {
    label: 'Online',
    key: (k) => (k.online ? 1 : 0),
    cell: (k) =>
      el(
        'span',
        { class: 'fleet-status' },
        k.online ? 'online' : 'offline',
        k.openNow ? '' : el('small', {}, 'store closed now'),
      ),
  },
  {
    label: 'Last heartbeat',
    key: (k) => time(k.lastHeartbeatAt),
    cell: (k, now) => ago(k.lastHeartbeatAt, now),
  },
  { label: 'Version', key: (k) => k.appVersion, cell: (k) => k.appVersion ?? '–' },
  { label: 'Queue', key: (k) => k.queueDepth, cell: (k) => count(k.queueDepth) },
  {
    label: 'Oldest unsent',
    key: (k) => time(k.oldestUnsentAt),
    cell: (k, now) => ago(k.oldestUnsentAt, now),
  },
  { label: 'Dead letters', key: (k) => k.deadLetters, cell: (k) => count(k.deadLetters) },
  {
    label: 'Storage errors',
    key: (k) => k.storageErrors,
    cell: (k) => {
      const cell = el('span', {}, count(k.storageErrors));
      if (k.storageError) cell.title = k.storageError;
      return cell;
    },
  },
  {
    label: 'Clock skew',
    key: (k) => (k.clockSkewMs === null ? null : Math.abs(k.clockSkewMs)),
    cell: (k) => skew(k.clockSkewMs),
  },
  { label: 'Restarts (24 h)', key: (k) => k.restarts24h, cell: (k) => String(k.restarts24h) },
  { label: 'Answers today', key: (k) => k.tapsToday, cell: (k) => count(k.tapsToday) },
  { label: 'Last answer', key: (k) => time(k.lastTapAt), cell: (k, now) => ago(k.lastTapAt, now) },
];

export interface SortState {
  column: number;
  descending: boolean;
}

export function sortKiosks(kiosks: FleetKiosk[], sort: SortState): FleetKiosk[] {
  const key = COLUMNS[sort.column]!.key;
  return [...kiosks].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === y) return severity(a) - severity(b) || a.id.localeCompare(b.id);
    if (x === null) return 1;
    if (y === null) return -1;
    const order = typeof x === 'string' ? x.localeCompare(String(y)) : x - (y as number);
    return sort.descending ? -order : order;
  });
}

/** The table of `kiosks` (already sorted); a header click calls `resort` with its column. */
export function kioskTable(
  kiosks: FleetKiosk[],
  sort: SortState,
  nowMs: number,
  resort: (column: number) => void,
): HTMLElement {
  const head = COLUMNS.map((c, i) => {
    const button = el('button', { type: 'button', class: 'sort' }, c.label);
    button.addEventListener('click', () => resort(i));
    const th = el('th', { scope: 'col' }, button);
    if (i === sort.column)
      th.setAttribute('aria-sort', sort.descending ? 'descending' : 'ascending');
    return th;
  });
  const rows = kiosks.map((k) =>
    el(
      'tr',
      { class: k.status === 'ok' ? '' : 'fleet-problem', 'data-kiosk': k.id },
      ...COLUMNS.map((c, i) =>
        i === 0
          ? el('th', { scope: 'row' }, c.cell(k, nowMs))
          : el('td', { 'data-label': c.label }, c.cell(k, nowMs)),
      ),
    ),
  );
  return el(
    'div',
    { class: 'scroll fleet-scroll' },
    el(
      'table',
      { class: 'data fleet-table' },
      el('thead', {}, el('tr', {}, ...head)),
      el('tbody', {}, ...rows),
    ),
  );
}
