// The in-process fan-out between the alert router and whoever shows alerts live (the staff
// page's SSE endpoint). Synchronous and in memory on purpose: the database is the record, the
// hub only tells open connections that a row changed, so a listener that misses an event (or a
// collector restart) loses nothing: it re-reads with listAlerts.
export type StaffAlertKind = 'low_score' | 'talk_now' | 'test' | 'window';
export type StaffAlertPriority = 'urgent' | 'high' | 'normal';
export type StaffAlertStatus = 'open' | 'acknowledged' | 'resolved';
export type AlertOutcome = 'recovered' | 'not_reachable' | 'other';

export interface StaffAlert {
  id: string;
  kioskId: string;
  location: string;
  touchpoint: string;
  kind: StaffAlertKind;
  priority: StaffAlertPriority;
  /** When it happened, by the kiosk's clock (kept as is, also for late alerts). */
  createdAt: string;
  receivedAt: string;
  /** Arrived more than the late threshold after createdAt: the kiosk was offline. */
  late: boolean;
  /** A customer asked to talk to someone and may still be standing there. */
  waiting: boolean;
  smiley?: number;
  nps?: number;
  ces?: number;
  reasons?: string[];
  /** Only once the answer with it has arrived (publish 'update' then). */
  comment?: string;
  contact?: { name: string; phone?: string; email?: string };
  /** Further alerts from the same kiosk folded into this one by the aggregation window. */
  aggregateCount: number;
  status: StaffAlertStatus;
  acknowledgedBy?: string;
  acknowledgedAt?: string;
  resolvedBy?: string;
  resolvedAt?: string;
  outcome?: AlertOutcome;
  note?: string;
}

export interface AlertEvent {
  type: 'alert' | 'update';
  alert: StaffAlert;
}

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
