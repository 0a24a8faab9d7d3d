// The survey editor's words: every question, answer word and thank-you in every language of the
// draft, side by side (one column per language on a monitor, one under another on a phone), and
// the two reason lists, whose reasons can be added, renamed and removed. Each input writes into
// the draft at its path and has its error line under it (survey-fields.ts).
import { localizedTexts, type SurveyDefinition } from '../../../shared/survey.ts';
import { el } from './dom.ts';
import type { FieldErrors } from './survey-fields.ts';
import { setAt, valueAt, type Path } from './survey-fields.ts';

export interface Draft {
  languages: { default: string; available: string[] };
  branding: Record<string, unknown> & { welcome: Record<string, string> };
  survey: SurveyDefinition;
}

const NAMES: [RegExp, string][] = [
  [/^survey\.smiley\.prompt$/, 'Smiley question'],
  [/^survey\.smiley\.labels\.(\d+)$/, 'Face $1 word (worst first)'],
  [/^survey\.reasons\.prompt$/, 'Reasons question'],
  [/^survey\.nps\.prompt$/, 'Recommend question (0–10)'],
  [/^survey\.nps\.ends\.low$/, 'Recommend: word under 0'],
  [/^survey\.nps\.ends\.high$/, 'Recommend: word under 10'],
  [/^survey\.ces\.prompt$/, 'Effort question'],
  [/^survey\.ces\.ends\.low$/, 'Effort: low end'],
  [/^survey\.ces\.ends\.high$/, 'Effort: high end'],
  [/^survey\.comment\.prompt$/, 'Comment question'],
  [/^survey\.contact\.consentText$/, 'Contact consent'],
  [/^survey\.thankYou\.happy$/, 'Thank you'],
  [/^survey\.thankYou\.unhappy$/, 'Thank you after a low score'],
  [/^branding\.welcome$/, 'Welcome line'],
];

function nameOf(path: Path): string {
  const key = path.join('.');
  for (const [pattern, name] of NAMES) {
    const m = pattern.exec(key);
    if (m) return name.replace('$1', String(Number(m[1] ?? 0) + 1));
  }
  return key;
}

/**
 * One text in every language: a group with an input per language (`lead` goes first: a
 * reason's id, `tail` last: its Remove button).
 */
function textGroup(
  draft: Draft,
  path: Path,
  errors: FieldErrors,
  name = nameOf(path),
  lead: HTMLElement[] = [],
  tail: HTMLElement[] = [],
): HTMLElement {
  const inputs = draft.languages.available.map((lang) => {
    // A text area that grows with its words: long ones wrap instead of scrolling out of sight.
    const input = el('textarea', {
      lang,
      'aria-label': `${name} (${lang})`,
      maxlength: '500',
      rows: '1',
    });
    input.value = String(valueAt(draft, [...path, lang]) ?? '');
    input.addEventListener('input', () => setAt(draft, [...path, lang], input.value || undefined));
    return langInput(lang, input, errors.slot([...path, lang], input));
  });
  return el(
    'fieldset',
    { class: 'text-group' },
    el('legend', {}, name),
    ...lead,
    ...inputs,
    errors.slot(path),
    ...tail,
  );
}

const langInput = (
  code: string,
  input: HTMLInputElement | HTMLTextAreaElement,
  error: HTMLElement,
) => el('label', { class: 'lang-input' }, el('span', { class: 'lang-code' }, code), input, error);

/** Every text of the draft except the reasons' labels (reasonLists has those). */
export function textGrid(draft: Draft, errors: FieldErrors): HTMLElement {
  const texts = localizedTexts(draft.survey).filter(
    ({ path }) => !(path[0] === 'reasons' && (path[1] === 'low' || path[1] === 'high')),
  );
  return el(
    'div',
    { class: 'text-grid' },
    textGroup(draft, ['branding', 'welcome'], errors),
    ...texts.map(({ path }) => textGroup(draft, ['survey', ...path], errors)),
    errors.slot(['survey', 'smiley', 'labels']),
  );
}

const LISTS = [
  ['low', 'Reasons offered after a low score'],
  ['high', 'Reasons offered after a good score'],
] as const;

/** The two reason lists: id and words per reason; add and remove redraw the editor. */
export function reasonLists(draft: Draft, errors: FieldErrors, redraw: () => void): HTMLElement {
  return el(
    'div',
    { class: 'reason-lists' },
    ...LISTS.map(([list, title]) => {
      const reasons = draft.survey.reasons[list];
      const rows = reasons.map((reason, i) => {
        const path: Path = ['survey', 'reasons', list, i];
        const id = el('input', { 'aria-label': `Reason ${i + 1} id`, spellcheck: 'false' });
        id.value = reason.id;
        id.addEventListener('input', () => (reason.id = id.value));
        const remove = el('button', { type: 'button', class: 'ghost' }, `Remove reason ${i + 1}`);
        remove.addEventListener('click', () => {
          reasons.splice(i, 1);
          redraw();
        });
        const idField = langInput('id', id, errors.slot([...path, 'id'], id));
        return textGroup(
          draft,
          [...path, 'label'],
          errors,
          `Reason ${i + 1}`,
          [idField],
          [el('div', { class: 'group-actions' }, remove)],
        );
      });
      const add = el('button', { type: 'button', class: 'secondary' }, 'Add a reason');
      add.addEventListener('click', () => {
        reasons.push({ id: `reason-${reasons.length + 1}`, label: {} });
        redraw();
      });
      return el(
        'section',
        { class: 'reason-list', 'aria-label': title },
        el('h3', {}, title),
        errors.slot(['survey', 'reasons', list]),
        ...rows,
        add,
      );
    }),
  );
}
