// The alert events of this collector process, numbered, with the last REPLAY_LIMIT kept so a
// screen that reconnects (sending Last-Event-ID) can catch up without a full snapshot. Event ids
// are "<epoch>.<n>": a screen resuming after a collector restart sends an id from the old
// process, which must not be mistaken for one of the new process's numbers.
import { randomBytes } from 'node:crypto';
import type { AlertEvent } from '../../shared/staff-api.ts';
import type { AlertHub } from '../alerts/hub.ts';

/** How many recent events a reconnecting screen can catch up on without a full snapshot. */
export const REPLAY_LIMIT = 500;

export interface NumberedEvent {
  /** The SSE id. */
  id: string;
  event: AlertEvent;
}

export class EventLog {
  private readonly epoch = randomBytes(4).toString('hex');
  private readonly recent: { n: number; numbered: NumberedEvent }[] = [];
  private readonly listeners = new Set<(e: NumberedEvent) => void>();
  private last = 0;
  private readonly unsubscribe: () => void;

  constructor(hub: AlertHub) {
    this.unsubscribe = hub.subscribe((event) => this.add(event));
  }

  /** The id of the newest event, for a snapshot: resuming from it replays what came after. */
  get lastId(): string {
    return `${this.epoch}.${this.last}`;
  }

  /** Hears every event from now on; returns the unsubscribe function. */
  listen(listener: (e: NumberedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The events after `lastEventId`, or null when this process cannot tell (a snapshot is due). */
  since(lastEventId: unknown): NumberedEvent[] | null {
    const [epoch, n] = String(lastEventId ?? '').split('.');
    const from = epoch === this.epoch ? Number(n) : NaN;
    const first = this.recent[0]?.n ?? this.last + 1;
    if (!Number.isInteger(from) || from < 0 || from < first - 1 || from > this.last) return null;
    return this.recent.filter((r) => r.n > from).map((r) => r.numbered);
  }

  close(): void {
    this.unsubscribe();
  }

  private add(event: AlertEvent): void {
    const n = ++this.last;
    const numbered = { id: `${this.epoch}.${n}`, event };
    this.recent.push({ n, numbered });
    if (this.recent.length > REPLAY_LIMIT) this.recent.shift();
    for (const l of this.listeners) l(numbered);
  }
}
