// The kiosk's sync engine: drains the outbox to the collector, alerts first, then answers in seq
// order, in batches. A row is marked sent only once the collector's 2xx names its result, so a
// reply lost after the collector committed just means the row is sent again and comes back
// `duplicate`: exactly once on the collector, at least once on the wire. Any failed request
// (refused, reset, timed out, 5xx) is the offline signal; the next try waits a capped,
// jittered, exponential delay, never less than the collector's Retry-After.
import { nextDelay } from './backoff.ts';
import { BatchSender, RequestFailed, type Sent } from './batch-sender.ts';
import { CollectorClient, type Failure } from './collector-client.ts';
import type { PassOutcome, SyncEngineOptions, SyncStatus } from './engine-options.ts';
import { Fleet } from './fleet.ts';
import { SyncStore } from './sync-store.ts';
import { DEFAULT_TUNING, type SyncTuning } from './tuning.ts';
import { prepareAlert, prepareAnswer, type AnswerRow } from './uploads.ts';

export { DEFAULT_TUNING, type SyncEngineOptions, type SyncTuning };

export class SyncEngine {
  private readonly opts: SyncEngineOptions;
  private readonly tuning: SyncTuning;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly stopper = new AbortController();
  readonly client: CollectorClient;
  readonly fleet: Fleet;
  private store: SyncStore | null = null;
  private failures = 0;
  /** Shrinks after a 413 so a too-large batch is split rather than retried forever. */
  private readonly sender: BatchSender;
  private online: boolean | null = null;
  private lastError: string | null = null;
  private lastSyncAt: string | null = null;
  private nextAttemptAt: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<PassOutcome> | null = null;
  private again = false;
  private stopped = false;

  constructor(opts: SyncEngineOptions) {
    this.opts = opts;
    this.tuning = { ...DEFAULT_TUNING, ...opts.tuning };
    this.now = opts.now ?? (() => new Date());
    this.random = opts.random ?? Math.random;
    this.client = new CollectorClient({
      ...opts.collector,
      fetch: opts.fetch ?? fetch,
      timeoutMs: this.tuning.requestTimeoutMs,
      maxRetryAfterMs: this.tuning.maxRetryAfterMs,
      now: this.now,
      stopSignal: this.stopper.signal,
    });
    this.sender = new BatchSender({
      kioskId: opts.kioskId,
      client: this.client,
      tuning: this.tuning,
      now: this.now,
      store: () => this.openStore(),
      stopped: () => this.stopped,
      log: opts.log,
    });
    this.fleet = new Fleet({
      client: this.client,
      kioskId: opts.kioskId,
      appVersion: opts.appVersion,
      now: this.now,
      store: () => this.openStore(),
      lastError: () => opts.otherError?.() ?? this.lastError,
      outcome: (failure) => this.noteFleet(failure),
      ...(opts.storage && { storage: opts.storage }),
      ...(opts.startedAt && { startedAt: opts.startedAt }),
      ...(opts.log && { log: opts.log }),
      ...(opts.onCommands && { onCommands: opts.onCommands }),
    });
  }

  /** Starts draining now, with a heartbeat (and config check) now and every heartbeatMs. */
  start(): void {
    this.schedule(0);
    this.fleet.start(this.tuning.heartbeatMs, () => {
      // A safety net: rows written by anyone who did not nudge still go out within a heartbeat.
      if (this.failures === 0 && !this.running && !this.timer && this.safeQueueDepth() > 0)
        this.schedule(0);
    });
  }

