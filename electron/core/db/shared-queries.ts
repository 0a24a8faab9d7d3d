// The statements both connections to the kiosk database run (the lifecycle's and the sync
// engine's): the kiosk_state key-value table, the count of rows still to send and when customers
// last tapped. Written once so the two cannot come to disagree about what "queued" means.
import type { Database } from 'better-sqlite3';

export interface SharedQueries {
  getState(key: string): string | null;
  /** Inserts or replaces; runs in the caller's transaction, if any. */
  setState(key: string, value: string): void;
  /** Outbox rows the collector has not acknowledged yet. */
  queueDepth(): number;
  /** When the latest answer was started (the repeat check, the fleet view's last tap). */
  lastStartedAt(): string | null;
  /** Answers started at or after this instant (ISO): the fleet view's taps today. */
  startedSince(iso: string): number;
}

export function sharedQueries(db: Database): SharedQueries {
  const get = db.prepare(`SELECT value FROM kiosk_state WHERE key = ?`);
  const set = db.prepare(
    `INSERT INTO kiosk_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  );
  const depth = db.prepare(`SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL`);
  const lastStart = db.prepare(`SELECT started_at AS at FROM answers ORDER BY seq DESC LIMIT 1`);
  // A scan of the answers kept (retention bounds them), once a heartbeat: no index to keep up.
  const since = db.prepare(`SELECT count(*) AS n FROM answers WHERE started_at >= ?`);
  return {
    getState: (key) => (get.get(key) as { value: string } | undefined)?.value ?? null,
    setState: (key, value) => void set.run(key, value),
    queueDepth: () => (depth.get() as { n: number }).n,
    lastStartedAt: () => (lastStart.get() as { at: string } | undefined)?.at ?? null,
    startedSince: (iso) => (since.get(iso) as { n: number }).n,
  };
}
