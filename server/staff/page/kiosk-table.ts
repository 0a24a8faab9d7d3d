// The Kiosks page's table: one row per kiosk, its first column (the kiosk and its place) kept in
// view while the rest scrolls sideways on a phone, every column sortable. Rows are drawn from
// the last reply and the page's own clock, so "3 min ago" moves on between polls. The table is
// made once and only its rows are redrawn, so a poll keeps where the reader scrolled to.
import type { FleetRow, FleetStatus } from '../../../shared/fleet-api.ts';
import { el } from './dom.ts';
import { STATUS_ORDER, STATUS_WORDS, ago, count, skew } from './fleet-words.ts';
import { staffLink } from './link.ts';

/** A row of the list with its place's name and hours. */
export type ListedKiosk = FleetRow & { location: string; openNow: boolean };

interface Column {
  /** The column's name in the address (?sort=). */
  id: string;
  label: string;
  /** What the column sorts by; null sorts last. */
  key(k: ListedKiosk): string | number | null;
  cell(k: ListedKiosk, nowMs: number): Node | string;
}

const severity = (k: ListedKiosk) => STATUS_ORDER.indexOf(k.status);

/**
 * The status as a badge, with since when (epoch ms) and the other problems: the list's and a
 * kiosk's page.
 */
export function statusBadge(
  k: { status: FleetStatus; statusSince?: number | null; problems?: FleetStatus[] },
  nowMs: number,
): HTMLElement {
  const words = STATUS_WORDS[k.status];
  const badge = el('span', { class: `badge fleet-${k.status}` }, words.label);
  badge.title = words.meaning;
  const more = (k.problems ?? []).slice(1).map((p) => STATUS_WORDS[p].label.toLowerCase());
  return el(
    'span',
    { class: 'fleet-status' },
    badge,
    k.statusSince != null && k.status !== 'ok'
      ? el('small', {}, `since ${ago(k.statusSince, nowMs)}`)
      : '',
    more.length ? el('small', {}, `also ${more.join(', ')}`) : '',
  );
}

export const COLUMNS: Column[] = [
  {
    id: 'kiosk',
    label: 'Kiosk',
    key: (k) => `${k.location} ${k.touchpoint} ${k.id}`,
    cell: (k) =>
      el(
        'span',
        { class: 'fleet-kiosk' },
        staffLink(`/staff/kiosks?kiosk=${encodeURIComponent(k.id)}`, k.id),
        el('small', {}, `${k.location} / ${k.touchpoint}`),
      ),
  },
  { id: 'status', label: 'Status', key: severity, cell: statusBadge },
  {
    id: 'online',
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
    id: 'heartbeat',
    label: 'Last heartbeat',
    key: (k) => k.lastHeartbeatAt ?? null,
    cell: (k, now) => ago(k.lastHeartbeatAt, now),
  },
  {
    id: 'version',
    label: 'Version',
    key: (k) => k.appVersion ?? null,
    cell: (k) => k.appVersion ?? '–',
  },
  {
    id: 'queue',
    label: 'Queue',
    key: (k) => k.queueDepth ?? null,
    cell: (k) => count(k.queueDepth),
  },
  {
    id: 'unsent',
    label: 'Oldest unsent',
    key: (k) => k.oldestUnsentAt ?? null,
    cell: (k, now) => ago(k.oldestUnsentAt, now),
  },
  {
    id: 'dead-letters',
    label: 'Dead letters',
    key: (k) => k.deadLetters ?? null,
    cell: (k) => count(k.deadLetters),
  },
  {
    id: 'storage',
    label: 'Storage errors',
    key: (k) => k.storageErrors ?? null,
    cell: (k) => {
      const cell = el('span', {}, count(k.storageErrors));
      if (k.storageError) cell.title = k.storageError;
      return cell;
    },
  },
  {
    id: 'skew',
    label: 'Clock skew',
    key: (k) => (k.clockSkewMs === undefined ? null : Math.abs(k.clockSkewMs)),
    cell: (k) => skew(k.clockSkewMs),
  },
  {
    id: 'restarts',
    label: 'Restarts (24 h)',
    key: (k) => k.restarts24h,
    cell: (k) => String(k.restarts24h),
  },
  {
    id: 'answers',
    label: 'Answers today',
    key: (k) => k.tapsToday ?? null,
    cell: (k) => count(k.tapsToday),
  },
  {
    id: 'last-answer',
    label: 'Last answer',
    key: (k) => k.lastTapAt ?? null,
    cell: (k, now) => ago(k.lastTapAt, now),
  },
];

export interface SortState {
  column: number;
  descending: boolean;
}

/** Text sorts by the reader's language, numbers in it by value ("Desk 9" before "Desk 10"). */
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/**
 * The kiosks in `sort`'s order; ties by severity, then id. Each key is read once, not at every
 * comparison: at 5,000 kiosks that is 5,000 keys instead of some 120,000.
 */
export function sortKiosks(kiosks: ListedKiosk[], sort: SortState): ListedKiosk[] {
  const key = COLUMNS[sort.column]!.key;
  const keyed = kiosks.map((k) => ({ k, key: key(k), severity: severity(k) }));
  const sign = sort.descending ? -1 : 1;
  keyed.sort((a, b) => {
    const x = a.key;
    const y = b.key;
    if (x === y) return a.severity - b.severity || collator.compare(a.k.id, b.k.id);
    if (x === null) return 1;
    if (y === null) return -1;
    return sign * (typeof x === 'string' ? collator.compare(x, String(y)) : x - (y as number));
  });
  return keyed.map((e) => e.k);
}

/** The table: `show` draws the given rows (already sorted) and marks the sorted column. */
export function kioskTable(resort: (column: number) => void): {
  node: HTMLElement;
  show(kiosks: ListedKiosk[], sort: SortState, nowMs: number): void;
} {
  const heads = COLUMNS.map((c, i) => {
    const button = el('button', { type: 'button', class: 'sort' }, c.label);
    button.addEventListener('click', () => resort(i));
    return el('th', { scope: 'col' }, button);
  });
  const body = el('tbody', {});
  const node = el(
    'div',
    { class: 'scroll fleet-scroll' },
    el('table', { class: 'data fleet-table' }, el('thead', {}, el('tr', {}, ...heads)), body),
  );
  return {
    node,
    show(kiosks, sort, nowMs) {
      heads.forEach((th, i) => {
        if (i === sort.column)
          th.setAttribute('aria-sort', sort.descending ? 'descending' : 'ascending');
        else th.removeAttribute('aria-sort');
      });
      body.replaceChildren(
        ...kiosks.map((k) =>
          el(
            'tr',
            { class: k.status === 'ok' ? '' : 'fleet-problem', 'data-kiosk': k.id },
            ...COLUMNS.map((c, i) =>
              i === 0
                ? el('th', { scope: 'row' }, c.cell(k, nowMs))
                : el('td', { 'data-label': c.label }, c.cell(k, nowMs)),
            ),
          ),
        ),
      );
    },
  };
}
