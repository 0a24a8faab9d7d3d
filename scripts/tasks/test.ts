// `npm test`: every check, in the order a failure is cheapest to read: formatting, the import
// fences, lint, types, build, then all vitest projects (unit — which includes the electronegativity gate —, renderer, e2e in
// Chromium, Electron).
// Each static check counts as one test; the last line is `N passed, N failed[, N skipped]`,
// which CI reads.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from './build.ts';
import { bin, heading, node } from './steps.ts';

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
  failures: string[];
}
const tally: Tally = { passed: 0, failed: 0, skipped: 0, failures: [] };

function count(name: string, ok: boolean): void {
  if (ok) tally.passed++;
  else {
    tally.failed++;
    tally.failures.push(name);
  }
}

async function check(name: string, run: () => Promise<boolean>): Promise<boolean> {
  heading(name);
  const ok = await run();
  count(name, ok);
  return ok;
}

const vitestArgs = process.argv.slice(2);

/** The files that took longest, so a suite creeping past CI's time budget shows where. */
function slowest(files: { name: string; startTime: number; endTime: number }[]): void {
  const top = files
    .map((f) => ({
      name: f.name.replace(`${process.cwd()}/`, ''),
      s: (f.endTime - f.startTime) / 1000,
    }))
    .sort((a, b) => b.s - a.s)
    .slice(0, 12);
  if (!top.length) return;
  process.stdout.write('\nslowest test files (s):\n');
  for (const f of top) process.stdout.write(`  ${f.s.toFixed(1).padStart(7)}  ${f.name}\n`);
}

const eslint = (group: 'fences' | 'style') => async () =>
  (await node(bin.eslint, ['.', '--max-warnings=0'], { ...process.env, LASTWORD_LINT: group })) ===
  0;
await check(
  'format (prettier --check)',
  async () => (await node(bin.prettier, ['--check', '.', '--log-level=warn'])) === 0,
);
await check('fences (eslint: which code may import what, by where it runs)', eslint('fences'));
await check('lint (eslint)', eslint('style'));
await check(
  'types (tsc --noEmit)',
  async () => (await node(bin.tsc, ['--noEmit', '-p', 'tsconfig.json'])) === 0,
);
const built = await check('build', build);

if (built) {
  heading('vitest: unit, renderer, e2e, electron');
  const out = mkdtempSync(join(tmpdir(), 'lastword-vitest-'));
  const report = join(out, 'report.json');
  const code = await node(bin.vitest, [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...vitestArgs,
  ]);
  try {
    const json = JSON.parse(readFileSync(report, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
      numFailedTestSuites: number;
      testResults: { name: string; startTime: number; endTime: number }[];
    };
    slowest(json.testResults);
    tally.passed += json.numPassedTests;
    tally.failed += json.numFailedTests;
    tally.skipped += json.numPendingTests + json.numTodoTests;
    // A file that fails to load has no failed test but a failed suite: count it.
    if (json.numFailedTestSuites > 0 && json.numFailedTests === 0) count('vitest suites', false);
    if (code !== 0 && json.numFailedTests === 0 && json.numFailedTestSuites === 0)
      count('vitest run', false);
  } catch {
    count('vitest run (no report)', false);
  }
  rmSync(out, { recursive: true, force: true });
} else {
  count('vitest (not run: the build failed)', false);
}

if (tally.failures.length) process.stdout.write(`\nfailed: ${tally.failures.join('; ')}\n`);
process.stdout.write(
  `\n${tally.passed} passed, ${tally.failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ''}\n`,
);
process.exit(tally.failed ? 1 : 0);
