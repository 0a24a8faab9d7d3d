// Durable write latency: what one acknowledged tap costs (the kiosk host's startAnswer, one
// SQLite transaction in WAL with synchronous=FULL) and what finishing an answer costs (draft ->
// final + its outbox row), next to the raw fsync and fdatasync latency of the same disk, all
// measured in the same run so the numbers compare. A commit cannot beat one flush of the disk;
// the ratio says how much the kiosk adds on top.
//   node bench/durable-write.ts            (temp dir under os.tmpdir(); LASTWORD_BENCH_DIR to choose)
//   LASTWORD_BENCH_N=5000 node bench/durable-write.ts
// Prints one JSON object on stdout and nothing else.
import Database from 'better-sqlite3';
import {
  closeSync,
  fdatasyncSync,
  fsyncSync,
  mkdtempSync,
  openSync,
  rmSync,
  statfsSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKioskHost, type KioskHost } from '../electron/core/host.ts';

const N = Number(process.env.LASTWORD_BENCH_N ?? 1000);
const WARMUP = 50;
const RECORD_BYTES = 200;
const CONFIG_PATH = join(import.meta.dirname, '..', 'build', 'kiosk.example.json');

/** Names for the statfs magic numbers a kiosk is likely to sit on; anything else in hex. */
const FILESYSTEMS: Record<number, string> = {
  0xef53: 'ext4',
  0x58465342: 'xfs',
  0x9123683e: 'btrfs',
  0xf2f52010: 'f2fs',
  0x01021994: 'tmpfs',
  0x794c7630: 'overlayfs',
  0x2fc12fc1: 'zfs',
  0x6969: 'nfs',
  0x4d44: 'vfat',
  0x5346544e: 'ntfs',
  0x65735546: 'fuse',
};

interface Stats {
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

function stats(samplesNs: bigint[]): Stats {
  const us = samplesNs.map((ns) => Number(ns) / 1000).sort((a, b) => a - b);
  const rank = (q: number) => us[Math.min(us.length - 1, Math.ceil(q * us.length) - 1)]!;
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    p50: round(rank(0.5)),
    p99: round(rank(0.99)),
    mean: round(us.reduce((a, b) => a + b, 0) / us.length),
    max: round(us.at(-1)!),
  };
}

/** Times fn n times after a warm-up; samples in nanoseconds. */
async function measure(n: number, fn: (i: number) => unknown): Promise<bigint[]> {
  for (let i = 0; i < WARMUP; i++) await fn(-1 - i);
  const samples: bigint[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    await fn(i);
    samples.push(process.hrtime.bigint() - t0);
  }
  return samples;
}

/** Appends a record and flushes it, as a WAL commit appends a frame and flushes the file. */
async function rawFlush(path: string, flush: (fd: number) => void): Promise<bigint[]> {
  const fd = openSync(path, 'w');
  const record = Buffer.alloc(RECORD_BYTES, 0x61);
  try {
    return await measure(N, () => {
      writeSync(fd, record);
      flush(fd);
    });
  } finally {
    closeSync(fd);
  }
}

async function call(
  host: KioskHost,
  channel: 'startAnswer' | 'finishAnswer',
  payload: unknown,
): Promise<Record<string, unknown>> {
  const result = await host.handle(channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  const value = result.value as Record<string, unknown>;
  if (value.durable !== true)
    throw new Error(`${channel} was not durable: the disk failed during the benchmark`);
  return value;
}

const base = process.env.LASTWORD_BENCH_DIR ?? tmpdir();
const dir = mkdtempSync(join(base, 'lastword-bench-'));
try {
  const fsType = statfsSync(dir).type;
  const fs = FILESYSTEMS[fsType] ?? `0x${fsType.toString(16)}`;

  const fsync = await rawFlush(join(dir, 'raw-fsync.bin'), fsyncSync);
  const fdatasync = await rawFlush(join(dir, 'raw-fdatasync.bin'), fdatasyncSync);

  // The real kiosk host on a fresh database; a virtual clock a minute per customer, so no tap is
  // a possible repeat and every start is the same one transaction (a happy face raises no alert).
  let clock = Date.parse('2026-11-23T09:00:00Z');
  const host = createKioskHost({
    configPath: CONFIG_PATH,
    databasePath: join(dir, 'kiosk.sqlite'),
    appVersion: 'bench',
    now: () => new Date((clock += 60_000)),
    actions: { reload: () => {}, exit: () => {} },
    log: (level, message, fields) => {
      if (level !== 'info')
        process.stderr.write(`kiosk host ${level}: ${message} ${JSON.stringify(fields ?? {})}\n`);
    },
  });
  const warmIds: string[] = [];
  const ids: string[] = [];
  const commit = await measure(N, async (i) => {
    const { answerId } = await call(host, 'startAnswer', { smiley: 4, language: 'en' });
    (i < 0 ? warmIds : ids).push(String(answerId));
  });
  const finish = await measure(N, async (i) => {
    const answerId = i < 0 ? warmIds[-1 - i] : ids[i];
    await call(host, 'finishAnswer', { answerId, status: 'complete' });
  });
  host.close();

  // What the host left on disk: the SQLite that wrote it and the journal mode it runs in.
  const sqlite = new Database(join(dir, 'kiosk.sqlite'), { readonly: true, fileMustExist: true });
  const { version } = sqlite.prepare('SELECT sqlite_version() AS version').get() as {
    version: string;
  };
  const journal = sqlite.pragma('journal_mode', { simple: true }) as string;
  sqlite.close();

  const fsyncStats = stats(fsync);
  const commitStats = stats(commit);
  const finishStats = stats(finish);
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  const result = {
    bench: 'durable-write',
    dir: base,
    fs,
    node: process.version,
    sqlite: version,
    journal_mode: journal,
    platform: `${process.platform}-${process.arch}`,
    n: N,
    record_bytes: RECORD_BYTES,
    fsync_us: fsyncStats,
    fdatasync_us: stats(fdatasync),
    commit_us: commitStats,
    finish_us: finishStats,
    commit_over_fsync_p50: ratio(commitStats.p50, fsyncStats.p50),
    finish_over_fsync_p50: ratio(finishStats.p50, fsyncStats.p50),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
