// One instance's reader of alert_events: it remembers the last id it published and, when woken
// (this instance committed an event, another one NOTIFYed, the LISTEN connection came back),
// reads the rows after it in id order, each alert as it now stands, and publishes them to the
// local hub. Every instance does the same, so a screen on any of them sees every event, with the
// same ids: a screen that reconnects elsewhere resumes by id (replay) from the table itself.
import type { Logger } from 'pino';
import type { Storage } from '../db/open.ts';
import {
  alertEventBounds,
  pruneAlertEvents,
  readAlertEvents,
  type AlertEventRow,
} from './alert-events.ts';
import type { AlertHub, SequencedEvent } from './hub.ts';
import { listenForAlertEvents, type Listening } from './pg-listener.ts';
import { readStaffAlertsById } from './store.ts';

/** How many missed events a reconnecting screen gets replayed; beyond that, a fresh snapshot. */
export const REPLAY_LIMIT = 500;
/** Events are kept this long for resuming screens (a screen away longer gets a snapshot). */
export const KEEP_EVENTS_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 10 * 60 * 1000;

export interface AlertFeedOptions {
  now: () => Date;
  log: Logger | null;
  /** How often old events are pruned; 0 = never by timer (tests call prune). */
  pruneEveryMs?: number;
}

export class AlertFeed {
  /** Resolves once the feed knows where the table stands (routing waits for that). */
  readonly started: Promise<void>;
  private readonly storage: Storage;
  private readonly hub: AlertHub;
  private readonly opts: AlertFeedOptions;
  private lastSeq = 0;
  private chain: Promise<void>;
  private pending: Promise<void> | null = null;
  private listening: Listening | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(storage: Storage, hub: AlertHub, opts: AlertFeedOptions) {
    this.storage = storage;
    this.hub = hub;
    this.opts = opts;
    this.started = this.start();
    this.chain = this.started.catch((error: unknown) => this.failed(error, 'alert feed start'));
    const every = opts.pruneEveryMs ?? PRUNE_EVERY_MS;
    if (every > 0) {
      this.timer = setInterval(() => void this.prune().catch(() => {}), every);
      this.timer.unref();
    }
  }

  /** The id of the newest event published here: a snapshot read now reflects at least that. */
  get last(): number {
    return this.lastSeq;
  }

  /**
   * Publishes the events committed since the last read; resolves when they are out. Calls while a
   * read is waiting share it; a call during a read queues one more, so nothing committed before
   * the call is left unread.
   */
  poll(): Promise<void> {
    this.pending ??= this.chain = this.chain.then(() => {
      this.pending = null;
      return this.readNew().catch((error: unknown) => this.failed(error, 'alert events read'));
    });
    return this.pending;
  }

  /**
   * The events after `after` up to `upTo`, for a screen resuming from `after`; null when they
   * cannot all be told (pruned, too many, or an id this database never issued): a snapshot is due.
   */
  async replay(after: number, upTo: number): Promise<SequencedEvent[] | null> {
    const { oldest, newest } = await alertEventBounds(this.storage);
    if (after > newest) return null;
    if (after >= upTo) return [];
    // The table is pruned by a prefix of ids: all after `after` are kept while the oldest kept
    // is at most the next one.
    if (oldest > after + 1) return null;
    const rows = await readAlertEvents(this.storage, after, REPLAY_LIMIT + 1, upTo);
    return rows.length > REPLAY_LIMIT ? null : this.withAlerts(rows);
  }

  /** Deletes events older than KEEP_EVENTS_MS (the newest always stays). */
  prune(at: Date = this.opts.now()): Promise<number> {
    return pruneAlertEvents(this.storage, new Date(at.getTime() - KEEP_EVENTS_MS));
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.started.catch(() => {});
    await this.listening?.close();
    await this.chain;
  }

  private async start(): Promise<void> {
    // Events from before this start are history: a screen asks for them by id if it needs them.
    this.lastSeq = (await alertEventBounds(this.storage)).newest;
    // Not waited for: its first connect wakes the feed, which then reads what it missed.
    const connect = this.storage.dedicatedClient;
    if (connect)
      this.listening = listenForAlertEvents(connect, () => void this.poll(), this.opts.log);
  }

  private async readNew(): Promise<void> {
    for (;;) {
      const rows = await readAlertEvents(this.storage, this.lastSeq, REPLAY_LIMIT);
      for (const e of await this.withAlerts(rows)) {
        this.lastSeq = e.seq;
        this.hub.publish(e);
      }
      if (rows.length) this.lastSeq = Math.max(this.lastSeq, rows.at(-1)!.id);
      if (rows.length < REPLAY_LIMIT) return;
    }
  }

  private failed(error: unknown, what: string): void {
    const errorMessage = error instanceof Error ? error.message : String(error);
    this.opts.log?.error({ errorMessage }, `${what} failed`);
  }

  /** Each event with its alert as it now stands (one read); an event whose alert is gone is skipped. */
  private async withAlerts(rows: AlertEventRow[]): Promise<SequencedEvent[]> {
    const alerts = await readStaffAlertsById(this.storage, [
      ...new Set(rows.map((r) => r.alertId)),
    ]);
    const byId = new Map(alerts.map((a) => [a.id, a]));
    return rows.flatMap((r) => {
      const alert = byId.get(r.alertId);
      return alert ? [{ seq: r.id, type: r.type, alert }] : [];
    });
  }
}
