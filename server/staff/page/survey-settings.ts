// The survey editor's settings beside the words: the version string and note, the languages,
// what counts as a low score and what follows one (comment, contact offer), and the branding
// (name, colours with their contrast read out, logo). The logo is checked here with the same
// rules the collector applies (shared/brand-logo.ts) before it is read into the draft, so a file
// that is too large is refused without being loaded.
import { LOGO_MAX_BYTES, LOGO_TYPES, checkLogo } from '../../../shared/brand-logo.ts';
import { TEXT_CONTRAST, contrast } from '../../../shared/contrast.ts';
import { el } from './dom.ts';
import { field } from './form.ts';
import type { FieldErrors } from './survey-fields.ts';
import { setAt, valueAt, type Path } from './survey-fields.ts';
import type { Draft } from './survey-texts.ts';

type Bind = (label: string, path: Path, input: HTMLInputElement, hint?: string) => HTMLElement;

/** A labelled input bound to the draft at `path` (numbers stay numbers), with its error line. */
export function binder(draft: Draft, errors: FieldErrors): Bind {
  return (label, path, input, hint) => {
    const value = valueAt(draft, path);
    input.value = value === undefined ? '' : String(value);
    input.addEventListener('input', () => {
      const raw = input.value.trim();
      setAt(draft, path, input.type === 'number' && raw !== '' ? Number(raw) : raw || undefined);
    });
    const node = field(label, input, hint);
    node.append(errors.slot(path, input));
    return node;
  };
}

/** A checkbox that adds or removes an optional part of the survey, then redraws. */
function toggle(draft: Draft, path: Path, label: string, made: () => unknown, redraw: () => void) {
  const box = el('input', { type: 'checkbox' });
  box.checked = valueAt(draft, path) !== undefined;
  box.addEventListener('change', () => {
    setAt(draft, path, box.checked ? made() : undefined);
    redraw();
  });
  return el('label', { class: 'check-row' }, box, label);
}

const empty = (draft: Draft) => Object.fromEntries(draft.languages.available.map((l) => [l, '']));

export function versionFields(
  draft: Draft,
  errors: FieldErrors,
  note: HTMLInputElement,
): HTMLElement {
  const bind = binder(draft, errors);
  return el(
    'div',
    { class: 'settings-grid' },
    bind(
      'Survey version',
      ['survey', 'version'],
      el('input', { maxlength: '64', spellcheck: 'false' }),
      'Stored with every answer: give changed questions or reasons a new one',
    ),
    field('Note for this version', note, 'What changed, for whoever rolls back'),
  );
}

export function languageFields(draft: Draft, errors: FieldErrors, redraw: () => void): HTMLElement {
  const list = el('input', { spellcheck: 'false' });
  list.value = draft.languages.available.join(', ');
  list.addEventListener('change', () => {
    draft.languages.available = list.value.split(/[\s,]+/).filter(Boolean);
    redraw();
  });
  const bind = binder(draft, errors);
  const langs = field(
    'Languages',
    list,
    'Codes, comma-separated; the kiosk has its own words in en, et, ru, zh-Hans, ar',
  );
  langs.append(errors.slot(['languages', 'available'], list));
  return el(
    'div',
    { class: 'settings-grid' },
    langs,
    bind('Default language', ['languages', 'default'], el('input', { spellcheck: 'false' })),
  );
}

export function lowScoreFields(draft: Draft, errors: FieldErrors, redraw: () => void): HTMLElement {
  const bind = binder(draft, errors);
  const number = (min: number, max: number) =>
    el('input', { type: 'number', min: String(min), max: String(max), inputmode: 'numeric' });
  return el(
    'div',
    { class: 'settings-grid' },
    bind('Faces', ['survey', 'smiley', 'faces'], number(4, 5), '4 or 5; one word per face'),
    bind(
      'Low smiley: at most',
      ['survey', 'lowScore', 'smileyAtMost'],
      number(1, 4),
      'Faces up to this one count as unhappy',
    ),
    bind('Low recommend score: at most', ['survey', 'lowScore', 'npsAtMost'], number(0, 10)),
    el(
      'div',
      { class: 'field' },
      toggle(
        draft,
        ['survey', 'comment'],
        'Ask for a comment',
        () => ({ prompt: empty(draft), maxLength: 300 }),
        redraw,
      ),
      toggle(
        draft,
        ['survey', 'contact'],
        'Offer to be contacted after a low score',
        () => ({ consentVersion: String(draft.survey.version), consentText: empty(draft) }),
        redraw,
      ),
    ),
    draft.survey.contact
      ? bind(
          'Consent version',
          ['survey', 'contact', 'consentVersion'],
          el('input', { maxlength: '64' }),
          'Change it when the consent words change',
        )
      : null,
  );
}

