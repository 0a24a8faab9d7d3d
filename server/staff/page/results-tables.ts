// The results page's tables: the heat map (hours down, weekdays across, so it fits a phone; each
// cell's colour is its % happy, and its text says the same for a reader or a printout), the
// ranking of locations and touchpoints (sortable by any column), and closing the loop.
import { count } from '../../../shared/figures.ts';
import type { ResultsReply } from '../../../shared/results-api.ts';
import { el } from './dom.ts';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const pct = (v: number | null) => (v === null ? '–' : `${v} %`);
const num = (v: number | null, digits = 0) => (v === null ? '–' : v.toFixed(digits));

const th = (text: string, attrs: Record<string, string> = { scope: 'col' }) =>
  el('th', attrs, text);

export function heatMapSection(cells: ResultsReply['heatMap']): HTMLElement {
  const hours = [...new Set(cells.map((c) => c.hour))].sort((a, b) => a - b);
  const at = new Map(cells.map((c) => [`${c.weekday} ${c.hour}`, c]));
  const body = hours.map((hour) =>
    el(
      'tr',
      {},
      th(`${String(hour).padStart(2, '0')}:00`, { scope: 'row' }),
      ...WEEKDAYS.map((_, i) => {
        const cell = at.get(`${i + 1} ${hour}`);
        if (!cell) return el('td', { class: 'closed' }, '');
        const td = el(
          'td',
          {},
          cell.answers ? `${cell.happyPct}%` : '',
          cell.answers ? el('small', {}, `n=${cell.answers}`) : '',
        );
        td.title = `${WEEKDAYS[i]} ${hour}:00 – ${cell.answers} answers, ${pct(cell.happyPct)} happy`;
        // The colour is set through the CSSOM (the CSP allows no style attributes): red to green.
        if (cell.answers && cell.happyPct !== null)
          td.style.backgroundColor = `hsl(${Math.round(cell.happyPct * 1.2)} 65% ${cell.few ? 92 : 82}%)`;
        return td;
      }),
    ),
  );
  return el(
    'section',
    { class: 'panel', 'aria-labelledby': 'heat-h' },
    el('h2', { id: 'heat-h' }, 'When: hour of day × weekday'),
    el(
      'p',
      { class: 'hint' },
      'Local time at each location, opening hours only. Each cell: % happy and the number of answers; paler cells rest on fewer than 30.',
    ),
    hours.length
      ? el(
          'div',
          { class: 'scroll' },
          el(
            'table',
            { class: 'heat' },
            el('thead', {}, el('tr', {}, th('Hour'), ...WEEKDAYS.map((d) => th(d)))),
            el('tbody', {}, ...body),
          ),
        )
      : el('p', {}, 'No opening hours in this view.'),
  );
}

type Row = ResultsReply['ranking']['locations'][number] & { location?: string };
const COLUMNS: [keyof Row, string][] = [
  ['name', 'Name'],
  ['answers', 'Answers'],
  ['happy', '% happy'],
  ['nps', 'NPS'],
  ['ces', 'CES'],
];

function sortableTable(caption: string, rows: Row[]): HTMLElement {
  let key: keyof Row = 'answers';
  let descending = true;
  const table = el('table', { class: 'data ranking' });
  const draw = () => {
    const sorted = [...rows].sort((a, b) => {
      const x = a[key] ?? -Infinity;
      const y = b[key] ?? -Infinity;
      const order =
        typeof x === 'string' ? x.localeCompare(String(y)) : (x as number) - (y as number);
      return descending ? -order : order;
    });
    const head = COLUMNS.map(([k, label]) => {
      const button = el('button', { type: 'button', class: 'sort' }, label);
      button.addEventListener('click', () => {
        descending = key === k ? !descending : k !== 'name';
        key = k;
        draw();
      });
      const cell = el('th', { scope: 'col' }, button);
      if (k === key) cell.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      return cell;
    });
    table.replaceChildren(
      el('caption', {}, caption),
      el('thead', {}, el('tr', {}, ...head)),
      el(
        'tbody',
        {},
        ...sorted.map((r) =>
          el(
            'tr',
            {},
            el('th', { scope: 'row' }, r.location ? `${r.name} (${r.location})` : r.name),
            el('td', {}, count(r.answers), r.few ? el('small', { class: 'few' }, ' few') : ''),
            el('td', {}, pct(r.happy)),
            el('td', {}, num(r.nps)),
            el('td', {}, num(r.ces, 1)),
          ),
        ),
      ),
    );
  };
  draw();
  return el('div', { class: 'scroll' }, table);
}

export function rankingSection(ranking: ResultsReply['ranking']): HTMLElement {
  return el(
    'section',
    { class: 'panel', 'aria-labelledby': 'rank-h' },
    el('h2', { id: 'rank-h' }, 'Ranking'),
    el('p', { class: 'hint' }, 'Sort by any column. "few": fewer than 30 answers.'),
    sortableTable('Locations', ranking.locations),
    sortableTable('Touchpoints', ranking.touchpoints),
  );
}

const duration = (s: number | null) =>
  s === null
    ? '–'
    : s < 90
      ? `${s} s`
      : s < 5400
        ? `${Math.round(s / 60)} min`
        : `${(s / 3600).toFixed(1)} h`;

export function loopSection(loop: ResultsReply['loop']): HTMLElement {
  return el(
    'section',
    { class: 'panel', 'aria-labelledby': 'loop-h' },
    el('h2', { id: 'loop-h' }, 'Closing the loop'),
    loop.length
      ? el(
          'div',
          { class: 'scroll' },
          el(
            'table',
            { class: 'data' },
            el(
              'thead',
              {},
              el(
                'tr',
                {},
                th('Location'),
                th('Alerts'),
                th('Median to acknowledge'),
                th('Median to resolve'),
                th('Recovered'),
              ),
            ),
            el(
              'tbody',
              {},
              ...loop.map((l) =>
                el(
                  'tr',
                  {},
                  el('th', { scope: 'row' }, l.location),
                  el('td', {}, String(l.alerts)),
                  el('td', {}, duration(l.medianAckSeconds)),
                  el('td', {}, duration(l.medianResolveSeconds)),
                  el('td', {}, `${pct(l.recoveredPct)} of ${l.resolved} resolved`),
                ),
              ),
            ),
          ),
        )
      : el('p', {}, 'No alerts in this view.'),
  );
}
