// One answer's life on the kiosk: first tap -> durable draft (+ alert at once if unhappy),
// later steps -> updates, finish or idle -> final with its outbox row. Open drafts are mirrored
// in memory so the kiosk can keep answering customers while the disk is failing, with when the
// screen last touched each (the host finishes the ones a vanished screen left open).
import type Database from 'better-sqlite3';
import type { AnswerStep, FinalStatus } from '../../shared/answer.ts';
import type { KioskConfig } from '../../shared/config.ts';
import { alertDetail, newAlert, type AlertMemory } from './answer-alerts.ts';
import { AnswerStore, StoreError, type NewAlert } from './answer-store.ts';
import { openDatabase } from './db/open.ts';
import { DurableWriter } from './durable-writer.ts';
import { isLowScore } from '../../shared/low-score.ts';
import { HostError, checkStep } from './step-rules.ts';

interface OpenDraft extends AlertMemory {
  /** When the screen last did anything with it (ms): a step, a keep-alive. */
  touchedAt: number;
  smiley: number;
  reasons: string[];
}

export interface LifecycleOptions {
  databasePath: string;
  now: () => Date;
  newId: () => string;
  /** How often writes held in memory are retried while the disk fails. */
  retryMs?: number;
  /**
   * Called once a write that queued something to send (a final answer, an alert) has committed,
   * including a held write that lands later: the moment to wake sync.
   */
  onOutboxWrite?: () => void;
}

export class AnswerLifecycle {
  private db: Database.Database | null = null;
  private store: AnswerStore | null = null;
  private movedAside: string | null = null;
  private storageError: string | null = null;
  /** Storage failures since this process started (each failed try of a write counts). */
  private storageFailures = 0;
  private lastStart: number | null = null;
  private readonly drafts = new Map<string, OpenDraft>();
  private readonly writer: DurableWriter;
  private readonly opts: LifecycleOptions;

  constructor(opts: LifecycleOptions) {
    this.opts = opts;
    this.writer = new DurableWriter({
      transaction: (fn) => () => this.commit(fn),
      ...(opts.retryMs !== undefined && { retryMs: opts.retryMs }),
      onStorageError: (message) => this.noteStorage(message),
    });
    try {
      this.open();
    } catch (error) {
      // The kiosk still starts: taps are held in memory until the database can be opened.
      this.noteStorage(`cannot open the database: ${(error as Error).message}`);
    }
  }

  /** Opens the database on first use (or after a failed open): recovery runs exactly once. */
  private open(): { db: Database.Database; store: AnswerStore } {
    if (this.db && this.store) return { db: this.db, store: this.store };
    const opened = openDatabase(this.opts.databasePath, this.opts.now);
    const store = new AnswerStore(opened.db);
    store.finalizeOpenDrafts(this.iso());
    const last = store.lastStartedAt();
    this.lastStart ??= last ? Date.parse(last) : null;
    this.db = opened.db;
    this.store = store;
    this.movedAside = opened.movedAside;
    return { db: opened.db, store };
  }

  /** Runs one write in a transaction and says so when it added outbox rows. */
  private commit(write: () => void): void {
    const { db, store } = this.open();
    const before = store.outboxRowsAdded;
    db.transaction(write)();
    if (store.outboxRowsAdded !== before) this.opts.onOutboxWrite?.();
  }

  private iso(): string {
    return this.opts.now().toISOString();
  }

  private withStore = <T>(fn: (store: AnswerStore) => T): T => fn(this.open().store);

  start(config: KioskConfig, smiley: number, language: string) {
    const id = this.opts.newId();
    const at = this.opts.now();
    const possibleRepeat =
      this.lastStart !== null && at.getTime() - this.lastStart < config.repeatWindowSeconds * 1000;
    this.lastStart = at.getTime();
    const startedAt = at.toISOString();
    const draft: OpenDraft = {
      touchedAt: at.getTime(),
      smiley,
      reasons: [],
      possibleRepeat,
      alerts: new Set(),
    };
    const alert = isLowScore(config.survey, { smiley })
      ? newAlert(config, draft, this.opts.newId, id, 'low_score', startedAt, { smiley })
      : null;
    const durable = this.writeStep(draft, alert, (store) => {
      // One customer at a time: a draft still open belongs to a screen that lost it (a reload, a
      // crash). It is finished as partial in the same transaction, before the new one exists.
      store.finalizeOpenDrafts(startedAt);
      store.insertDraft({
        id,
        kioskId: config.kioskId,
        surveyVersion: config.survey.version,
        language,
        smiley,
        startedAt,
        possibleRepeat,
      });
    });
    this.drafts.clear();
    this.drafts.set(id, draft);
    return { answerId: id, durable, possibleRepeat, alertRaised: alert !== null };
  }

