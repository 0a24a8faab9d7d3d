// The reasons Pareto: what unhappy (and happy) customers chose, most chosen first, each bar its
// share of those answers (the text says the same). A reason opens the answers behind it here, and
// links to the comment feed (/staff/comments) with the same filter and the reason.
import { ResultAnswersReply, type ResultsReply } from '../../../shared/results-api.ts';
import { getJson } from './api.ts';
import { el } from './dom.ts';
import { staffLink } from './link.ts';

const FACES = ['', 'very unhappy', 'unhappy', 'neutral', 'happy', 'very happy'];

function answersList(reply: ResultAnswersReply): HTMLElement {
  if (!reply.answers.length) return el('p', {}, 'No answers.');
  return el(
    'ul',
    { class: 'drill' },
    ...reply.answers.map((a) =>
      el(
        'li',
        {},
        el(
          'span',
          { class: 'when' },
          `${a.at.slice(0, 16).replace('T', ' ')} · ${a.location}${a.touchpoint ? `, ${a.touchpoint}` : ''}`,
        ),
        el(
          'span',
          {},
          `Smiley ${a.smiley} (${FACES[a.smiley] ?? ''})${a.nps === null ? '' : ` · NPS ${a.nps}`}${a.ces === null ? '' : ` · CES ${a.ces}`} · ${a.reasons.join(', ')}`,
        ),
        a.comment ? el('q', {}, a.comment) : null,
      ),
    ),
    reply.more ? el('li', {}, 'Only the newest 100 are listed.') : null,
  );
}

function pareto(
  title: string,
  mood: 'unhappy' | 'happy',
  p: ResultsReply['reasons']['unhappy'],
  query: URLSearchParams,
) {
  const drill = el('div', { class: 'drill-box', 'aria-live': 'polite' });
  const items = p.items.map((item) => {
    const bar = el('span', { class: `bar ${mood}` });
    bar.style.width = `${Math.min(item.share, 100)}%`;
    const open = el('button', { type: 'button', class: 'reason' }, item.label);
    open.setAttribute('aria-label', `${item.label}: show the ${item.count} answers`);
    open.addEventListener('click', () => {
      const q = new URLSearchParams(query);
      q.set('reason', item.id);
      q.set('mood', mood);
      drill.replaceChildren(el('p', {}, `Loading answers that chose “${item.label}”…`));
      getJson(ResultAnswersReply, `results/answers?${q.toString()}`)
        .then((reply) =>
          drill.replaceChildren(
            el(
              'h3',
              {},
              `${mood === 'unhappy' ? 'Unhappy' : 'Happy'} customers who chose “${item.label}”`,
            ),
            answersList(reply),
          ),
        )
        .catch((e: Error) =>
          drill.replaceChildren(el('p', { role: 'alert' }, `Could not load them: ${e.message}`)),
        );
    });
    const comments = new URLSearchParams(query);
    comments.set('reason', item.id);
    return el(
      'li',
      {},
      el(
        'div',
        { class: 'reason-row' },
        open,
        el(
          'span',
          { class: 'count' },
          `${item.count} · ${item.share} % · cum. ${item.cumulative} %`,
        ),
      ),
      el('span', { class: 'track' }, bar),
      staffLink(`/staff/comments?${comments.toString()}`, 'Comments', { class: 'comments-link' }),
    );
  });
  return el(
    'div',
    { class: 'pareto' },
    el('h3', {}, `${title} (${p.answers} answers)`),
    items.length ? el('ol', {}, ...items) : el('p', {}, 'No reasons chosen.'),
    drill,
  );
}

export function reasonsSection(
  reasons: ResultsReply['reasons'],
  query: URLSearchParams,
): HTMLElement {
  return el(
    'section',
    { class: 'panel', 'aria-labelledby': 'reasons-h' },
    el('h2', { id: 'reasons-h' }, 'Why: reasons customers chose'),
    el(
      'p',
      { class: 'hint' },
      'Share of those customers who chose it, and the running share of all choices (Pareto). Choose a reason to see its answers.',
    ),
    el(
      'div',
      { class: 'pareto-pair' },
      pareto('Unhappy customers', 'unhappy', reasons.unhappy, query),
      pareto('Happy customers', 'happy', reasons.happy, query),
    ),
  );
}
