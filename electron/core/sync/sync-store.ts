// The sync engine's view of the kiosk database, on a connection of its own: the lifecycle's
// connection is never touched, so a slow network can never hold up a customer's tap. Each reply
// from the collector lands in one IMMEDIATE transaction: the rows it acknowledged are marked
// sent and the ones it rejected move to dead_letters together, or not at all.
import Database from 'better-sqlite3';
import type { ItemResult } from '../../../shared/protocol.ts';
import { schemaVersion } from '../db/migrate.ts';
import { configure } from '../db/open.ts';
import { sharedQueries, type SharedQueries } from '../db/shared-queries.ts';
import type { AlertRow, AnswerRow, ItemKind } from './uploads.ts';

/** The schema version that has the sync tables. */
const NEEDS_VERSION = 2;

export interface DeadLetter {
  outboxId: number;
  id: string;
  reason: string;
  payload: unknown;
}

export interface SentItem {
  outboxId: number;
  id: string;
  item: unknown;
}

function statements(db: Database.Database) {
  const p = (sql: string) => db.prepare(sql);
  return {
    alerts: p(`SELECT o.id AS outbox_id, l.id, l.answer_id, l.kind, l.created_at, l.detail
               FROM outbox o JOIN alerts l ON l.id = o.ref_id
               WHERE o.lane = 0 AND o.sent_at IS NULL ORDER BY o.id LIMIT ?`),
    firstUnsentSeq: p(`SELECT min(a.seq) AS seq FROM outbox o JOIN answers a ON a.id = o.ref_id
                       WHERE o.lane = 1 AND o.sent_at IS NULL`),
    // CROSS JOIN makes answers the outer loop, walked by its seq index from the cursor: each
    // batch costs its own size, not a sort of the whole backlog.
    answers:
      p(`SELECT o.id AS outbox_id, a.id, a.seq, a.kiosk_id, a.survey_version, a.status, a.language, a.started_at,
                       a.finalized_at, a.smiley, a.reasons, a.nps, a.ces, a.comment, a.contact, a.talk_now, a.possible_repeat
                FROM answers a CROSS JOIN outbox o
                WHERE a.seq > ? AND o.kind = 'answer' AND o.ref_id = a.id AND o.sent_at IS NULL
                ORDER BY a.seq LIMIT ?`),
    markSent: p(
      `UPDATE outbox SET sent_at = ?, last_error = NULL WHERE id = ? AND sent_at IS NULL`,
    ),
    deadLetter:
      p(`INSERT INTO dead_letters (kind, ref_id, reason, payload, created_at) VALUES (@kind, @refId, @reason, @payload, @at)
                   ON CONFLICT (kind, ref_id) DO UPDATE SET reason = excluded.reason, payload = excluded.payload, created_at = excluded.created_at`),
    leaveQueue: p(`DELETE FROM outbox WHERE id = ?`),
    failed: p(
      `UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id IN (SELECT value FROM json_each(?))`,
    ),
    oldestUnsent: p(
      `SELECT created_at AS at FROM outbox WHERE lane = 1 AND sent_at IS NULL ORDER BY id LIMIT 1`,
    ),
    deadLetters: p(`SELECT count(*) AS n FROM dead_letters`),
    // Dead letters whose item is still held, back into the queue in its lane (alerts first).
    requeue: p(`INSERT INTO outbox (lane, kind, ref_id, created_at)
                SELECT CASE d.kind WHEN 'alert' THEN 0 ELSE 1 END, d.kind, d.ref_id, ?
                FROM dead_letters d
                WHERE (d.kind = 'answer' AND EXISTS (SELECT 1 FROM answers a WHERE a.id = d.ref_id))
                   OR (d.kind = 'alert' AND EXISTS (SELECT 1 FROM alerts l WHERE l.id = d.ref_id))
                ON CONFLICT (kind, ref_id) DO UPDATE SET sent_at = NULL, attempts = 0, last_error = NULL`),
    requeued: p(`DELETE FROM dead_letters WHERE EXISTS (SELECT 1 FROM outbox o
                 WHERE o.kind = dead_letters.kind AND o.ref_id = dead_letters.ref_id AND o.sent_at IS NULL)`),
    customerText: p(
      `SELECT comment, contact FROM answers WHERE comment IS NOT NULL OR contact IS NOT NULL`,
    ),
  };
}

export class SyncStore {
  private readonly db: Database.Database;
  private readonly q: ReturnType<typeof statements>;
  private readonly shared: SharedQueries;

