// One collector server per SQLite file. SQLite is the embedded single-instance default: the
// in-process parts (the live fan-out to staff screens, the per-kiosk rate limit, the alert timers)
// are shared by nobody else, so a second server on the same file would split them silently.
// Several instances need PostgreSQL. The server records itself in a one-row table of the file
// and keeps a heartbeat there; a second server refuses to start while that record is alive. The
// CLI never claims the file, so it keeps working beside the server (WAL).
//
// The table is bookkeeping of the running process, not data, so it is made here when first
// needed rather than by a migration, and the check runs before the migrations: a newer second
// server must not migrate the file under the one that is running.
import { hostname } from 'node:os';
import { sql } from 'kysely';
import { writeTransaction, type Storage } from './open.ts';

/** How often the running server says it is alive. */
export const HEARTBEAT_MS = 10_000;
/** A record whose heartbeat is older than this belongs to a server that hung or died elsewhere. */
export const STALE_MS = 30_000;

export class InstanceRefused extends Error {}

interface InstanceRow {
  pid: number;
  host: string;
  started_at: string;
  heartbeat_at: string;
}

export interface Claim {
  /** Stops the heartbeat and removes the record: a clean stop leaves the file free at once. */
  release(): Promise<void>;
}

/**
 * Records this process as the file's server, or throws InstanceRefused naming the file and the
 * other server while that one is alive: its pid runs on this host, or (on another host sharing
 * the file) its heartbeat is recent. `onLost` is called if the record is later found taken over
 * (this process hung for longer than STALE_MS and another started): it must stop serving.
 */
export async function claimSqliteFile(
  storage: Storage,
  onLost: (error: Error) => void,
  now: () => Date = () => new Date(),
): Promise<Claim> {
  const me: InstanceRow = {
    pid: process.pid,
    host: hostname(),
    started_at: now().toISOString(),
    heartbeat_at: now().toISOString(),
  };
  await writeTransaction(storage, async (trx) => {
    await sql`create table if not exists collector_instance (
      id integer primary key check (id = 1),
      pid integer not null, host text not null, started_at text not null, heartbeat_at text not null
    )`.execute(trx);
    const { rows } = await sql<InstanceRow>`select * from collector_instance`.execute(trx);
    const other = rows[0];
    if (other && alive(other, now())) throw refusal(storage.location, other);
    await sql`insert or replace into collector_instance (id, pid, host, started_at, heartbeat_at)
      values (1, ${me.pid}, ${me.host}, ${me.started_at}, ${me.heartbeat_at})`.execute(trx);
  });
  const mine = sql`pid = ${me.pid} and host = ${me.host} and started_at = ${me.started_at}`;
  const timer = setInterval(() => {
    sql`update collector_instance set heartbeat_at = ${now().toISOString()} where ${mine}`
      .execute(storage.db)
      .then((r) => {
        if (r.numAffectedRows === 0n) {
          clearInterval(timer);
          onLost(new Error(`another collector server took over ${storage.location}`));
        }
      })
      // A busy file is a missed beat, not a lost claim: the next one tries again.
      .catch(() => {});
  }, HEARTBEAT_MS);
  timer.unref();
  return {
    async release() {
      clearInterval(timer);
      await sql`delete from collector_instance where ${mine}`.execute(storage.db);
    },
  };
}

function alive(row: InstanceRow, at: Date): boolean {
  if (row.host === hostname() && !pidRuns(row.pid)) return false;
  return at.getTime() - Date.parse(row.heartbeat_at) < STALE_MS;
}

function pidRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function refusal(file: string, other: InstanceRow): InstanceRefused {
  return new InstanceRefused(
    `another collector server (pid ${other.pid} on ${other.host}, started ${other.started_at}) ` +
      `is already using ${file}. SQLite is for one collector instance: stop that one first, ` +
      `or point this one at another file (LASTWORD_DB). To run several instances, use ` +
      `PostgreSQL (DATABASE_URL). The admin CLI (node server/cli.ts) works while it runs. ` +
      `If that server is gone, this start succeeds once its last heartbeat ` +
      `(${other.heartbeat_at}) is ${STALE_MS / 1000} s old.`,
  );
}
