// The surveys page (/staff/surveys, admins): every kept version with who saved it and when,
// where each is assigned, and which version each kiosk gets. Assign a version to a location,
// touchpoint or kiosk (the most specific wins); assigning an older one rolls back; removing an
// assignment lets the broader one apply. Kiosks switch after their current customer. The editor
// is its own page (survey-editor.ts).
import {
  AssignReply,
  SurveyListReply,
  SurveyVersionReply,
  type AssignmentTarget,
  type SurveyVersionSummary,
} from '../../../shared/survey-admin-api.ts';
import { getJson, sendJson } from './api.ts';
import { el, sentence } from './dom.ts';
import { field, onSubmit, select } from './form.ts';
import { staffLink } from './link.ts';
import { pageHeader } from './page-header.ts';
import type { PageEnv } from './routes.ts';
import { download } from './survey-json.ts';

const when = (iso: string) => new Date(iso).toLocaleString();
const SCOPE = { location: 'Location', touchpoint: 'Touchpoint', kiosk: 'Kiosk' } as const;

function table(label: string, head: string[], rows: HTMLElement[]): HTMLElement {
  return el(
    'table',
    { class: 'admin-table', 'aria-label': label },
    el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...rows),
  );
}

function versionRows(list: SurveyListReply): HTMLElement[] {
  return list.versions.map((v) => {
    const where = list.assignments.filter((a) => a.versionId === v.id).map((a) => a.targetName);
    const json = el('button', { type: 'button', class: 'ghost' }, 'JSON');
    json.addEventListener(
      'click',
      () =>
        void getJson(SurveyVersionReply, `surveys/${v.id}`).then((r) =>
          download(`survey-${v.surveyVersion}.json`, r.content),
        ),
    );
    return el(
      'tr',
      {},
      el(
        'td',
        {},
        el('strong', {}, `#${v.id} ${v.surveyVersion}`),
        v.note ? el('span', { class: 'field-hint block' }, v.note) : null,
      ),
      el('td', { 'data-label': 'Languages' }, v.languages.join(', ')),
      el('td', { 'data-label': 'Saved' }, `${v.author}, ${when(v.createdAt)}`),
      el('td', { 'data-label': 'Assigned to' }, where.join('; ') || '—'),
      el(
        'td',
        { class: 'row-actions' },
        staffLink(`/staff/surveys/edit?from=${v.id}`, 'Edit', { class: 'button-link' }),
        json,
      ),
    );
  });
}

const versionName = (versions: SurveyVersionSummary[], id: number | null) => {
  const v = versions.find((x) => x.id === id);
  return v ? `#${v.id} ${v.surveyVersion}` : 'its own config';
};

function assignForm(list: SurveyListReply, done: (m: string) => void): HTMLElement {
  const targets: [string, string, AssignmentTarget][] = [];
  for (const l of list.places) {
    targets.push([`location:${l.id}`, `Location: ${l.name}`, { scope: 'location', id: l.id }]);
    for (const t of l.touchpoints) {
      targets.push([
        `touchpoint:${t.id}`,
        `Touchpoint: ${l.name} / ${t.name}`,
        { scope: 'touchpoint', id: t.id },
      ]);
      for (const k of t.kiosks)
        targets.push([
          `kiosk:${k.id}`,
          `Kiosk: ${k.id} (${l.name} / ${t.name})`,
          { scope: 'kiosk', id: k.id },
        ]);
    }
  }
  const where = select(
    'target',
    targets.map(([v, text]) => [v, text]),
    targets[0]?.[0] ?? '',
  );
  const version = select(
    'version',
    list.versions.map((v) => [String(v.id), `#${v.id} ${v.surveyVersion}`]),
    String(list.versions[0]?.id ?? ''),
  );
  const form = el(
    'form',
    { class: 'admin-form', 'aria-label': 'Assign a version' },
    field(
      'Where',
      where,
      'A kiosk takes its own assignment, else its touchpoint’s, else its location’s',
    ),
    field('Version', version, 'An older version rolls back'),
    el('button', { class: 'primary', type: 'submit' }, 'Assign'),
  );
  onSubmit(form, async () => {
    const target = targets.find(([v]) => v === where.value)?.[2];
    if (!target) throw new Error('add a location first');
    const r = await sendJson(AssignReply, 'PUT', 'survey-assignments', {
      target,
      versionId: Number(version.value),
    });
    done(`Assigned #${version.value} to ${r.assignment!.targetName}: ${switched(r)}`);
  });
  return form;
}

