// The results page (/staff/results): where the experience goes wrong, for managers (every
// location) and staff (their own). The filter is the page's address; each section is drawn from
// one reply of GET /staff/api/results, parsed with shared/results-api.ts. Every chart has its
// table beside it, and the page prints as a report (results.css).
import './results.css';
import { ResultsReply } from '../../../shared/results-api.ts';
import { getJson, showLoadError } from './api.ts';
import { el } from './dom.ts';
import { staffLink } from './link.ts';
import { pageHeader } from './page-header.ts';
import { heatMapSection, loopSection, rankingSection } from './results-tables.ts';
import { filterForm, filterQuery } from './results-filter.ts';
import { reasonsSection } from './results-reasons.ts';
import { tilesSection } from './results-tiles.ts';
import { trendSection } from './results-trend.ts';
import type { PageEnv } from './routes.ts';

export function renderResults(env: PageEnv): () => void {
  const query = filterQuery(location.search);
  const status = el('p', { class: 'results-status', role: 'status' }, 'Loading results…');
  const body = el('div', { class: 'results-body' });
  const filters = el('div', { class: 'results-filters' });
  const printButton = el('button', { class: 'ghost', type: 'button' }, 'Print');
  printButton.addEventListener('click', () => print());
  // One location chosen: its weekly digest is a click away; otherwise the digest's own default.
  const places = query.getAll('location');
  const digest = staffLink(
    places.length === 1
      ? `/staff/digest?location=${encodeURIComponent(places[0]!)}`
      : '/staff/digest',
    'Weekly digest',
  );
  const main = el(
    'main',
    { class: 'results' },
    el('div', { class: 'results-title' }, el('h1', {}, 'Results'), digest),
    filters,
    status,
    body,
  );
  env.root.replaceChildren(
    pageHeader(env.who, 'Results', env.logout, { controls: [printButton] }),
    main,
  );
  const go = (next: URLSearchParams) => env.navigate(`/staff/results?${next.toString()}`);
  filters.replaceChildren(filterForm(query, null, go));
  let stopped = false;
  // A printout shows every chart's table: closed <details> would print as their summary only.
  const openTables = () => {
    for (const d of document.querySelectorAll<HTMLDetailsElement>('details.table-view'))
      d.open = true;
  };
  addEventListener('beforeprint', openTables);
  const stops: (() => void)[] = [() => removeEventListener('beforeprint', openTables)];

  getJson(ResultsReply, `results?${query.toString()}`)
    .then((r) => {
      if (stopped) return;
      filters.replaceChildren(filterForm(query, r.choices, go));
      const compared = `${r.period.from} to ${r.period.to}, compared with ${r.period.previousFrom} to ${r.period.previousTo}`;
      status.textContent = `Local days at each location: ${compared}.`;
      const trend = trendSection(r.trend);
      stops.push(trend.stop);
      body.replaceChildren(
        tilesSection(r.tiles),
        trend.section,
        heatMapSection(r.heatMap),
        reasonsSection(r.reasons, query),
        rankingSection(r.ranking),
        loopSection(r.loop),
      );
    })
    .catch((e: Error) => {
      if (!stopped) showLoadError(status, e, 'Results');
    });
  return () => {
    stopped = true;
    for (const stop of stops) stop();
  };
}