  /** Opens an existing kiosk database; the lifecycle creates and migrates it, never this. */
  constructor(path: string) {
    this.db = new Database(path, { fileMustExist: true });
    try {
      configure(this.db);
      const v = schemaVersion(this.db);
      if (v < NEEDS_VERSION)
        throw new Error(`the kiosk database is at schema v${v}; sync needs v${NEEDS_VERSION}`);
      this.q = statements(this.db);
      this.shared = sharedQueries(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  nextAlerts(limit: number): AlertRow[] {
    return this.q.alerts.all(limit) as AlertRow[];
  }

  /** The lowest seq still queued, or null when no answer is. */
  firstUnsentSeq(): number | null {
    return (this.q.firstUnsentSeq.get() as { seq: number | null }).seq;
  }

  nextAnswers(afterSeq: number, limit: number): AnswerRow[] {
    return this.q.answers.all(afterSeq, limit) as AnswerRow[];
  }

  /** Applies one batch reply: results[i] answers sent[i]. Returns how many went each way. */
  settle(
    kind: ItemKind,
    sent: SentItem[],
    results: ItemResult[],
    at: string,
  ): { sent: number; deadLettered: number } {
    let ok = 0;
    let dead = 0;
    this.db
      .transaction(() => {
        sent.forEach((s, i) => {
          const r = results[i]!;
          if (r.status === 'rejected') {
            this.moveToDeadLetters(
              kind,
              {
                ...s,
                reason: r.reason ?? 'rejected by the collector (no reason given)',
                payload: s.item,
              },
              at,
            );
            dead++;
          } else {
            ok += this.q.markSent.run(at, s.outboxId).changes;
          }
        });
        this.shared.setState('sync_last_at', at);
      })
      .immediate();
    return { sent: ok, deadLettered: dead };
  }

  /** Items that can never be sent as they are: out of the queue, kept with the reason. */
  deadLetter(kind: ItemKind, items: DeadLetter[], at: string): void {
    this.db
      .transaction(() => items.forEach((d) => this.moveToDeadLetters(kind, d, at)))
      .immediate();
  }

  private moveToDeadLetters(kind: ItemKind, d: DeadLetter, at: string): void {
    this.q.deadLetter.run({
      kind,
      refId: d.id,
      reason: d.reason,
      payload: JSON.stringify(d.payload ?? null),
      at,
    });
    this.q.leaveQueue.run(d.outboxId);
  }

  /** Counts a failed try against the rows that were in the request, with the reason. */
  recordFailure(outboxIds: number[], error: string): void {
    if (outboxIds.length) this.q.failed.run(error.slice(0, 500), JSON.stringify(outboxIds));
  }

  queueDepth(): number {
    return this.shared.queueDepth();
  }

  oldestUnsentAnswerAt(): string | null {
    return (this.q.oldestUnsent.get() as { at: string } | undefined)?.at ?? null;
  }

  deadLetterCount(): number {
    return (this.q.deadLetters.get() as { n: number }).n;
  }

  lastStartedAt(): string | null {
    return this.shared.lastStartedAt();
  }

  startedSince(iso: string): number {
    return this.shared.startedSince(iso);
  }

  /**
   * Sends the dead letters again (an admin's order, after the collector was fixed): each one
   * whose answer or alert is still held goes back into the queue, in one transaction.
   */
  requeueDeadLetters(at: string): { requeued: number; kept: number } {
    return this.db
      .transaction(() => {
        this.q.requeue.run(at);
        const requeued = this.q.requeued.run().changes;
        return { requeued, kept: this.deadLetterCount() };
      })
      .immediate();
  }

  /**
   * Every comment and contact detail the kiosk holds, so that a log line that would carry one
   * to the collector is withheld (commands/log-filter.ts).
   */
  customerText(): string[] {
    const rows = this.q.customerText.all() as { comment: string | null; contact: string | null }[];
    return rows.flatMap((r) => [
      ...(r.comment ? [r.comment] : []),
      ...(r.contact ? stringsIn(JSON.parse(r.contact)) : []),
    ]);
  }

  getState(key: string): string | null {
    return this.shared.getState(key);
  }

  setStates(entries: [string, string][]): void {
    this.db.transaction(() => entries.forEach(([k, v]) => this.shared.setState(k, v))).immediate();
  }

  close(): void {
    this.db.close();
  }
}

/** The customer's own words in a contact: every string but the consent version it names. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) =>
    key === 'consentVersion' ? [] : stringsIn(v),
  );
}