  update(config: KioskConfig, answerId: string, step: AnswerStep) {
    const draft = this.touched(answerId);
    checkStep(config, step, draft.smiley);
    const at = this.iso();
    const alert = isLowScore(config.survey, step)
      ? newAlert(config, draft, this.opts.newId, answerId, 'low_score', at, step)
      : null;
    const durable = this.writeStep(draft, alert, (store) => store.updateDraft(answerId, step, at));
    if (step.smiley !== undefined) draft.smiley = step.smiley;
    if (step.reasons !== undefined) draft.reasons = step.reasons;
    return { durable, alertRaised: alert !== null };
  }

  requestHelp(config: KioskConfig, answerId: string) {
    const draft = this.touched(answerId);
    const at = this.iso();
    const scores = { smiley: draft.smiley, reasons: draft.reasons };
    const alert = newAlert(config, draft, this.opts.newId, answerId, 'talk_now', at, scores);
    const durable = this.writeStep(draft, alert, (store) =>
      store.updateDraft(answerId, {}, at, true),
    );
    return { durable, alertRaised: alert !== null };
  }

  finish(answerId: string, status: FinalStatus) {
    this.draft(answerId);
    const at = this.iso();
    const { durable } = this.writer.write(() =>
      this.withStore((store) => store.finalize(answerId, status, at)),
    );
    this.drafts.delete(answerId);
    return { durable };
  }

  /** The screen still shows this draft; refused like a step if it is not open. */
  keepAlive(answerId: string): void {
    this.touched(answerId);
  }

  /** When the least recently touched open draft was touched (ms), or null when none is open. */
  oldestTouch(): number | null {
    let oldest: number | null = null;
    for (const d of this.drafts.values()) oldest = Math.min(oldest ?? d.touchedAt, d.touchedAt);
    return oldest;
  }

  /** Finishes as partial every open draft untouched since `cutoff` (ms); returns how many. */
  finishUntouchedSince(cutoff: number): number {
    const stale = [...this.drafts].filter(([, d]) => d.touchedAt <= cutoff).map(([id]) => id);
    for (const id of stale) this.finish(id, 'partial');
    return stale.length;
  }

  testAlert(config: KioskConfig): void {
    const at = this.iso();
    const id = this.opts.newId();
    this.writer.write(() =>
      this.withStore((store) =>
        store.raiseAlert({
          id,
          answerId: null,
          kind: 'test',
          createdAt: at,
          detail: alertDetail(config, {}),
        }),
      ),
    );
  }

  /** Kiosk settings that must survive a restart (admin lock, default language). */
  readonly stateStore = {
    getState: (key: string): string | null => this.withStore((s) => s.getState(key)),
    /** For reads that may fall back to the default while the disk fails. */
    getStateOrNull: (key: string): string | null => {
      try {
        return this.withStore((s) => s.getState(key));
      } catch {
        return null;
      }
    },
    setState: (key: string, value: string): void => this.withStore((s) => s.setState(key, value)),
  };

  /** Answers a customer is in the middle of: a new config must wait until there are none. */
  get openDrafts(): number {
    return this.drafts.size;
  }

  queueDepth(): number {
    try {
      return this.withStore((s) => s.queueDepth()) + this.writer.pendingCount;
    } catch {
      return this.writer.pendingCount;
    }
  }

  private noteStorage(message: string | null): void {
    this.storageError = message;
    if (message !== null) this.storageFailures += 1;
  }

  /** The storage error in force and the failures so far, for the fleet view's heartbeat. */
  storageHealth(): { error: string | null; failures: number } {
    return { error: this.storageError, failures: this.storageFailures };
  }

  storageStatus() {
    return {
      ok: this.storageError === null,
      error: this.storageError,
      pendingInMemory: this.writer.pendingCount,
      movedAside: this.movedAside,
    };
  }

  close(): void {
    this.writer.flush();
    this.writer.close();
    this.db?.close();
    this.db = null;
    this.store = null;
  }

  /** Writes a step and its alert in one transaction; returns whether it reached the disk. */
  private writeStep(
    draft: OpenDraft,
    alert: NewAlert | null,
    step: (store: AnswerStore) => void,
  ): boolean {
    const { durable } = this.writer.write(() =>
      this.withStore((store) => {
        step(store);
        if (alert) store.raiseAlert(alert);
      }),
    );
    if (alert) draft.alerts.add(alert.kind);
    return durable;
  }

  private touched(answerId: string): OpenDraft {
    const draft = this.draft(answerId);
    draft.touchedAt = this.opts.now().getTime();
    return draft;
  }

  private draft(answerId: string): OpenDraft {
    const draft = this.drafts.get(answerId);
    if (draft) return draft;
    let row;
    try {
      row = this.withStore((s) => s.get(answerId));
    } catch {
      row = undefined;
    }
    if (row) throw new StoreError('conflict', `answer ${answerId} is already ${row.status}`);
    throw new HostError('not_found', `no open answer ${answerId}`);
  }
}