  /** A row was added to the outbox: send it soon if online; if offline the backoff decides. */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else if (this.failures === 0 && !this.timer) this.schedule(this.tuning.nudgeDebounceMs);
  }

  /** An admin's order: the dead letters go back into the queue, and out soon. */
  resendDeadLetters(): { requeued: number; kept: number } {
    const outcome = this.openStore().requeueDeadLetters(this.now().toISOString());
    this.nudge();
    return outcome;
  }

  /** The comments and contact details held here, which no log line may carry away. */
  customerText(): string[] {
    return this.openStore().customerText();
  }

  status(): SyncStatus {
    let queueDepth = 0;
    let deadLetters = 0;
    try {
      const s = this.openStore();
      queueDepth = s.queueDepth();
      deadLetters = s.deadLetterCount();
      this.lastSyncAt ??= s.getState('sync_last_at');
    } catch {
      // lastError already says why the database cannot be read.
    }
    const next = this.nextAttemptAt === null ? null : new Date(this.nextAttemptAt).toISOString();
    return {
      online: this.online,
      queueDepth,
      deadLetters,
      lastSyncAt: this.lastSyncAt,
      lastError: this.lastError,
      nextAttemptAt: next,
    };
  }

  /** Stops timers, aborts requests in flight, waits for the pass to unwind, closes the connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopper.abort();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await Promise.allSettled([this.running, this.fleet.stop()]);
    this.store?.close();
    this.store = null;
  }

  /**
   * One pass: sends until the queue is empty or a request fails. The loop calls this; so may tests.
   * Answers go two batches deep: while one waits on the collector, the next is read and checked
   * here, so the kiosk's reading and the collector's storing overlap instead of taking turns.
   * Order on the wire does not matter: the collector finds a kiosk's contiguous seq run itself.
   */
  async syncOnce(): Promise<PassOutcome> {
    const done = { sent: 0, deadLettered: 0 };
    let inFlight: Promise<Sent> | null = null;
    /** Waits for the batch in flight; true when it was split (413) and must be read again. */
    const land = async (): Promise<boolean> => {
      const waiting = inFlight;
      inFlight = null;
      if (!waiting) return false;
      const sent = await waiting;
      this.add(done, sent);
      return sent.split;
    };
    try {
      const store = this.openStore();
      let cursor: number | null = null;
      for (;;) {
        if (this.stopped) return { drained: false, ...done, error: 'sync stopped', retryInMs: 0 };
        const alerts = store.nextAlerts(this.sender.limit);
        if (alerts.length > 0) {
          // Alerts go first and alone: the answers in flight land before them.
          if (await land()) cursor = null;
          this.add(done, await this.sender.send('alert', alerts.map(prepareAlert)));
          continue;
        }
        cursor ??= (store.firstUnsentSeq() ?? Infinity) - 1;
        const answers: AnswerRow[] =
          cursor === Infinity ? [] : store.nextAnswers(cursor, this.sender.limit);
        if (answers.length === 0) {
          if (await land()) {
            cursor = null;
            continue;
          }
          this.failures = 0;
          this.nextAttemptAt = null;
          return { drained: true, ...done };
        }
        const previous = inFlight;
        inFlight = this.sender.send('answer', answers.map(prepareAnswer));
        // Its failure is read when it lands; until then it must not count as unhandled.
        inFlight.catch(() => {});
        cursor = answers.at(-1)!.seq;
        if (!previous) continue;
        const sent = await previous;
        this.add(done, sent);
        if (sent.split) {
          // After a split (413) the unsent rows are read again, fewer at a time.
          await land();
          cursor = null;
        }
      }
    } catch (error) {
      // The other batch in flight still lands first: its reply settles what it carried.
      const [other] = await Promise.allSettled([inFlight]);
      if (other.status === 'fulfilled' && other.value) this.add(done, other.value);
      return this.failed(error, done);
    }
  }

  /** A pass ended by a failure: the error is kept and the next try backs off. */
  private failed(error: unknown, done: { sent: number; deadLettered: number }): PassOutcome {
    const failure = error instanceof RequestFailed ? error.failure : null;
    const message =
      failure?.message ?? `sync failed: ${(error as Error)?.message ?? String(error)}`;
    if (this.stopped || failure?.kind === 'stopped')
      return { drained: false, ...done, error: 'sync stopped', retryInMs: 0 };
    if (failure) this.online = failure.reachable;
    this.setError(message);
    this.failures++;
    const retryInMs = nextDelay(
      this.failures,
      failure?.retryAfterMs ?? null,
      { baseMs: this.tuning.baseDelayMs, capMs: this.tuning.maxDelayMs },
      this.random,
    );
    this.nextAttemptAt = this.now().getTime() + retryInMs;
    return { drained: false, ...done, error: message, retryInMs };
  }

  /** Counts a batch's outcome; a 2xx means the collector is there and the error is over. */
  private add(done: { sent: number; deadLettered: number }, n: Sent): void {
    done.sent += n.sent;
    done.deadLettered += n.deadLettered;
    if (n.syncedAt === null) return;
    this.lastSyncAt = n.syncedAt;
    this.online = true;
    this.setError(null);
    this.failures = 0;
  }

  /** A heartbeat or config pull: it shows whether we are online, but only a batch clears a batch's error. */
  private noteFleet(failure: Failure | null): void {
    if (failure) {
      this.online = failure.reachable;
      this.setError(failure.message);
    } else {
      this.online = true;
      if (this.failures === 0) this.setError(null);
    }
  }

  private setError(error: string | null): void {
    if (error && error !== this.lastError)
      this.opts.log?.('warn', 'sync request failed', { error });
    this.lastError = error;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.loop(), ms);
    this.timer.unref();
  }

  private async loop(): Promise<void> {
    this.timer = null;
    if (this.running || this.stopped) return;
    this.again = false;
    this.running = this.syncOnce();
    const outcome = await this.running;
    this.running = null;
    if (this.stopped) return;
    if (!outcome.drained) this.schedule(outcome.retryInMs);
    else if (this.again) this.schedule(0);
  }

  private openStore(): SyncStore {
    if (this.stopped) throw new Error('sync stopped');
    this.store ??= new SyncStore(this.opts.databasePath);
    return this.store;
  }

  private safeQueueDepth(): number {
    try {
      return this.openStore().queueDepth();
    } catch {
      return 0;
    }
  }
}
