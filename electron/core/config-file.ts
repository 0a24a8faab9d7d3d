// Reads the kiosk config file. Never throws: a missing, unreadable or invalid file becomes a
// list of "field: reason" problems that the kiosk shows on its error screen for IT to fix. A
// device token sealed with the OS keystore (token-vault.ts) is opened here, so everything after
// sees the plain token, exactly as from a hand-written file.
import { readFileSync } from 'node:fs';
import { KioskConfig, describeIssues, type FieldProblem } from '../../shared/config.ts';
import { plainToken, type TokenVault } from './token-vault.ts';

export type ConfigLoad =
  { ok: true; config: KioskConfig } | { ok: false; problems: FieldProblem[] };

export function loadKioskConfig(path: string, vault?: TokenVault | null): ConfigLoad {
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
  if (!parsed.success) return { ok: false, problems: describeIssues(parsed.error) };
  const { collector } = parsed.data;
  if (!collector) return { ok: true, config: parsed.data };
  const token = plainToken(collector.token, vault);
  if (!token.ok)
    return { ok: false, problems: [{ field: 'collector.token', reason: token.reason }] };
  return { ok: true, config: { ...parsed.data, collector: { ...collector, token: token.token } } };
}
