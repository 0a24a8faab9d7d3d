// The survey editor (/staff/surveys/edit?from=<id>, admins): a kept version (the newest unless
// `from` says which) opened as a draft, its words in every language, reasons, low-score
// follow-up and branding edited in a form, checked with the kiosk's own schema as the collector
// will, previewed on the real kiosk page, and saved as a new version. JSON download and upload
// sit beside it. A problem shows next to its field; a refused save or upload changes nothing.
import { SurveyListReply, SurveyVersionReply } from '../../../shared/survey-admin-api.ts';
import { ApiError, getJson, sendJson } from './api.ts';
import { el, sentence } from './dom.ts';
import { pageHeader } from './page-header.ts';
import type { PageEnv } from './routes.ts';
import { FieldErrors, checkDraft } from './survey-fields.ts';
import { download, readUpload } from './survey-json.ts';
import { surveyPreview } from './survey-preview.ts';
import {
  brandingFields,
  languageFields,
  lowScoreFields,
  versionFields,
} from './survey-settings.ts';
import { reasonLists, textGrid, type Draft } from './survey-texts.ts';

const section = (title: string, ...children: (Node | null)[]) =>
  el('section', { class: 'editor-section', 'aria-label': title }, el('h2', {}, title), ...children);

export function renderSurveyEditor({ root, who, logout, navigate }: PageEnv): () => void {
  const status = el('p', { class: 'page-status', role: 'status' });
  const problems = el('ul', { class: 'problem-list', role: 'alert', 'aria-label': 'Problems' });
  const body = el('div', { class: 'editor-body' });
  const note = el('input', { maxlength: '200' });
  let draft: Draft | null = null;
  let basedOn: number | undefined;
  let errors = new FieldErrors();
  const preview = surveyPreview(() => draft!);

  const listProblems = (lines: string[]) =>
    problems.replaceChildren(...lines.map((line) => el('li', {}, line)));
  /**
   * Marks `found` at their fields; the list above names those with no field on screen, or, for
   * an uploaded file, every one as `lines` (with its line in the file).
   */
  const showProblems = (found: { field: string; reason: string }[], lines?: string[]) => {
    const orphans = errors.show(found);
    listProblems([
      ...(found.length
        ? [
            `${found.length === 1 ? 'One problem' : `${found.length} problems`}: see the marked fields.`,
          ]
        : []),
      ...(lines ?? orphans.map((p) => `${p.field}: ${p.reason}`)),
    ]);
    errors.firstInvalid()?.focus();
  };

  const draw = () => {
    const d = draft!;
    errors = new FieldErrors();
    body.replaceChildren(
      section('Version', versionFields(d, errors, note)),
      section('Languages', languageFields(d, errors, draw)),
      section(
        'Words',
        el('p', { class: 'field-hint' }, 'Every text in every language of the kiosk.'),
        textGrid(d, errors),
      ),
      section('Reasons', reasonLists(d, errors, draw)),
      section('Low score and follow-up', lowScoreFields(d, errors, draw)),
      section('Branding', brandingFields(d, errors, draw)),
      preview.node,
    );
    preview.languagesChanged();
  };

  const save = el('button', { type: 'button', class: 'primary' }, 'Save as new version');
  save.addEventListener('click', () => {
    const found = checkDraft(draft);
    if (found.length) return showProblems(found);
    save.disabled = true;
    sendJson(SurveyVersionReply, 'POST', 'surveys', {
      content: draft,
      ...(note.value.trim() && { note: note.value.trim() }),
      ...(basedOn && { basedOn }),
    })
      .then(({ version }) => navigate(`/staff/surveys?saved=${version.id}`))
      .catch((e: Error) => {
        if (e instanceof ApiError && e.problems.length)
          showProblems(e.problems.map((p) => ({ ...p, field: p.field.replace(/^content\./, '') })));
        else listProblems([sentence(e.message)]);
      })
      .finally(() => (save.disabled = false));
  });
  const check = el('button', { type: 'button', class: 'secondary' }, 'Check');
  check.addEventListener('click', () => {
    const found = checkDraft(draft);
    showProblems(found);
    status.textContent = found.length ? '' : 'No problems: every kiosk would take this survey.';
  });
  const toJson = el('button', { type: 'button', class: 'secondary' }, 'Download JSON');
  toJson.addEventListener(
    'click',
    () => draft && download(`survey-${draft.survey.version}.json`, draft),
  );
  const upload = el('input', { type: 'file', accept: 'application/json,.json', hidden: '' });
  const pick = el('button', { type: 'button', class: 'secondary' }, 'Upload JSON');
  pick.addEventListener('click', () => upload.click());
  upload.addEventListener('change', () => {
    const file = upload.files?.[0];
    if (!file) return;
    void readUpload(file).then((read) => {
      upload.value = '';
      if ('refused' in read) {
        status.textContent = '';
        listProblems([`${file.name} was not loaded; the draft is unchanged.`, ...read.refused]);
        return;
      }
      draft = read.draft;
      draw();
      status.textContent = read.problems.length
        ? `Loaded ${file.name}, not saved: fix the problems first.`
        : `Loaded ${file.name}.`;
      showProblems(read.problems, read.lines);
    });
  });
  const actions = el('div', { class: 'editor-actions' }, save, check, toJson, pick, upload);

  root.replaceChildren(
    pageHeader(who, 'Edit survey', logout),
    el(
      'main',
      { class: 'admin-page survey-editor' },
      el('h1', {}, 'Edit survey'),
      status,
      actions,
      problems,
      body,
    ),
  );
  const from = Number(new URLSearchParams(location.search).get('from')) || null;
  const open = async () => {
    const id = from ?? (await getJson(SurveyListReply, 'surveys')).versions[0]?.id;
    if (!id) {
      status.textContent = 'No survey version yet: upload a survey JSON (a kiosk.json works too).';
      return;
    }
    const kept = await getJson(SurveyVersionReply, `surveys/${id}`);
    draft = structuredClone(kept.content) as Draft;
    basedOn = kept.version.id;
    status.textContent = `Editing a copy of #${kept.version.id} (${kept.version.surveyVersion}), saved by ${kept.version.author} on ${new Date(kept.version.createdAt).toLocaleString()}.`;
    draw();
  };
  open().catch((e: Error) => (status.textContent = sentence(e.message)));
  return preview.stop;
}
