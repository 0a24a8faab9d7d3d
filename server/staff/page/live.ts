// The live connection: EventSource to /staff/api/stream. The browser reconnects by itself after a
// network error (sending Last-Event-ID); when the server refused the stream (a 401 after the
// session ended) EventSource gives up, so we ask /me and either go to login or try again.
import type { StaffAlert } from '../../../shared/staff-api.ts';
import { me } from './api.ts';

export interface LiveHandlers {
  snapshot(alerts: StaffAlert[]): void;
  event(type: 'alert' | 'update', alert: StaffAlert): void;
  connected(up: boolean): void;
  loggedOut(): void;
}

export function connectLive(h: LiveHandlers): () => void {
  let source: EventSource | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const open = () => {
    source = new EventSource('/staff/api/stream');
    source.addEventListener('open', () => h.connected(true));
    source.addEventListener('snapshot', (e) =>
      h.snapshot(JSON.parse((e as MessageEvent<string>).data) as StaffAlert[]),
    );
    for (const type of ['alert', 'update'] as const) {
      source.addEventListener(type, (e) =>
        h.event(type, JSON.parse((e as MessageEvent<string>).data) as StaffAlert),
      );
    }
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
