// The comment feed's filters as a form: the shared report filter (shared/report-filter.ts) and the
// search text, read from the address bar and written back to it, so a filtered feed can be
// bookmarked, shared, reloaded, and reached from the results page's drill-downs
// (/staff/comments?reason=wait&period=7d). Only the filter's own names go to the API: anything
// else in the address is dropped rather than refused.
import type { PlacesReply } from '../../../shared/staff-api.ts';
import { Period, REPORT_FILTER_SHAPE } from '../../../shared/report-filter.ts';
import { el } from './dom.ts';

const NAMES = [...Object.keys(REPORT_FILTER_SHAPE), 'q'];
const PERIOD_LABELS: Record<Period, string> = {
  today: 'Today',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  quarter: 'Last 90 days',
  year: 'Last 365 days',
  custom: 'Custom dates',
};

/** The filter part of a query string, in a stable order. */
export function filterParams(search: string): URLSearchParams {
  const all = new URLSearchParams(search);
  const kept = new URLSearchParams();
  for (const name of NAMES)
    for (const value of all.getAll(name)) if (value) kept.append(name, value);
  return kept;
}

function select(name: string, label: string, options: [string, string][], value: string) {
  const box = el('select', { name, id: `filter-${name}` });
  for (const [v, text] of options) {
    const option = el('option', { value: v }, text);
    option.selected = v === value;
    box.append(option);
  }
  return el('label', { class: 'field', for: `filter-${name}` }, el('span', {}, label), box);
}

/** The form for `params`; `apply` gets the new filter whenever one is changed or searched. */
export function filterForm(
  params: URLSearchParams,
  places: PlacesReply,
  apply: (next: URLSearchParams) => void,
): HTMLFormElement {
  const period = params.get('period') ?? '30d';
  const locations = params.getAll('location');
  // Several locations (from a link) are kept as chips; the list then reads "all".
  const location = locations.length === 1 ? locations[0]! : '';
  const chosen = places.locations.find((l) => String(l.id) === location);
  const touchpoints = chosen?.touchpoints ?? [];
  const search = el('input', {
    type: 'search',
    name: 'q',
    'aria-label': 'Search comments',
    id: 'filter-q',
    placeholder: 'Words in the comment',
    enterkeyhint: 'search',
    maxlength: '200',
    autocomplete: 'off',
  });
  search.value = params.get('q') ?? '';
  const form = el(
    'form',
    { class: 'comment-filters', role: 'search', 'aria-label': 'Filter comments' },
    el(
      'div',
      { class: 'search-row' },
      search,
      el('button', { type: 'submit', class: 'primary' }, 'Search'),
    ),
    el(
      'div',
      { class: 'filter-row' },
      select(
        'period',
        'Period',
        Period.options.map((p) => [p, PERIOD_LABELS[p]]),
        period,
      ),
      period === 'custom' ? dateField('from', 'From', params.get('from')) : null,
      period === 'custom' ? dateField('to', 'To', params.get('to')) : null,
      select(
        'location',
        'Location',
        [
          ['', 'All locations'],
          ...places.locations.map((l): [string, string] => [String(l.id), l.name]),
        ],
        location,
      ),
      touchpoints.length
        ? select(
            'touchpoint',
            'Touchpoint',
            [
              ['', 'All touchpoints'],
              ...touchpoints.map((t): [string, string] => [String(t.id), t.name]),
            ],
            params.get('touchpoint') ?? '',
          )
        : null,
      select(
        'complete',
        'Answers',
        [
          ['', 'All answers'],
          ['yes', 'Complete only'],
          ['no', 'Partial only'],
        ],
        params.get('complete') ?? '',
      ),
      select(
        'repeats',
        'Possible repeats',
        [
          ['', 'Left out'],
          ['include', 'Included'],
        ],
        params.get('repeats') ?? '',
      ),
    ),
    kept(params),
  );
  const read = () => {
    const next = new URLSearchParams();
    for (const [name, value] of new FormData(form))
      if (typeof value === 'string' && value.trim()) next.append(name, value.trim());
    // A touchpoint belongs to its location: a new location starts with all of its touchpoints.
    if (next.get('location') !== location) next.delete('touchpoint');
    if (next.get('period') !== 'custom') {
      next.delete('from');
      next.delete('to');
    }
    return next;
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    apply(read());
  });
  form.addEventListener('change', (event) => {
    if (event.target !== search) apply(read());
  });
  return form;
}

function dateField(name: string, label: string, value: string | null) {
  const input = el('input', { type: 'date', name, id: `filter-${name}` });
  input.value = value ?? '';
  return el('label', { class: 'field', for: `filter-${name}` }, el('span', {}, label), input);
}

/**
 * What the form has no control for (languages, reasons from a drill-down, several locations)
 * stays in the filter as hidden fields, each shown as a chip that removes it.
 */
function kept(params: URLSearchParams): HTMLElement | null {
  const shown = new Set(['q', 'period', 'from', 'to', 'complete', 'repeats']);
  const chips: HTMLElement[] = [];
  const locations = params.getAll('location');
  for (const [name, value] of params) {
    if (shown.has(name)) continue;
    if ((name === 'location' || name === 'touchpoint') && locations.length <= 1) continue;
    const field = el('input', { type: 'hidden', name, value });
    const remove = el(
      'button',
      { type: 'button', class: 'chip', 'aria-label': `Remove ${name} ${value}` },
      `${name}: ${value} ✕`,
    );
    remove.addEventListener('click', () => {
      field.remove();
      remove.closest('form')?.dispatchEvent(new Event('change'));
    });
    chips.push(el('span', {}, field, remove));
  }
  return chips.length ? el('div', { class: 'chips' }, ...chips) : null;
}
