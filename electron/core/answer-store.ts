// The answer lifecycle in SQL. Each method is one durable step; callers wrap several in one
// transaction when they must land together (a first tap and its alert, a finish and its outbox
// row). Final answers cannot change: the schema's trigger refuses it, whatever the caller does.
import type { Database } from 'better-sqlite3';
import type { AlertKind, AnswerStep, FinalStatus } from '../../shared/answer.ts';
import { sharedQueries, type SharedQueries } from './db/shared-queries.ts';

export interface NewDraft {
  id: string;
  kioskId: string;
  surveyVersion: string;
  language: string;
  smiley: number;
  startedAt: string;
  possibleRepeat: boolean;
}

export interface NewAlert {
  id: string;
  answerId: string | null;
  kind: AlertKind;
  createdAt: string;
  detail: Record<string, unknown>;
}

export interface StoredAnswer {
  id: string;
  seq: number;
  status: 'draft' | FinalStatus;
  smiley: number;
  startedAt: string;
}

const ALERT_LANE = 0;
const ANSWER_LANE = 1;

function statements(db: Database) {
  const p = (sql: string) => db.prepare(sql);
  return {
    nextSeq: p(`UPDATE counters SET value = value + 1 WHERE name = 'answer_seq' RETURNING value`),
    insertDraft:
      p(`INSERT INTO answers (id, seq, kiosk_id, survey_version, status, language, started_at, updated_at, smiley, possible_repeat)
                    VALUES (@id, @seq, @kioskId, @surveyVersion, 'draft', @language, @startedAt, @startedAt, @smiley, @possibleRepeat)`),
    get: p(`SELECT id, seq, status, smiley, started_at AS startedAt FROM answers WHERE id = ?`),
    finalize: p(
      `UPDATE answers SET status = @status, finalized_at = @at, updated_at = @at WHERE id = @id AND status = 'draft'`,
    ),
    enqueue: p(
      `INSERT INTO outbox (lane, kind, ref_id, created_at) VALUES (@lane, @kind, @refId, @at) ON CONFLICT DO NOTHING`,
    ),
    insertAlert:
      p(`INSERT INTO alerts (id, answer_id, kind, created_at, detail) VALUES (@id, @answerId, @kind, @createdAt, @detail)
                    ON CONFLICT DO NOTHING`),
    drafts: p(`SELECT id FROM answers WHERE status = 'draft' ORDER BY seq`),
  };
}

export class AnswerStore {
  private readonly q: ReturnType<typeof statements>;
  private readonly shared: SharedQueries;
  private readonly db: Database;
  private queued = 0;

  constructor(db: Database) {
    this.db = db;
    this.q = statements(db);
    this.shared = sharedQueries(db);
  }

  /** Creates the draft with the next gapless seq. Call inside a transaction. */
  insertDraft(d: NewDraft): number {
    const { value: seq } = this.q.nextSeq.get() as { value: number };
    this.q.insertDraft.run({ ...d, seq, possibleRepeat: d.possibleRepeat ? 1 : 0 });
    return seq;
  }

  get(id: string): StoredAnswer | undefined {
    return this.q.get.get(id) as StoredAnswer | undefined;
  }

  /** Applies one survey step to a draft; throws if the answer is missing or already final. */
  updateDraft(id: string, step: AnswerStep, at: string, talkNow = false): void {
    const sets: string[] = ['updated_at = @at'];
    const params: Record<string, unknown> = { id, at };
    const column = (name: string, value: unknown) => {
      sets.push(`${name} = @${name}`);
      params[name] = value;
    };
    if (step.smiley !== undefined) column('smiley', step.smiley);
    if (step.reasons !== undefined) column('reasons', JSON.stringify(step.reasons));
    if (step.nps !== undefined) column('nps', step.nps);
    if (step.ces !== undefined) column('ces', step.ces);
    if (step.comment !== undefined) column('comment', step.comment);
    if (step.contact !== undefined) column('contact', JSON.stringify(step.contact));
    if (step.language !== undefined) column('language', step.language);
    if (talkNow) column('talk_now', 1);
    // Only the columns present change; the statement is built from a fixed set of names.
    const info = this.db
      .prepare(`UPDATE answers SET ${sets.join(', ')} WHERE id = @id AND status = 'draft'`)
      .run(params);
    if (info.changes !== 1) throw this.missingOrFinal(id);
  }

  /**
   * Outbox rows this connection has added, counted as they are written: a caller compares it
   * before and after a committed transaction to know whether there is something new to send.
   */
  get outboxRowsAdded(): number {
    return this.queued;
  }

  /** Makes a draft final and queues it for sync, in the caller's transaction. */
  finalize(id: string, status: FinalStatus, at: string): void {
    const info = this.q.finalize.run({ id, status, at });
    if (info.changes !== 1) throw this.missingOrFinal(id);
    this.enqueue(ANSWER_LANE, 'answer', id, at);
  }

  /** Records an alert and queues it in the priority lane; false if this answer already has one of this kind. */
  raiseAlert(a: NewAlert): boolean {
    const info = this.q.insertAlert.run({ ...a, detail: JSON.stringify(a.detail) });
    if (info.changes === 0) return false;
    this.enqueue(ALERT_LANE, 'alert', a.id, a.createdAt);
    return true;
  }

  /**
   * Every open draft becomes final as partial: at start (drafts a crash or power cut left) and
   * at a new first tap (drafts a lost screen left). The first tap still counts.
   */
  finalizeOpenDrafts(at: string): number {
    const ids = (this.q.drafts.all() as { id: string }[]).map((r) => r.id);
    this.db.transaction(() => ids.forEach((id) => this.finalize(id, 'partial', at)))();
    return ids.length;
  }

  lastStartedAt(): string | null {
    return this.shared.lastStartedAt();
  }

  queueDepth(): number {
    return this.shared.queueDepth();
  }

  getState(key: string): string | null {
    return this.shared.getState(key);
  }

  setState(key: string, value: string): void {
    this.shared.setState(key, value);
  }

  private enqueue(lane: number, kind: 'answer' | 'alert', refId: string, at: string): void {
    this.queued += this.q.enqueue.run({ lane, kind, refId, at }).changes;
  }

  private missingOrFinal(id: string): StoreError {
    const row = this.get(id);
    return row
      ? new StoreError('conflict', `answer ${id} is already ${row.status}`)
      : new StoreError('not_found', `no answer ${id}`);
  }
}

export class StoreError extends Error {
  readonly code: 'not_found' | 'conflict';
  constructor(code: 'not_found' | 'conflict', message: string) {
    super(message);
    this.code = code;
  }
}
