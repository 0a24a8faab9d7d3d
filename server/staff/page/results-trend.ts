// The trend chart: answers per day or week as bars, % happy as a line. Drawn with uPlot: some
// 50 kB, no dependencies, canvas drawing that stays fast with a year of days, and it builds its
// DOM with createElement and CSSOM styles only, so it runs under the page's CSP (no inline style
// attributes, no innerHTML under Trusted Types). Observable Plot was the other candidate: richer,
// but it pulls in d3 (several times the size) and draws SVG nodes per mark. The table below the
// chart is its text alternative, and what a screen reader or a printout without colour reads.
import type uPlot from 'uplot';
import type { ResultsReply } from '../../../shared/results-api.ts';
import { el } from './dom.ts';

const toSeconds = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000;

function trendTable(trend: ResultsReply['trend']): HTMLElement {
  return el(
    'table',
    { class: 'data' },
    el('caption', {}, `Answers and happiness by ${trend.bucket}`),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col' }, trend.bucket === 'week' ? 'Week of' : 'Day'),
        el('th', { scope: 'col' }, 'Answers'),
        el('th', { scope: 'col' }, '% happy'),
        el('th', { scope: 'col' }, 'NPS'),
      ),
    ),
    el(
      'tbody',
      {},
      ...trend.points.map((p) =>
        el(
          'tr',
          {},
          el('th', { scope: 'row' }, p.start),
          el('td', {}, String(p.answers)),
          el('td', {}, p.happy === null ? '–' : `${p.happy} %`),
          el('td', {}, p.nps === null ? '–' : String(Math.round(p.nps))),
        ),
      ),
    ),
  );
}

export function trendSection(trend: ResultsReply['trend']): {
  section: HTMLElement;
  stop: () => void;
} {
  const chartBox = el('div', { class: 'chart', 'aria-hidden': 'true' });
  const table = el(
    'details',
    { class: 'table-view' },
    el('summary', {}, 'Show as a table'),
    trendTable(trend),
  );
  const section = el(
    'section',
    { class: 'panel', 'aria-labelledby': 'trend-h' },
    el('h2', { id: 'trend-h' }, `Trend by ${trend.bucket}`),
    el('p', { class: 'hint' }, 'Bars: answers. Line: % happy (smiley 4-5).'),
    chartBox,
    table,
  );
  let chart: uPlot | null = null;
  const data: uPlot.AlignedData = [
    trend.points.map((p) => toSeconds(p.start)),
    trend.points.map((p) => p.answers),
    trend.points.map((p) => p.happy),
  ];
  const size = () => ({
    width: Math.max(chartBox.clientWidth, 200),
    height: chartBox.clientWidth < 500 ? 200 : 260,
  });
  let stopped = false;
  // Loaded apart from the page (its own chunk and stylesheet), so that a browser the library
  // cannot start in still gets every figure, and the table.
  const library = import('./results-uplot.ts');
  const observer = new ResizeObserver(() => {
    if (!chartBox.clientWidth) return;
    if (chart) return chart.setSize(size());
    void library
      .then(({ uPlot }) => {
        if (stopped || chart) return;
        chart = new uPlot(
          {
            ...size(),
            tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
            legend: { show: false },
            cursor: { drag: { x: false, y: false } },
            scales: {
              x: { time: true },
              n: { range: (_u, _min, max) => [0, Math.max(max, 1)] },
              pct: { range: [0, 100] },
            },
            axes: [
              {
                // Whole days only: a bucket is a local date, never an hour.
                incrs: [86_400, 7 * 86_400, 28 * 86_400, 91 * 86_400],
                values: (_u, splits) =>
                  splits.map((s) => new Date(s * 1000).toISOString().slice(5, 10)),
              },
              { scale: 'n', label: 'Answers', size: 50 },
              { scale: 'pct', side: 1, label: '% happy', grid: { show: false }, size: 50 },
            ],
            series: [
              {},
              {
                label: 'Answers',
                scale: 'n',
                fill: 'rgba(10, 88, 202, 0.25)',
                stroke: '#0a58ca',
                paths: uPlot.paths.bars!({ size: [0.7, 40] }),
                points: { show: false },
              },
              {
                label: '% happy',
                scale: 'pct',
                stroke: '#1e6b34',
                width: 2,
                spanGaps: true,
                points: { show: trend.points.length < 40 },
              },
            ],
          },
          data,
          chartBox,
        );
      })
      .catch(() => {
        chartBox.hidden = true;
        table.open = true;
      });
  });
  observer.observe(chartBox);
  return {
    section,
    stop: () => {
      stopped = true;
      observer.disconnect();
      chart?.destroy();
    },
  };
}