function contrastLine(draft: Draft): string {
  const c = draft.branding.colors as { text?: string; background?: string } | undefined;
  if (!c?.text || !c.background) return '';
  const ratio = contrast(c.text, c.background);
  return `Text on background: ${ratio.toFixed(1)}:1 — ${ratio >= TEXT_CONTRAST ? 'readable' : `too low, needs ${TEXT_CONTRAST}:1`}.`;
}

export function brandingFields(draft: Draft, errors: FieldErrors, redraw: () => void): HTMLElement {
  const bind = binder(draft, errors);
  const readout = el('p', { class: 'field-hint', role: 'status' }, contrastLine(draft));
  const colours = (['primary', 'background', 'text'] as const).map((name) => {
    const input = el('input', { type: 'color' });
    const node = bind(
      `${name[0]!.toUpperCase()}${name.slice(1)} colour`,
      ['branding', 'colors', name],
      input,
    );
    input.addEventListener('input', () => (readout.textContent = contrastLine(draft)));
    return node;
  });
  const logo = typeof draft.branding.logo === 'string' ? draft.branding.logo : null;
  const file = el('input', { type: 'file', accept: LOGO_TYPES.join(','), hidden: '' });
  const choose = el(
    'button',
    { type: 'button', class: 'secondary' },
    logo ? 'Another logo…' : 'Choose a logo…',
  );
  choose.addEventListener('click', () => file.click());
  const logoError = errors.slot(['branding', 'logo'], choose);
  file.addEventListener('change', () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    if (chosen.size > LOGO_MAX_BYTES) {
      logoError.textContent = `The file is ${Math.ceil(chosen.size / 1024)} KiB: at most ${LOGO_MAX_BYTES / 1024} KiB. Nothing was changed.`;
      file.value = '';
      return;
    }
    const reader = new FileReader();
    reader.addEventListener('load', () => {
      const url = String(reader.result);
      const checked = checkLogo(url);
      if (!checked.ok) {
        logoError.textContent = `The logo ${checked.reason}. Nothing was changed.`;
        file.value = '';
        return;
      }
      draft.branding.logo = url;
      redraw();
    });
    reader.readAsDataURL(chosen);
  });
  const shown = el('img', { class: 'logo-preview', alt: 'Current logo' });
  if (logo) shown.src = logo;
  const remove = el('button', { type: 'button', class: 'ghost' }, 'Remove logo');
  remove.addEventListener('click', () => {
    delete draft.branding.logo;
    redraw();
  });
  const useColours = toggle(
    draft,
    ['branding', 'colors'],
    'Brand colours',
    () => ({ primary: '#0a58ca', background: '#ffffff', text: '#1c1b1a' }),
    redraw,
  );
  return el(
    'div',
    { class: 'settings-grid' },
    bind('Name shown on the kiosk', ['branding', 'name'], el('input', { maxlength: '80' })),
    el(
      'div',
      { class: 'field' },
      el('span', { class: 'field-label' }, 'Logo'),
      logo ? el('div', { class: 'logo-row' }, shown, remove) : null,
      el('div', {}, choose, file),
      el(
        'p',
        { class: 'field-hint' },
        `PNG, WebP or JPEG, at most ${LOGO_MAX_BYTES / 1024} KiB and 2048 pixels a side`,
      ),
      logoError,
    ),
    el('div', { class: 'field' }, useColours, readout, errors.slot(['branding', 'colors'])),
    ...(draft.branding.colors ? colours : []),
  );
}
