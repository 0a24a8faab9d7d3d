// JSON in and out of the survey editor: download the draft (or a kept version) as a file, and
// upload one, checked with the same rules as the form. A problem in an uploaded file is named
// by its field and the line it is on, so it can be fixed in any text editor; a file with a
// problem replaces nothing. A whole kiosk config (kiosk.json) is taken for its languages,
// branding and survey.
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

/** Reads an uploaded file into a draft, or the problems that keep it out (with line numbers). */
export async function readUpload(file: File): Promise<{ draft: Draft } | { problems: string[] }> {
  const text = await file.text();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { problems: [`${file.name} is not JSON: ${(e as Error).message}`] };
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
  if (!problems.length) return { draft: picked as Draft };
  const lines = jsonLines(text);
  return {
    problems: problems.map((p) => {
      let key: string | null = p.field;
      while (key && !lines.has(key)) key = parentKey(key);
      const line = (key && lines.get(key)) || 1;
      return `line ${line}: ${p.field}: ${p.reason}`;
    }),
  };
}
