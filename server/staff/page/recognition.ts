// The recognition page (/staff/recognition): check in at the desk you serve ("I'm at Desk 2") so
// the answers given there count for you; your own figures, low scores included (for you alone);
// and for managers the team, by customers recovered and praise, nobody named on a handful of
// answers. The period is in the address (?days=7|30|90), so a view can be shared.
import { DutyReply, RecognitionReply, type PersonFigures } from '../../../shared/staff-duty-api.ts';
import { getJson, sendJson } from './api.ts';
import { el, sentence } from './dom.ts';
import { field, onSubmit, select } from './form.ts';
import { staffLink } from './link.ts';
import { pageHeader } from './page-header.ts';
import type { PageEnv } from './routes.ts';
import { clock } from './time.ts';

const PERIODS = ['7', '30', '90'] as const;

function percent(share: number | null, minSample: number): string {
  return share === null ? `fewer than ${minSample} answers` : `${Math.round(share * 100)} %`;
}

function dutyCard(state: DutyReply, changed: (d: DutyReply) => void): HTMLElement {
  if (state.onDuty) {
    const { touchpoint, location, since } = state.onDuty;
    const out = el(
      'form',
      { class: 'inline-form', 'aria-label': 'Check out' },
      el('button', { class: 'secondary', type: 'submit' }, 'Check out'),
    );
    onSubmit(out, async () => changed(await sendJson(DutyReply, 'DELETE', 'duty')));
    return el(
      'section',
      { class: 'duty on', 'aria-label': 'Duty' },
      el(
        'p',
        { class: 'duty-now' },
        `On duty at ${touchpoint}, ${location}, since ${clock(since)}`,
      ),
      out,
    );
  }
  const where = select(
    'touchpoint',
    state.touchpoints.map((t) => [String(t.id), `${t.name} · ${t.location}`]),
    String(state.touchpoints[0]?.id ?? ''),
  );
  const form = el(
    'form',
    { class: 'admin-form duty-form', 'aria-label': 'Check in' },
    field(
      'Where are you working?',
      where,
      'Answers given there while you are on duty count for you',
    ),
    el('button', { class: 'primary', type: 'submit' }, 'Check in'),
  );
  onSubmit(form, async () =>
    changed(await sendJson(DutyReply, 'POST', 'duty', { touchpointId: Number(where.value) })),
  );
  if (!state.touchpoints.length)
    return el('p', { class: 'field-hint' }, 'No touchpoints to check in at yet.');
  return el(
    'section',
    { class: 'duty', 'aria-label': 'Duty' },
    el('p', { class: 'duty-now' }, 'Not on duty'),
    form,
  );
}

function tiles(items: [string, string][]): HTMLElement {
  return el(
    'dl',
    { class: 'figure-tiles' },
    ...items.map(([k, v]) => el('div', { class: 'figure-tile' }, el('dt', {}, k), el('dd', {}, v))),
  );
}

function teamTable(people: PersonFigures[], others: number, minSample: number): HTMLElement {
  const head = ['Person', 'Customers recovered', 'Happy answers', 'Answers on duty', 'Happy share'];
  const table = el(
    'table',
    { class: 'team' },
    el('caption', {}, 'Team, by customers recovered, then praise'),
    el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))),
    el(
      'tbody',
      {},
      ...people.map((p) =>
        el(
          'tr',
          {},
          el('th', { scope: 'row' }, p.name),
          el('td', {}, String(p.recovered)),
          el('td', {}, String(p.praise)),
          el('td', {}, String(p.answers)),
          el('td', {}, percent(p.happyShare, minSample)),
        ),
      ),
    ),
  );
  const note = others
    ? el(
        'p',
        { class: 'field-hint' },
        `${others} more ${others === 1 ? 'person' : 'people'} with fewer than ${minSample} answers and no recovered customer: not named yet.`,
      )
    : null;
  return el(
    'section',
    { 'aria-label': 'Team' },
    el('h2', {}, 'Team'),
    el('div', { class: 'table-scroll' }, table),
    note,
  );
}

export function renderRecognition({ root, who, logout }: PageEnv): void {
  const params = new URLSearchParams(location.search);
  const days = PERIODS.find((p) => p === params.get('days')) ?? '30';
  const status = el('p', { class: 'page-status', role: 'status' });
  const duty = el('div', { class: 'duty-slot' });
  const figures = el('div');
  const showDuty = (d: DutyReply) => duty.replaceChildren(dutyCard(d, showDuty));
  const periods = el(
    'nav',
    { class: 'periods', 'aria-label': 'Period' },
    ...PERIODS.map((p) =>
      staffLink(
        `/staff/recognition?days=${p}`,
        `${p} days`,
        p === days ? { 'aria-current': 'page' } : {},
      ),
    ),
  );
  root.replaceChildren(
    pageHeader(who, 'Recognition', logout),
    el(
      'main',
      { class: 'admin-page' },
      el('h1', {}, 'Recognition'),
      status,
      duty,
      periods,
      figures,
    ),
  );
  Promise.all([
    getJson(DutyReply, 'duty').then(showDuty),
    getJson(RecognitionReply, `recognition?days=${days}`).then((r) => {
      const me = r.me;
      figures.replaceChildren(
        el(
          'section',
          { 'aria-label': 'Your figures' },
          el('h2', {}, `You, last ${days} days`),
          tiles([
            ['Customers recovered', String(me.recovered)],
            ['Happy answers', String(me.praise)],
            ['Happy share', percent(me.happyShare, r.minSample)],
            ['Answers on duty', String(me.answers)],
            ['Low scores (only you see this)', String(me.lowScores)],
          ]),
        ),
        ...(r.team ? [teamTable(r.team.people, r.team.others, r.minSample)] : []),
      );
    }),
  ]).catch((e: Error) => {
    status.textContent = sentence(e.message);
  });
}
