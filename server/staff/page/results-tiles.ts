// The results page's tiles: answers, % happy, NPS (with its split and margin of error) and CES,
// each with its change against the previous equal period. A figure on fewer than 30 answers
// says so ("only 12 answers") instead of pretending to be a result.
import type { ResultsReply, Tile } from '../../../shared/results-api.ts';
import { count, signed } from '../../../shared/figures.ts';
import { el } from './dom.ts';

const fewText = (n: number) =>
  n === 0
    ? 'No answers to base it on'
    : `Only ${n} ${n === 1 ? 'answer' : 'answers'}: too few to read much into`;

function tile(
  name: string,
  t: Tile,
  show: (v: number) => string,
  unit: string,
  extra: (HTMLElement | string)[] = [],
) {
  const value = el('p', { class: 'tile-value' }, t.value === null ? '–' : show(t.value));
  const change = el(
    'p',
    { class: 'tile-change' },
    t.change === null
      ? 'no earlier figure to compare'
      : `${signed(t.change)}${unit} on the period before`,
  );
  if (t.change !== null) change.classList.add(t.change > 0 ? 'up' : t.change < 0 ? 'down' : 'same');
  return el(
    'section',
    { class: 'tile', 'aria-label': name },
    el('h2', {}, name),
    value,
    ...extra,
    change,
    t.few ? el('p', { class: 'few' }, fewText(t.n)) : null,
  );
}

export function tilesSection(t: ResultsReply['tiles']): HTMLElement {
  const nps = t.nps;
  return el(
    'div',
    { class: 'tiles' },
    tile('Answers', t.answers, count, ''),
    tile('Happy', t.happy, (v) => `${v} %`, ' points'),
    tile('NPS', nps, (v) => String(Math.round(v)), ' points', [
      el(
        'p',
        { class: 'tile-detail' },
        nps.margin === null ? '' : `±${Math.round(nps.margin)} (95 % margin of error)`,
      ),
      el(
        'p',
        { class: 'tile-detail' },
        `${count(nps.promoters)} promoters · ${count(nps.passives)} passives · ${count(nps.detractors)} detractors`,
      ),
    ]),
    tile('Effort (CES, 1-7)', t.ces, (v) => v.toFixed(1), ''),
  );
}
