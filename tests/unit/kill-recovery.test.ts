// Fault test: the writer (tests/support/kill-writer.ts, the real kiosk host in its own process)
// is killed with SIGKILL at random points, again and again, on one database file. After every
// kill: the file passes integrity_check, everything the writer acknowledged is stored as it was
// acknowledged, seq runs 1..max without a gap, no final answer changed, and the drafts the
// previous kill left open are final as partial once the next writer has started.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createKioskHost } from '../../electron/core/host.ts';
import { SMALL_CONFIG_PATH } from '../support/config.ts';
import { killChecker } from '../support/kill-checker.ts';
import { parseRun, type Run } from '../support/kill-log.ts';
import { tempDir } from '../support/tmp.ts';

const WRITER = join(import.meta.dirname, '..', 'support', 'kill-writer.ts');
const KILLS = 150;
const CLOCK_START = Date.parse('2026-11-23T09:00:00Z');
/** Each writer's virtual clock starts this far past the previous one's: past its last answer. */
const CLOCK_PER_RUN = 1_000_000_000;
/** A writer that is not ready by then is killed anyway (a very loaded machine, not a failure). */
const READY_TIMEOUT_MS = 15_000;

/**
 * Where a kill lands. Most land amid writes, 20-150 ms after the writer is ready; one in eight
 * lands in its start (Node, module loading) and one in eight while the host opens the database
 * and recovers the drafts the previous kill left. The last two are aimed with the times the
 * previous writers took and the writer's own "opening" line, so they follow the machine's speed.
 */
type Plan =
  | { when: 'start'; afterSpawnMs: number }
  | { when: 'open'; afterOpeningMs: number }
  | { when: 'writing'; afterReadyMs: number };
const timing = { openingMs: 150, readyMs: 170 };
const smooth = (key: keyof typeof timing, ms: number) =>
  (timing[key] = 0.7 * timing[key] + 0.3 * ms);
const uniform = (lo: number, hi: number) =>
  lo + Math.floor(Math.random() * (Math.max(lo, hi) - lo + 1));

function plan(round: number): Plan {
  if (round % 8 === 2) return { when: 'start', afterSpawnMs: uniform(20, timing.openingMs) };
  if (round % 8 === 6)
    return {
      when: 'open',
      afterOpeningMs: uniform(0, Math.max(5, timing.readyMs - timing.openingMs)),
    };
  return { when: 'writing', afterReadyMs: uniform(20, 150) };
}

const dir = tempDir('lastword-kill-');
afterAll(() => dir.remove());
const databasePath = join(dir.path, 'kiosk.sqlite');

/** Starts a writer, kills it with SIGKILL as planned, and returns what it had acknowledged. */
function runAndKill(clockStart: number, when: Plan): Promise<Run> {
  return new Promise((resolve, reject) => {
    const spawnedAt = performance.now();
    const child = spawn(
      process.execPath,
      [
        '--disable-warning=ExperimentalWarning',
        WRITER,
        databasePath,
        SMALL_CONFIG_PATH,
        String(clockStart),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const kill = () => child.kill('SIGKILL');
    let timer = setTimeout(kill, when.when === 'start' ? when.afterSpawnMs : READY_TIMEOUT_MS);
    const killAfter = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(kill, ms);
    };
    let stdout = '';
    let stderr = '';
    let opening = false;
    let ready = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const since = performance.now() - spawnedAt;
      if (!opening && stdout.startsWith('opening\n')) {
        opening = true;
        smooth('openingMs', since);
        if (when.when === 'open') killAfter(when.afterOpeningMs);
      }
      if (!ready && stdout.startsWith('opening\nready\n')) {
        ready = true;
        smooth('readyMs', since);
        if (when.when === 'writing') killAfter(when.afterReadyMs);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    // 'close' comes after both pipes are drained: every line the writer wrote has been read.
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const run = parseRun(stdout);
      if (signal !== 'SIGKILL')
        run.problems.push(
          `the writer exited by itself (code ${code}, signal ${signal}): ${stderr.trim()}`,
        );
      resolve(run);
    });
  });
}

const checker = killChecker(databasePath);
const { stats, verify } = checker;

describe('kill -9 of the writer', () => {
  it(
    `loses nothing acknowledged over ${KILLS} kills at random points`,
    { timeout: 420_000 },
    async () => {
      for (let round = 1; round <= KILLS; round++) {
        const when = plan(round);
        const run = await runAndKill(CLOCK_START + round * CLOCK_PER_RUN, when);
        stats.kills++;
        if (!run.opening) stats.inStart++;
        else if (!run.ready) stats.inOpen++;
        else if (run.inFlight) stats.inFlight++;
        else stats.betweenWrites++;
        stats.answers += run.acked.size;
        stats.finished += run.finishes;
        const problems = verify(run);
        expect(problems, `after kill ${round} (${JSON.stringify(when)})`).toEqual([]);
      }

      // One last start, in this process, recovers the drafts the final kill left.
      const logged: string[] = [];
      const host = createKioskHost({
        log: (level, message) => logged.push(`${level}: ${message}`),
        configPath: SMALL_CONFIG_PATH,
        databasePath,
        appVersion: 'kill-test',
        now: () => new Date(CLOCK_START + (KILLS + 1) * CLOCK_PER_RUN),
        actions: { reload: () => {}, exit: () => {} },
      });
      expect(host.status().storage).toMatchObject({ ok: true, movedAside: null });
      host.close();
      expect(logged.filter((line) => !line.startsWith('info:'))).toEqual([]);
      expect(
        verify({
          opening: true,
          ready: true,
          acked: new Map(),
          inFlight: null,
          finishes: 0,
          problems: [],
        }),
      ).toEqual([]);
      expect(checker.pendingDrafts()).toEqual([]);
      expect(checker.finals()).toBe(checker.known());

      console.log(
        `kill test: ${stats.kills} kills (${stats.inStart} in Node's start, ${stats.inOpen} while opening/recovering, ` +
          `${stats.inFlight} with a write in flight, ${stats.betweenWrites} between writes), ` +
          `${stats.answers} answers acknowledged (${stats.finished} finished), ${stats.lost} lost, ${stats.seqGaps} seq gaps, ` +
          `${stats.recovered} drafts recovered as partial, ${stats.unackedCommits} unacknowledged commits of in-flight starts`,
      );
      expect(stats.lost).toBe(0);
      expect(stats.seqGaps).toBe(0);
      // The kills must have landed both in starts and amid writes, or the test proved little.
      expect(stats.inStart).toBeGreaterThan(0);
      expect(stats.inOpen).toBeGreaterThan(0);
      expect(stats.inFlight).toBeGreaterThan(0);
      expect(stats.recovered).toBeGreaterThan(0);
    },
  );
});