function switched(r: AssignReply): string {
  const n = r.kiosksChanged;
  const changed = n
    ? `${n === 1 ? 'one kiosk switches' : `${n} kiosks switch`} after the current customer.`
    : 'no kiosk changes.';
  return r.kiosksWithoutConfig
    ? `${changed} ${r.kiosksWithoutConfig} without a config yet get it with their first.`
    : changed;
}

function assignmentRows(list: SurveyListReply, done: (m: string) => void): HTMLElement[] {
  return list.assignments.map((a) => {
    const remove = el('button', { type: 'button', class: 'ghost' }, 'Remove');
    remove.addEventListener('click', () => {
      remove.disabled = true;
      sendJson(
        AssignReply,
        'DELETE',
        `survey-assignments/${a.scope}/${encodeURIComponent(a.target)}`,
      )
        .then((r) => done(`Removed the assignment of ${a.targetName}: ${switched(r)}`))
        .catch((e: Error) => done(sentence(e.message)));
    });
    return el(
      'tr',
      {},
      el('td', {}, `${SCOPE[a.scope]}: ${a.targetName}`),
      el('td', { 'data-label': 'Version' }, versionName(list.versions, a.versionId)),
      el('td', { 'data-label': 'Assigned' }, `${a.assignedBy}, ${when(a.assignedAt)}`),
      el('td', { class: 'row-actions' }, remove),
    );
  });
}

function kioskRows(list: SurveyListReply): HTMLElement[] {
  return list.places.flatMap((l) =>
    l.touchpoints.flatMap((t) =>
      t.kiosks.map((k) =>
        el(
          'tr',
          {},
          el('td', {}, k.id),
          el('td', { 'data-label': 'Place' }, `${l.name} / ${t.name}`),
          el(
            'td',
            { 'data-label': 'Survey' },
            k.configured ? versionName(list.versions, k.versionId) : 'no config yet',
          ),
        ),
      ),
    ),
  );
}

export function renderSurveys({ root, who, logout }: PageEnv): void {
  const status = el('p', { class: 'page-status', role: 'status' });
  const body = el('div', { class: 'surveys' });
  const saved = new URLSearchParams(location.search).get('saved');
  const load = (message = '') =>
    getJson(SurveyListReply, 'surveys')
      .then((list) => {
        status.textContent = message;
        const done = (m: string) => void load(m);
        body.replaceChildren(
          el(
            'p',
            {},
            staffLink('/staff/surveys/edit', 'Edit the newest version', {
              class: 'button-link primary',
            }),
          ),
          el('h2', {}, 'Versions'),
          list.versions.length
            ? table(
                'Versions',
                ['Version', 'Languages', 'Saved', 'Assigned to', ''],
                versionRows(list),
              )
            : el(
                'p',
                { class: 'field-hint' },
                'No versions yet: open the editor and upload a survey JSON.',
              ),
          el('h2', {}, 'Assign a version'),
          list.versions.length
            ? assignForm(list, done)
            : el('p', { class: 'field-hint' }, 'Save a version first.'),
          list.assignments.length
            ? table('Assignments', ['Where', 'Version', 'Assigned', ''], assignmentRows(list, done))
            : el(
                'p',
                { class: 'field-hint' },
                'Nothing assigned: each kiosk shows the survey of its own config.',
              ),
          el('h2', {}, 'Kiosks'),
          table('Kiosks', ['Kiosk', 'Place', 'Survey'], kioskRows(list)),
        );
      })
      .catch((e: Error) => {
        status.textContent = sentence(e.message);
      });
  root.replaceChildren(
    pageHeader(who, 'Surveys', logout),
    el('main', { class: 'admin-page' }, el('h1', {}, 'Surveys'), status, body),
  );
  void load(saved ? `Saved version #${saved}. Assign it below to send it to kiosks.` : '');
}
