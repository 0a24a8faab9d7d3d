// The in-process fan-out between the alert router and whoever shows alerts live (the staff
// page's SSE endpoint). Synchronous and in memory on purpose: the database is the record, the
// hub only tells open connections that a row changed, so a listener that misses an event (or a
// collector restart) loses nothing: it re-reads with listAlerts.
import type { AlertEvent } from '../../shared/staff-api.ts';

export class AlertHub {
  private readonly listeners = new Set<(e: AlertEvent) => void>();

  /** Calls every listener now; one that throws is dropped so it cannot starve the others. */
  publish(e: AlertEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(e);
      } catch {
        this.listeners.delete(listener);
      }
    }
  }

  /** Returns the unsubscribe function (call it when the SSE connection closes). */
  subscribe(listener: (e: AlertEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
