// One instance's ear on PostgreSQL: a dedicated connection LISTENing on the alert events channel
// (a pooled connection could not: LISTEN belongs to a session, and the pool hands sessions out).
// It wakes the feed on every NOTIFY, and after each (re)connect, because whatever was committed
// while it was deaf sent its NOTIFY to nobody: the feed catches up by id, so no event is lost.
import type { Logger } from 'pino';
import type pg from 'pg';
import { ALERT_EVENTS_CHANNEL } from './alert-events.ts';

/** Reconnect waits double from the first to the last, then stay there. */
export const LISTEN_BACKOFF_MS = { first: 250, last: 10_000 };

export interface Listening {
  close(): Promise<void>;
}

export function listenForAlertEvents(
  connect: () => pg.Client,
  wake: () => void,
  log: Logger | null,
): Listening {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  let wait = LISTEN_BACKOFF_MS.first;

  const reconnectLater = (reason: string) => {
    if (closed || retry) return;
    log?.warn({ errorMessage: reason, retryMs: wait }, 'alert events LISTEN lost; reconnecting');
    retry = setTimeout(() => {
      retry = null;
      void start();
    }, wait);
    retry.unref();
    wait = Math.min(wait * 2, LISTEN_BACKOFF_MS.last);
  };

  const start = async () => {
    const c = connect();
    client = c;
    // An error or end on this client (the server restarted, the network dropped) means deaf.
    let lost = false;
    const lose = (reason: string) => {
      if (lost) return;
      lost = true;
      c.removeAllListeners('notification');
      void c.end().catch(() => {});
      reconnectLater(reason);
    };
    c.on('error', (error) => lose(error.message));
    c.on('end', () => lose('connection ended'));
    c.on('notification', () => wake());
    try {
      await c.connect();
      await c.query(`LISTEN ${ALERT_EVENTS_CHANNEL}`);
      if (closed) return void (await c.end().catch(() => {}));
      wait = LISTEN_BACKOFF_MS.first;
      wake();
    } catch (error) {
      lose(error instanceof Error ? error.message : String(error));
    }
  };

  void start();
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => {});
    },
  };
}
