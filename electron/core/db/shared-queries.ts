// The statements both connections to the kiosk database run (the lifecycle's and the sync
// engine's): the kiosk_state key-value table and the count of rows still to send. Written once
// so the two cannot come to disagree about what "queued" means.
import type { Database } from 'better-sqlite3';

export interface SharedQueries {
  getState(key: string): string | null;
  /** Inserts or replaces; runs in the caller's transaction, if any. */
  setState(key: string, value: string): void;
  /** Outbox rows the collector has not acknowledged yet. */
  queueDepth(): number;
}

export function sharedQueries(db: Database): SharedQueries {
  const get = db.prepare(`SELECT value FROM kiosk_state WHERE key = ?`);
  const set = db.prepare(
    `INSERT INTO kiosk_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  );
  const depth = db.prepare(`SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL`);
  return {
    getState: (key) => (get.get(key) as { value: string } | undefined)?.value ?? null,
    setState: (key, value) => void set.run(key, value),
    queueDepth: () => (depth.get() as { n: number }).n,
  };
}
