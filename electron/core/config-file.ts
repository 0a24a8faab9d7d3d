// Reads the kiosk config file. Never throws: a missing, unreadable or invalid file becomes a
// list of "field: reason" problems that the kiosk shows on its error screen for IT to fix.
import { readFileSync } from 'node:fs';
import { KioskConfig, describeIssues, type FieldProblem } from '../../shared/config.ts';

export type ConfigLoad =
  { ok: true; config: KioskConfig } | { ok: false; problems: FieldProblem[] };

export function loadKioskConfig(path: string): ConfigLoad {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? `no kiosk config file at ${path}`
        : `cannot read ${path} (${code ?? 'error'})`;
    return { ok: false, problems: [{ field: '(file)', reason }] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      problems: [{ field: '(file)', reason: `not valid JSON: ${(error as Error).message}` }],
    };
  }
  const parsed = KioskConfig.safeParse(json);
  return parsed.success
    ? { ok: true, config: parsed.data }
    : { ok: false, problems: describeIssues(parsed.error) };
}
