// The weekly digest page (/staff/digest?location=<id>&week=<YYYY-MM-DD>): one location's week as
// a poster for the staff room (digest-poster.ts), printable on one page, with who gets it by
// e-mail below (digest-subscriptions.ts). The address holds the view, so a poster can be
// bookmarked; without a week it shows the newest, so a bookmark of the location stays current.
import './digest.css';
import './digest-print.css';
import { DigestReply } from '../../../shared/digest-api.ts';
import { PlacesReply } from '../../../shared/staff-api.ts';
import { getJson, showLoadError } from './api.ts';
import { el } from './dom.ts';
import { dayRange, weekEnd } from './digest-words.ts';
import { poster } from './digest-poster.ts';
import { subscriptionsPanel } from './digest-subscriptions.ts';
import { pageHeader } from './page-header.ts';
import type { PageEnv } from './routes.ts';

function picker(
  name: string,
  label: string,
  options: [string, string][],
  value: string,
  go: (value: string) => void,
): HTMLElement {
  const select = el(
    'select',
    { name, id: `d-${name}` },
    ...options.map(([v, text]) => el('option', { value: v }, text)),
  );
  select.value = value;
  select.addEventListener('change', () => go(select.value));
  return el('label', { class: 'field', for: `d-${name}` }, el('span', {}, label), select);
}

export function renderDigest(env: PageEnv): () => void {
  const params = new URLSearchParams(location.search);
  const status = el('p', { class: 'results-status', role: 'status' }, 'Loading the digest…');
  const pickers = el('form', { class: 'filters digest-pickers', 'aria-label': 'Digest' });
  pickers.addEventListener('submit', (event) => event.preventDefault());
  const body = el('div', { class: 'digest-body' });
  const printButton = el('button', { class: 'primary', type: 'button' }, 'Print poster');
  printButton.addEventListener('click', () => print());
  printButton.hidden = true;
  env.root.replaceChildren(
    pageHeader(env.who, 'Weekly digest', env.logout),
    el(
      'main',
      { class: 'results digest' },
      el('div', { class: 'digest-title' }, el('h1', {}, 'Weekly digest'), printButton),
      pickers,
      status,
      body,
    ),
  );
  let stopped = false;
  const go = (locationId: string, week: string | null) => {
    const q = new URLSearchParams({ location: locationId });
    if (week) q.set('week', week);
    env.navigate(`/staff/digest?${q.toString()}`);
  };
  const fail = (e: Error) => {
    if (!stopped) showLoadError(status, e, 'The digest');
  };

  getJson(PlacesReply, 'places')
    .then(async (places) => {
      if (stopped) return;
      const chosen = params.get('location') ?? String(places.locations[0]?.id ?? '');
      if (!chosen) {
        status.textContent = 'You see no location yet, so there is no digest to show.';
        return;
      }
      const locationPicker = picker(
        'location',
        'Location',
        places.locations.map((l): [string, string] => [String(l.id), l.name]),
        chosen,
        (id) => go(id, null),
      );
      pickers.replaceChildren(locationPicker);
      const week = params.get('week');
      const q = new URLSearchParams({ location: chosen });
      if (week) q.set('week', week);
      const r = await getJson(DigestReply, `digest?${q.toString()}`);
      if (stopped) return;
      // The location is now in the address (a reload or bookmark keeps it); the week only when
      // it was chosen, so the newest week's address keeps showing the newest week.
      if (!params.get('location'))
        history.replaceState(null, '', `/staff/digest?location=${r.location.id}`);
      pickers.append(
        picker(
          'week',
          'Week',
          r.weeks.map((w, i): [string, string] => [
            w,
            `${dayRange(w, weekEnd(w), true)}${i === 0 ? ' (newest)' : ''}`,
          ]),
          r.week.from,
          (w) => go(String(r.location.id), w),
        ),
      );
      status.textContent = '';
      printButton.hidden = false;
      body.replaceChildren(poster(r), subscriptionsPanel(r.location.id));
    })
    .catch(fail);
  return () => {
    stopped = true;
  };
}
