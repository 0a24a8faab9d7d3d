// The live connection: EventSource to /staff/api/stream. The browser reconnects by itself after a
// network error (sending Last-Event-ID); when the server refused the stream (a 401 after the
// session ended) EventSource gives up, so we ask /me and either go to login or try again. Each
// event's data is parsed with the contract; one that does not fit is reported, not thrown.
import {
  STREAM_EVENTS,
  StreamData,
  type AlertEventType,
  type StaffAlert,
  type StreamEvent,
} from '../../../shared/staff-api.ts';
import { me, readReply } from './api.ts';

export interface LiveHandlers {
  snapshot(alerts: StaffAlert[]): void;
  event(type: AlertEventType, alert: StaffAlert): void;
  connected(up: boolean): void;
  /** An event arrived that this page cannot read (its alert may be missing from the board). */
  unreadable(problem: string): void;
  loggedOut(): void;
}

type Receivers = { [E in StreamEvent]: (data: StreamData[E]) => void };

function receive<E extends StreamEvent>(h: LiveHandlers, on: Receivers, type: E, data: unknown) {
  let parsed: StreamData[E];
  try {
    parsed = readReply(StreamData[type], JSON.parse(String(data)), `stream event "${type}"`);
  } catch (error) {
    h.unreadable((error as Error).message);
    return;
  }
  on[type](parsed);
}

export function connectLive(h: LiveHandlers): () => void {
  const on: Receivers = {
    snapshot: (alerts) => h.snapshot(alerts),
    alert: (alert) => h.event('alert', alert),
    update: (alert) => h.event('update', alert),
  };
  let source: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const open = () => {
    source = new EventSource('/staff/api/stream');
    source.addEventListener('open', () => h.connected(true));
    for (const type of STREAM_EVENTS)
      source.addEventListener(type, (e: MessageEvent<unknown>) => receive(h, on, type, e.data));
    source.addEventListener('error', () => {
      h.connected(false);
      if (source?.readyState !== EventSource.CLOSED || stopped) return;
      retry = setTimeout(() => {
        void me()
          .then((who) => (who ? open() : h.loggedOut()))
          .catch(() => open());
      }, 2000);
    });
  };
  open();
  return () => {
    stopped = true;
    clearTimeout(retry);
    source?.close();
  };
}
