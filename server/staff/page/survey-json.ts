// JSON in and out of the survey editor: download the draft (or a kept version) as a file, and
// upload one, checked with the same rules as the form. A problem in an uploaded file is named
// by its field and the line it is on, so it can be fixed in any text editor. A file the form
// can show (its languages, branding, survey and reason lists where the form expects them) is
// loaded with its problems, for the editor to mark at their fields; one it cannot show replaces
// nothing. Nothing is saved either way until the problems are fixed. A whole kiosk config
// (kiosk.json) is taken for its languages, branding and survey.
import { z } from 'zod';
import type { FieldProblem } from '../../../shared/config.ts';
import { el } from './dom.ts';
import { checkDraft, parentKey, pathKey, type Path } from './survey-fields.ts';
import type { Draft } from './survey-texts.ts';

/** The line each value of a JSON text starts on, by field name (pathKey). */
export function jsonLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let at = 0;
  let line = 1;
  const skip = () => {
    while (at < text.length && /\s/.test(text[at]!)) if (text[at++] === '\n') line++;
  };
  const string = () => {
    const start = ++at;
    while (at < text.length && text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    return JSON.parse(`"${text.slice(start, at++)}"`) as string;
  };
  const value = (path: Path): void => {
    skip();
    lines.set(pathKey(path), line);
    const c = text[at];
    if (c === '{' || c === '[') {
      at++;
      for (let i = 0; ; i++) {
        skip();
        if (text[at] === '}' || text[at] === ']') break;
        let key: string | number = i;
        if (c === '{') {
          key = string();
          skip();
          at++; // :
        }
        value([...path, key]);
        skip();
        if (text[at] === ',') at++;
      }
      at++;
    } else if (c === '"') string();
    else while (at < text.length && !/[\s,\]}]/.test(text[at]!)) at++;
  };
  value([]);
  return lines;
}

export function download(name: string, content: unknown): void {
  const blob = new Blob([`${JSON.stringify(content, null, 2)}\n`], { type: 'application/json' });
  const link = el('a', { download: name });
  link.href = URL.createObjectURL(blob);
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1_000);
}

const Reasons = z.array(z.looseObject({ id: z.string() }));
/** What the editor's form reads to draw a draft at all; what else is wrong shows at its field. */
const Drawable = z.looseObject({
  languages: z.looseObject({ available: z.array(z.string()) }),
  branding: z.looseObject({
    colors: z
      .looseObject({ text: z.string().optional(), background: z.string().optional() })
      .optional(),
  }),
  survey: z.looseObject({ reasons: z.looseObject({ low: Reasons, high: Reasons }) }),
});

/**
 * An uploaded file as a draft with its problems (each also as a line "line N: field: reason"),
 * or, when the form could not show it, only those lines: the draft then stays as it was.
 */
export async function readUpload(
  file: File,
): Promise<{ draft: Draft; problems: FieldProblem[]; lines: string[] } | { refused: string[] }> {
  const text = await file.text();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { refused: [`${file.name} is not JSON: ${(e as Error).message}`] };
  }
  const whole = data && typeof data === 'object' && 'kioskId' in data;
  const picked = whole
    ? (({ languages, branding, survey }: Record<string, unknown>) => ({
        languages,
        branding,
        survey,
      }))(data as Record<string, unknown>)
    : data;
  const problems = checkDraft(picked);
  const at = problems.length ? jsonLines(text) : new Map<string, number>();
  const lines = problems.map((p) => {
    let key: string | null = p.field;
    while (key && !at.has(key)) key = parentKey(key);
    return `line ${(key && at.get(key)) || 1}: ${p.field}: ${p.reason}`;
  });
  if (problems.length && !Drawable.safeParse(picked).success) return { refused: lines };
  return { draft: picked as Draft, problems, lines };
}
