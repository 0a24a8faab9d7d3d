#!/usr/bin/env node
// Entry point of `npm start` / `npm test` / `npm run build`. It must run on any Node the machine
// happens to have (Debian ships 20, past its end of life), so it uses nothing but built-ins:
// 1. if this Node is older than 22.12, install Node 22 from the npm registry into .toolchain/
//    (git-ignored) and re-run itself with it;
// 2. if node_modules is missing or older than package-lock.json, run `npm ci`;
// 3. hand over to the TypeScript task in scripts/tasks/ (Node 22 strips types natively), or for
//    `kiosk serve`, to its build.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const MIN = [22, 12];
const TOOLCHAIN = join(root, '.toolchain');
const TOOLCHAIN_NODE = join(TOOLCHAIN, 'node_modules', 'node', 'bin', 'node');
const TASKS = {
  demo: 'demo.ts',
  test: 'test.ts',
  build: 'build.ts',
  dist: 'dist.ts',
  kiosk: 'kiosk.ts',
  collector: '../../server/main.ts',
  'collector-admin': '../../server/cli.ts',
};

function log(line) {
  process.stderr.write(`[lastword] ${line}\n`);
}

function run(cmd, args, env = process.env) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

/**
 * Runs the rest of the command in a child process and exits as it does. systemd, a test or `kill`
 * may stop the command by signalling this process alone: SIGTERM and SIGHUP are passed on, so the
 * task stops cleanly instead of living on as an orphan. Ctrl+C already reaches the whole process
 * group, the task included, so SIGINT only must not end this process before the task has stopped.
 */
function handOver(cmd, args, env = process.env) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  process.on('SIGINT', () => {});
  child.on('error', (error) => {
    log(`could not start ${cmd}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (!signal) process.exit(code ?? 1);
    // Killed by a signal: end the same way, so whoever started us sees what happened.
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  });
}

function nodeIsRecentEnough(version) {
  const [major, minor] = version.split('.').map(Number);
  return major > MIN[0] || (major === MIN[0] && minor >= MIN[1]);
}

/** Re-runs this command on Node 22 from .toolchain/, installing it first if need be. */
function rerunOnNode22() {
  if (!existsSync(TOOLCHAIN_NODE)) {
    log(
      `Node ${process.versions.node} is too old (need >= ${MIN.join('.')}); installing Node 22 into .toolchain/`,
    );
    const status = run('npm', [
      'install',
      '--prefix',
      TOOLCHAIN,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      'node@22',
    ]);
    if (status !== 0 || !existsSync(TOOLCHAIN_NODE)) {
      log(
        'could not install Node 22 from the npm registry; install Node >= 22.12 yourself (see .nvmrc)',
      );
      process.exit(1);
    }
  }
  // Put Node 22 first on PATH so npm, npx and every child process use it too.
  const env = {
    ...process.env,
    PATH: `${dirname(TOOLCHAIN_NODE)}${delimiter}${process.env.PATH ?? ''}`,
  };
  handOver(TOOLCHAIN_NODE, process.argv.slice(1), env);
}

function lockHash() {
  return createHash('sha256')
    .update(readFileSync(join(root, 'package-lock.json')))
    .digest('hex');
}

function ensureDeps() {
  const stamp = join(root, 'node_modules', '.lastword-lock-hash');
  const want = lockHash();
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  log('installing dependencies (npm ci)');
  const status = run('npm', ['ci', '--no-audit', '--no-fund']);
  if (status !== 0) {
    log('npm ci failed; see the output above');
    process.exit(status);
  }
  writeFileSync(stamp, want);
}

const task = process.argv[2];
if (!task || !(task in TASKS)) {
  log(`usage: node scripts/run.mjs <${Object.keys(TASKS).join('|')}> [args]`);
  process.exit(2);
}
if (!nodeIsRecentEnough(process.versions.node)) rerunOnNode22();
else await start();

async function start() {
  ensureDeps();
  // `kiosk serve` is what a thin client boots into (deploy/linux): it runs from its build
  // (vite.serve.config.ts, part of `npm run build`, which serve needs for the kiosk page anyway)
  // in this very process, without a second Node start or loading the TypeScript sources.
  const serveBundle = join(root, 'dist', 'kiosk', 'serve.mjs');
  if (task === 'kiosk' && process.argv[3] === 'serve' && existsSync(serveBundle)) {
    const { serve } = await import(pathToFileURL(serveBundle).href);
    await serve(process.argv.slice(4), join(root, 'dist', 'renderer'));
  } else {
    handOver(process.execPath, [
      join(root, 'scripts', 'tasks', TASKS[task]),
      ...process.argv.slice(3),
    ]);
  }
}
