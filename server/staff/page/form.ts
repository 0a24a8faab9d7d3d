// Small form pieces the admin pages share: a labelled field, a group of checkboxes, and a submit
// that shows the collector's refusal next to the form and keeps what was typed.
import { el, sentence } from './dom.ts';

let nextId = 0;

/** A label above its control, tied by id, with an optional hint under it. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id || `f${++nextId}`;
  control.id = id;
  const hintNode = hint ? el('p', { class: 'field-hint', id: `${id}-hint` }, hint) : null;
  if (hintNode) control.setAttribute('aria-describedby', hintNode.id);
  return el('div', { class: 'field' }, el('label', { for: id }, label), control, hintNode);
}

export function select(
  name: string,
  options: [string, string][],
  value: string,
): HTMLSelectElement {
  const node = el(
    'select',
    { name },
    ...options.map(([v, text]) => el('option', { value: v }, text)),
  );
  node.value = value;
  return node;
}

/** Checkboxes for a list of values; `checked()` reads what is ticked now. */
export function checkboxes(
  legend: string,
  values: string[],
  ticked: string[],
): { node: HTMLFieldSetElement; checked(): string[] } {
  const boxes = values.map((value) => {
    const box = el('input', { type: 'checkbox', value });
    box.checked = ticked.includes(value);
    return box;
  });
  const node = el(
    'fieldset',
    { class: 'checks' },
    el('legend', {}, legend),
    ...boxes.map((box) => el('label', { class: 'check-row' }, box, box.value)),
  );
  if (!values.length) node.append(el('p', { class: 'field-hint' }, 'No locations yet.'));
  return { node, checked: () => boxes.filter((b) => b.checked).map((b) => b.value) };
}

/**
 * Runs `submit` on the form's submit: the button is off while it works, a refusal is shown in
 * the form's error line (role=alert, so it is read out), and nothing typed is cleared.
 */
export function onSubmit(form: HTMLFormElement, submit: () => Promise<void>): HTMLElement {
  const error = el('p', { class: 'form-error', role: 'alert' });
  form.append(error);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const buttons = [...form.querySelectorAll('button')];
    for (const b of buttons) b.disabled = true;
    error.textContent = '';
    submit()
      .catch((e: Error) => {
        error.textContent = sentence(e.message);
      })
      .finally(() => {
        for (const b of buttons) b.disabled = false;
      });
  });
  return error;
}
