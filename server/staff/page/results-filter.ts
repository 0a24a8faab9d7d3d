// The results page's filter form. Its state lives in the URL (/staff/results?period=…&location=…),
// so a view is bookmarked or shared by its address and survives a reload; changing a field
// navigates to the new address. The names are shared with the comment feed (FILTER_KEYS).
import { FILTER_KEYS, PERIODS, type ResultsReply } from '../../../shared/results-api.ts';
import { el } from './dom.ts';

const PERIOD_LABELS: Record<(typeof PERIODS)[number], string> = {
  today: 'Today',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  quarter: 'Last quarter (91 days)',
  year: 'Last year (365 days)',
  custom: 'Custom dates',
};

/** The filter part of a query string: only the keys the API knows, in a stable order. */
export function filterQuery(search: string): URLSearchParams {
  const from = new URLSearchParams(search);
  const out = new URLSearchParams();
  for (const key of FILTER_KEYS) for (const value of from.getAll(key)) out.append(key, value);
  return out;
}

function select(name: string, label: string, options: [string, string][], value: string) {
  const s = el('select', { name, id: `f-${name}` });
  for (const [v, text] of options) {
    const o = el('option', { value: v }, text);
    o.selected = v === value;
    s.append(o);
  }
  return el('label', { class: 'field', for: `f-${name}` }, el('span', {}, label), s);
}

export function filterForm(
  query: URLSearchParams,
  choices: ResultsReply['choices'] | null,
  go: (query: URLSearchParams) => void,
): HTMLFormElement {
  const period = query.get('period') ?? (query.get('from') ? 'custom' : '30d');
  const chosen = new Set(query.getAll('location'));
  const form = el('form', { class: 'filters', 'aria-label': 'Filter' });
  const dates = el(
    'div',
    { class: 'dates' },
    ...(['from', 'to'] as const).map((key) => {
      const input = el('input', { type: 'date', name: key, id: `f-${key}` });
      input.value = query.get(key) ?? '';
      return el(
        'label',
        { class: 'field', for: `f-${key}` },
        el('span', {}, key === 'from' ? 'From' : 'To'),
        input,
      );
    }),
  );
  dates.hidden = period !== 'custom';
  const places = el(
    'fieldset',
    { class: 'places' },
    el('legend', {}, 'Locations'),
    ...(choices?.locations ?? []).map((l) => {
      const box = el('input', { type: 'checkbox', name: 'location', value: String(l.id) });
      box.checked = chosen.has(String(l.id));
      return el('label', { class: 'check' }, box, l.name);
    }),
  );
  const points = (choices?.touchpoints ?? []).filter(
    (t) => !chosen.size || chosen.has(String(t.locationId)),
  );
  const name = (id: number) => choices?.locations.find((l) => l.id === id)?.name ?? '';
  const repeats = el('input', {
    type: 'checkbox',
    name: 'repeats',
    value: 'include',
    id: 'f-repeats',
  });
  repeats.checked = query.get('repeats') === 'include';
  form.append(
    select(
      'period',
      'Period',
      PERIODS.map((p) => [p, PERIOD_LABELS[p]]),
      period,
    ),
    dates,
    places,
    select(
      'touchpoint',
      'Touchpoint',
      [
        ['', 'All touchpoints'],
        ...points.map((t): [string, string] => [String(t.id), `${t.name} (${name(t.locationId)})`]),
      ],
      query.get('touchpoint') ?? '',
    ),
    select(
      'lang',
      'Language',
      [['', 'All languages'], ...(choices?.languages ?? []).map((l): [string, string] => [l, l])],
      query.get('lang') ?? '',
    ),
    select(
      'complete',
      'Answers',
      [
        ['', 'Complete and partial'],
        ['1', 'Complete only'],
        ['0', 'Partial only'],
      ],
      query.get('complete') ?? '',
    ),
    el('label', { class: 'check', for: 'f-repeats' }, repeats, 'Include possible repeats'),
  );
  const read = (): URLSearchParams => {
    const data = new FormData(form);
    const out = new URLSearchParams();
    const p = String(data.get('period'));
    out.set('period', p);
    if (p === 'custom') {
      const from = String(data.get('from') ?? '');
      const to = String(data.get('to') ?? '');
      if (!from || !to) return new URLSearchParams();
      out.set('from', from);
      out.set('to', to);
    }
    for (const id of data.getAll('location')) out.append('location', String(id));
    for (const key of ['touchpoint', 'lang', 'complete', 'repeats']) {
      const v = data.get(key);
      if (v) out.set(key, String(v));
    }
    if (query.get('bucket')) out.set('bucket', query.get('bucket')!);
    return out;
  };
  form.addEventListener('change', (event) => {
    const target = event.target as HTMLInputElement;
    if (target.name === 'period') dates.hidden = target.value !== 'custom';
    const next = read();
    if (next.has('period')) go(next);
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  return form;
}
