// The survey editor's fields and their problems. Every control is registered under the path of
// the draft value it edits, written the way the kiosk's schema names a field ("survey.reasons
// .low[0].label.et", describeIssues in shared/config.ts), so a problem from the page's own check
// or from the collector's 400 lands under the control it is about; one about a whole group (a
// list's unique ids) lands under the nearest registered group.
import { describeIssues, type FieldProblem } from '../../../shared/config.ts';
import { AdminSurveyContent } from '../../../shared/survey-admin-api.ts';
import { el } from './dom.ts';

export type Path = (string | number)[];

/** A path as the schema names it: "survey.smiley.labels[0].en". */
export const pathKey = (path: Path) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');

/** The field that holds `key` ("survey.reasons.low[0]" → "survey.reasons.low"), or null at the top. */
export function parentKey(key: string): string | null {
  const parent = key.replace(/(\.[^.[]+|\[\d+\])$/, '');
  return parent === key ? null : parent;
}

/** The value at `path` in `root`, or undefined. */
export function valueAt(root: unknown, path: Path): unknown {
  let at = root;
  for (const p of path)
    at = at && typeof at === 'object' ? (at as Record<string, unknown>)[p] : undefined;
  return at;
}

/** Sets the value at `path`, making the objects on the way; undefined removes the key. */
export function setAt(root: object, path: Path, value: unknown): void {
  let at = root as Record<string, unknown>;
  for (const p of path.slice(0, -1)) {
    if (!at[p] || typeof at[p] !== 'object') at[p] = {};
    at = at[p] as Record<string, unknown>;
  }
  const last = path.at(-1)!;
  if (value === undefined) delete at[last];
  else at[last] = value;
}

/** The problems of a draft under the rules the collector applies (the kiosk's, and the admin's). */
export function checkDraft(draft: unknown): FieldProblem[] {
  const parsed = AdminSurveyContent.safeParse(draft);
  return parsed.success ? [] : describeIssues(parsed.error);
}

export class FieldErrors {
  private readonly slots = new Map<string, { node: HTMLElement; control: HTMLElement | null }>();

  /** An error line under a control (or group) for the value at `path`; append it after it. */
  slot(path: Path, control: HTMLElement | null = null): HTMLElement {
    const node = el('p', { class: 'field-error', role: 'alert' });
    if (control) {
      node.id = `err-${pathKey(path).replace(/[^\w-]/g, '_')}`;
      control.setAttribute('aria-describedby', node.id);
    }
    this.slots.set(pathKey(path), { node, control });
    return node;
  }

  /**
   * Shows `problems` next to their fields; returns those with no field on screen (for the list
   * at the top). Every problem is also in that list when `all` is set.
   */
  show(problems: FieldProblem[]): FieldProblem[] {
    for (const { node, control } of this.slots.values()) {
      node.textContent = '';
      control?.removeAttribute('aria-invalid');
    }
    const orphans: FieldProblem[] = [];
    for (const problem of problems) {
      const slot = this.nearest(problem.field);
      if (!slot) {
        orphans.push(problem);
        continue;
      }
      slot.node.textContent = slot.node.textContent
        ? `${slot.node.textContent} ${problem.reason}.`
        : `${problem.reason.charAt(0).toUpperCase()}${problem.reason.slice(1)}.`;
      slot.control?.setAttribute('aria-invalid', 'true');
    }
    return orphans;
  }

  /** The first field with a problem, to move focus to. */
  firstInvalid(): HTMLElement | null {
    for (const { node, control } of this.slots.values())
      if (node.textContent) return control ?? node;
    return null;
  }

  private nearest(field: string) {
    for (let key: string | null = field; key; key = parentKey(key)) {
      const slot = this.slots.get(key);
      if (slot) return slot;
    }
    return undefined;
  }
}
