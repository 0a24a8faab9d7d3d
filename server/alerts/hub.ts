// The in-process fan-out from this instance's feed (feed.ts, which reads the alert_events every
// instance writes) to whoever shows alerts live (the staff page's SSE endpoint). Synchronous and
// in memory on purpose: the database is the record, the hub only tells open connections that a
// row changed, so a listener that misses an event (or a collector restart) loses nothing: it
// resumes from alert_events by id, or re-reads with listAlerts.
import type { AlertEvent } from '../../shared/staff-api.ts';

export interface SequencedEvent extends AlertEvent {
  /** alert_events.id: the SSE event id, the same on every instance of one database. */
  seq: number;
}

export class AlertHub {
  private readonly listeners = new Set<(e: SequencedEvent) => void>();

  /** Calls every listener now; one that throws is dropped so it cannot starve the others. */
  publish(e: SequencedEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(e);
      } catch {
        this.listeners.delete(listener);
      }
    }
  }

  /** Returns the unsubscribe function (call it when the SSE connection closes). */
  subscribe(listener: (e: SequencedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
