// Runs Doyensec's Electronegativity over the Electron shell and fails on any HIGH or MEDIUM
// finding. Usage: node scripts/checks/electronegativity.ts [--verbose] [--also <file>]...
// (--also adds a file to the scan; the test uses it to prove that a bad window is caught.)
//
// What is scanned: electron/main and electron/preload (TypeScript; the tool parses it), the
// project's package.json (Electron version and arguments), and one generated HTML page that
// carries the renderer's CSP (shared/renderer-csp.ts) as a <meta> tag. The real CSP is a
// response header set by the app:// handler, a form the tool cannot see; without the page it
// would report "no CSP" and never evaluate the policy we actually send.
//
// Kept offline and deterministic: the tool fetches translations and Electron's release list
// over HTTP; its HTTP client is replaced with one that fails at once (it then uses its bundled
// English texts), and AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK, which only works online, is off.
// Electron upgrades are tracked by dependency updates, not by a test whose verdict depends on
// the network.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { RENDERER_CSP } from '../../shared/renderer-csp.ts';

const root = join(import.meta.dirname, '..', '..');
const verbose = process.argv.includes('--verbose');
const extraFiles = process.argv.flatMap((arg, i, all) =>
  arg === '--also' && all[i + 1] ? [all[i + 1]!] : [],
);
// The tool names checks by class here (AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK in its reports).
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

interface Level {
  name: 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL';
}
interface Issue {
  id: string;
  file: string;
  location: { line: number; column: number };
  description: string;
  severity: Level;
  confidence: { name: string };
  manualReview: boolean;
}
interface Result {
  issues: Issue[];
  errors: { file: string; message: string; tolerable: boolean }[];
}
type Run = (options: Record<string, unknown>, forCli: boolean) => Promise<Result>;

function offlineElectronegativity(): Run {
  const require = createRequire(join(root, 'package.json'));
  const runnerPath = require.resolve('@doyensec/electronegativity');
  const gotPath = createRequire(runnerPath).resolve('got');
  const offline = (): Promise<never> => Promise.reject(new Error('offline by design'));
  require.cache[gotPath] = {
    id: gotPath,
    filename: gotPath,
    loaded: true,
    exports: offline,
  } as unknown as NodeJS.Module;
  return require(runnerPath) as Run;
}

function scanFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lastword-electronegativity-'));
  cpSync(join(root, 'electron', 'main'), join(dir, 'main'), { recursive: true });
  cpSync(join(root, 'electron', 'preload'), join(dir, 'preload'), { recursive: true });
  cpSync(join(root, 'package.json'), join(dir, 'package.json'));
  extraFiles.forEach((file, i) => cpSync(file, join(dir, `also-${i}-${basename(file)}`)));
  const csp = RENDERER_CSP.replace(/"/g, '&quot;');
  writeFileSync(
    join(dir, 'renderer-csp.html'),
    `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${csp}"></head><body></body></html>\n`,
  );
  return dir;
}

async function main(): Promise<number> {
  const electronVersion = (
    JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const dir = scanFolder();
  // The tool chats on console.log (progress, fetch failures); keep its words for --verbose only.
  const chatter: unknown[][] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => void chatter.push(args);
  let result: Result;
  try {
    result = await offlineElectronegativity()(
      {
        input: dir,
        isRelative: true,
        isVerbose: false,
        customScan: [],
        excludeFromScan: EXCLUDED_CHECKS,
        electronVersionOverride: electronVersion,
        parserPlugins: [],
      },
      false,
    );
  } finally {
    console.log = log;
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  }
  if (verbose) for (const args of chatter) console.log('  (electronegativity)', ...args);

  const count = (name: Level['name']) =>
    result.issues.filter((i) => i.severity.name === name).length;
  for (const issue of result.issues) {
    const blocking = issue.severity.name === 'HIGH' || issue.severity.name === 'MEDIUM';
    if (!blocking && !verbose) continue;
    const where = `${issue.file}:${issue.location.line}:${issue.location.column}`;
    console.log(
      `${issue.severity.name} ${issue.id} ${where} (${issue.confidence.name}${issue.manualReview ? ', review' : ''}): ${issue.description}`,
    );
  }
  const unparsed = result.errors.filter((e) => !e.tolerable);
  for (const e of unparsed) console.log(`could not parse ${e.file}: ${e.message}`);

  const high = count('HIGH');
  const medium = count('MEDIUM');
  console.log(
    `electronegativity: ${high} high, ${medium} medium, ${count('LOW')} low${unparsed.length ? `, ${unparsed.length} files not parsed` : ''}`,
  );
  return high + medium + unparsed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      `electronegativity: could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(2);
  },
);
