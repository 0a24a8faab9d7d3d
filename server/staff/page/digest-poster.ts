// The weekly digest as a poster for the staff room: one location's week in big figures against
// the week before, what customers loved and where we let them down, the top problems, how alerts
// were handled and who to thank. Drawn from one reply of GET /staff/api/digest; the same element
// is the screen's view and the printout (digest.css fits it on one portrait page).
import type { DigestComment, DigestReply } from '../../../shared/digest-api.ts';
import type { Tile } from '../../../shared/results-api.ts';
import { count, signed } from '../../../shared/figures.ts';
import { el } from './dom.ts';
import { dayRange, humanDuration, localWhen, scheduleLine } from './digest-words.ts';

const FACES = ['', 'Very unhappy', 'Unhappy', 'Neutral', 'Happy', 'Very happy'];

function tile(name: string, t: Tile, show: (v: number) => string, unit: string): HTMLElement {
  const change = el(
    'p',
    { class: 'poster-change' },
    t.change === null
      ? 'nothing to compare with the week before'
      : `${signed(t.change)}${unit} on the week before`,
  );
  if (t.change !== null) change.classList.add(t.change > 0 ? 'up' : t.change < 0 ? 'down' : 'same');
  return el(
    'section',
    { class: 'poster-tile', 'aria-label': name },
    el('h3', {}, name),
    el('p', { class: 'poster-value' }, t.value === null ? '–' : show(t.value)),
    change,
    t.few && t.n > 0
      ? el('p', { class: 'few' }, `Only ${t.n} ${t.n === 1 ? 'answer' : 'answers'}`)
      : null,
  );
}

function tiles(t: DigestReply['tiles']): HTMLElement {
  return el(
    'div',
    { class: 'poster-tiles' },
    tile('Answers', t.answers, count, ''),
    tile('Happy', t.happy, (v) => `${Math.round(v)} %`, ' points'),
    tile('NPS', t.nps, (v) => String(Math.round(v)), ' points'),
    tile('Effort (CES)', t.ces, (v) => v.toFixed(1), ''),
  );
}

function block(id: string, title: string, ...body: (HTMLElement | null)[]): HTMLElement {
  return el(
    'section',
    { class: `poster-block ${id}`, 'aria-labelledby': `${id}-h` },
    el('h3', { id: `${id}-h` }, title),
    ...body,
  );
}

function comment(c: DigestComment): HTMLElement {
  const meta = [
    FACES[c.smiley] ?? `Smiley ${c.smiley}`,
    c.nps === null ? null : `NPS ${c.nps}`,
    c.touchpoint,
    localWhen(c.at),
  ].filter((x): x is string => x !== null);
  return el(
    'li',
    { class: `poster-comment face-${c.smiley}` },
    el('blockquote', { lang: c.language }, c.text),
    el('p', { class: 'poster-meta' }, meta.join(' · ')),
  );
}

function comments(id: string, title: string, list: DigestComment[], none: string): HTMLElement {
  return block(
    id,
    title,
    list.length
      ? el('ol', { class: 'poster-comments' }, ...list.map(comment))
      : el('p', { class: 'poster-none' }, none),
  );
}

function problems(p: DigestReply['problems']): HTMLElement {
  const none = !p.answers
    ? 'No unhappy answers this week.'
    : 'Unhappy customers chose no reason this week.';
  return block(
    'poster-problems',
    'Top problems',
    p.items.length
      ? el(
          'p',
          { class: 'poster-note' },
          `What the ${p.answers} unhappy ${p.answers === 1 ? 'customer' : 'customers'} chose`,
        )
      : null,
    p.items.length
      ? el(
          'ol',
          { class: 'poster-bars' },
          ...p.items.map((item) => {
            const bar = el('span', { class: 'poster-bar' });
            bar.style.width = `${Math.min(Math.max(item.share, 0), 100)}%`;
            return el(
              'li',
              {},
              el(
                'span',
                { class: 'poster-bar-label' },
                el('span', {}, item.label),
                el('span', { class: 'count' }, `${item.count} · ${Math.round(item.share)} %`),
              ),
              el('span', { class: 'poster-track' }, bar),
            );
          }),
        )
      : el('p', { class: 'poster-none' }, none),
  );
}

function alerts(a: DigestReply['alerts']): HTMLElement {
  if (!a.alerts)
    return block(
      'poster-alerts',
      'Alerts handled',
      el('p', { class: 'poster-none' }, 'No alerts that week.'),
    );
  const rows: [string, string][] = [
    ['Alerts', String(a.alerts)],
    ['Acknowledged', String(a.acknowledged)],
    ['Resolved', String(a.resolved)],
    ['Median time to acknowledge', humanDuration(a.medianAckSeconds)],
    ['Median time to resolve', humanDuration(a.medianResolveSeconds)],
    ['Customers recovered', a.recoveredPct === null ? '–' : `${Math.round(a.recoveredPct)} %`],
  ];
  return block(
    'poster-alerts',
    'Alerts handled',
    el(
      'dl',
      { class: 'poster-facts' },
      ...rows.map(([k, v]) => el('div', {}, el('dt', {}, k), el('dd', {}, v))),
    ),
  );
}

function thanks(r: DigestReply['recognition']): HTMLElement {
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return block(
    'poster-thanks',
    'Thank you',
    r.people.length
      ? el(
          'ul',
          { class: 'poster-people' },
          ...r.people.map((p) =>
            el(
              'li',
              {},
              el('strong', {}, p.name),
              el(
                'span',
                {},
                `${plural(p.recovered, 'customer', 'customers')} recovered · ${plural(p.praise, 'happy answer', 'happy answers')}`,
              ),
            ),
          ),
        )
      : el(
          'p',
          { class: 'poster-none' },
          `Nobody recovered a customer or reached ${r.minSample} answers on duty that week. Check in at your desk on the Recognition page, so the good work you do counts.`,
        ),
  );
}

export function poster(r: DigestReply): HTMLElement {
  const quiet = r.tiles.answers.value === 0;
  return el(
    'article',
    { class: 'poster', 'aria-labelledby': 'poster-h' },
    el(
      'header',
      { class: 'poster-head' },
      el('p', { class: 'poster-kicker' }, 'Weekly huddle digest'),
      el('h2', { id: 'poster-h' }, r.location.name),
      el('p', { class: 'poster-week' }, `Week of ${dayRange(r.week.from, r.week.to)}`),
      el(
        'p',
        { class: 'poster-note' },
        `Compared with the week before, ${dayRange(r.previous.from, r.previous.to)}. Local time (${r.location.timeZone}).`,
      ),
    ),
    tiles(r.tiles),
    quiet
      ? el(
          'p',
          { class: 'poster-empty' },
          `No customer answered at ${r.location.name} that week, so there is nothing to share for it.`,
        )
      : null,
    el(
      'div',
      { class: 'poster-pair' },
      comments(
        'poster-best',
        'What customers loved',
        r.comments.best,
        'No happy customer left a comment that week.',
      ),
      comments(
        'poster-worst',
        'Where we let them down',
        r.comments.worst,
        'No unhappy customer left a comment that week.',
      ),
    ),
    el('div', { class: 'poster-pair' }, problems(r.problems), alerts(r.alerts)),
    thanks(r.recognition),
    el('p', { class: 'poster-schedule' }, scheduleLine(r.schedule)),
  );
}
