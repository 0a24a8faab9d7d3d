// `npm test`: every check. First the static ones, two at a time (formatting, the import
// fences, lint, types, build; each printed whole when it ends), then all vitest projects (unit —
// which includes the electronegativity gate —, renderer, e2e in Chromium, Electron).
// Each static check counts as one test; the last line is `N passed, N failed[, N skipped]`,
// which CI reads.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin, heading, node, nodeHeld } from './steps.ts';

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

/**
 * The static checks run side by side, two at a time on CI's two cores (longest first, so the
 * pair ends together): run one after another they were a few minutes of a budget vitest
 * mostly needs. Each prints as one block when it ends, with its time, and counts as one test.
 */
interface Static {
  name: string;
  script: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}
const lint = (group: 'fences' | 'style'): Pick<Static, 'script' | 'args' | 'env'> => ({
  script: bin.eslint,
  args: ['.', '--max-warnings=0'],
  env: { ...process.env, LASTWORD_LINT: group },
});
const statics: Static[] = [
  { name: 'build', script: join('scripts', 'tasks', 'build.ts'), args: [] },
  { name: 'types (tsc --noEmit)', script: bin.tsc, args: ['--noEmit', '-p', 'tsconfig.json'] },
  { name: 'lint (eslint)', ...lint('style') },
  { name: 'fences (eslint: which code may import what, by where it runs)', ...lint('fences') },
  {
    name: 'format (prettier --check)',
    script: bin.prettier,
    args: ['--check', '.', '--log-level=warn'],
  },
];
const passed = new Map<string, boolean>();
const queue = [...statics];
const lane = async () => {
  for (let next = queue.shift(); next; next = queue.shift()) {
    const started = performance.now();
    const { code, output } = await nodeHeld(next.script, next.args, next.env);
    const s = ((performance.now() - started) / 1000).toFixed(1);
    heading(`${next.name}: ${code === 0 ? 'ok' : 'FAILED'} in ${s} s`);
    process.stdout.write(output);
    passed.set(next.name, code === 0);
  }
};
await Promise.all(Array.from({ length: Math.min(2, availableParallelism()) }, lane));
// Counted in a fixed order, so the tally reads the same whichever check ended first.
for (const { name } of statics) count(name, passed.get(name) === true);
const built = passed.get('build') === true;

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
