// A small fleet for the demo's Kiosks page (/staff/kiosks), beside the real demo kiosk: five
// stand-in kiosks at the history's desks, enrolled afresh at every start, one of each status.
// Four send real heartbeats over HTTP every minute while the demo runs: one healthy, one silent
// (its last tap three days ago, where the history says taps usually come), one whose clock is
// 11 minutes fast, one whose disk is failing. The fifth stopped two hours ago: offline. Each
// gets a day of hourly history and an OK status a day old, so the fleet tick's first changes
// (and the offline one's "since 2 h ago") show in its history view. IT alerts about the fleet go
// to the demo's mailbox (routeDemoItAlerts); what IT was told is kept between runs, so a restart
// tells only what changed.
import type { HeartbeatRequest } from '../../shared/protocol.ts';
import { setItDefault } from '../../server/alerts/it-routing-store.ts';
import type { Storage } from '../../server/db/open.ts';
import { readClock } from '../../server/kiosk-api/device-clock.ts';
import { recordHeartbeat } from '../../server/kiosk-api/heartbeats.ts';
import { enrolKiosk, revokeKiosk } from '../../server/kiosk-api/kiosks.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

export const DEMO_IT_ADDRESS = 'it@demo.example';

interface Stand {
  kioskId: string;
  location: string;
  touchpoint: string;
  /** What its heartbeats say, at `now`. */
  beat(now: number): Partial<HeartbeatRequest>;
  /** Hours before now its heartbeats stopped; 0: still beating. */
  stoppedHoursAgo: number;
}

const iso = (t: number) => new Date(t).toISOString();
const started = Date.now() - 26 * HOUR;

function stands(store: string): Stand[] {
  return [
    {
      kioskId: 'demo-fleet-entrance',
      location: 'Lastword New York',
      touchpoint: 'Entrance',
      stoppedHoursAgo: 0,
      beat: (now) => ({ lastTapAt: iso(now - 4 * MIN), tapsToday: 23, deadLetters: 0 }),
    },
    {
      kioskId: 'demo-fleet-checkout',
      location: 'Lastword New York',
      touchpoint: 'Checkout',
      stoppedHoursAgo: 0,
      beat: (now) => ({ lastTapAt: iso(now - 72 * HOUR), tapsToday: 0, deadLetters: 0 }),
    },
    {
      kioskId: 'demo-fleet-singapore',
      location: 'Lastword Singapore',
      touchpoint: 'Checkout',
      stoppedHoursAgo: 0,
      beat: (now) => ({
        deviceTime: iso(now + 11 * MIN),
        lastTapAt: iso(now + 11 * MIN - 9 * MIN),
        tapsToday: 41,
        deadLetters: 2,
      }),
    },
    {
      kioskId: 'demo-fleet-returns',
      location: 'Lastword Singapore',
      touchpoint: 'Returns desk',
      stoppedHoursAgo: 0,
      beat: (now) => ({
        queueDepth: 37,
        oldestUnsentAt: iso(now - 50 * MIN),
        storageError: 'storage failed (SQLITE_FULL): database or disk is full',
        storageErrors: 118,
        lastTapAt: iso(now - 6 * MIN),
        tapsToday: 12,
        deadLetters: 0,
      }),
    },
    {
      kioskId: 'demo-fleet-desk-2',
      location: store,
      touchpoint: 'Service desk 2',
      stoppedHoursAgo: 2,
      beat: (now) => ({ lastTapAt: iso(now - 20 * MIN), tapsToday: 17, deadLetters: 0 }),
    },
  ];
}

function heartbeatOf(s: Stand, now: number): HeartbeatRequest {
  return {
    kioskId: s.kioskId,
    appVersion: '1.4.2',
    queueDepth: 0,
    oldestUnsentAt: null,
    lastError: null,
    deviceTime: iso(now),
    storageError: null,
    storageErrors: 0,
    startedAt: iso(started),
    ...s.beat(now),
  };
}

/** Enrols the stand-ins and gives each a day of history; returns how to stop their heartbeats. */
export async function startDemoFleet(
  storage: Storage,
  collectorUrl: string,
  store: string,
): Promise<{ stop(): void }> {
  const now = Date.now();
  const tokens = new Map<string, string>();
  for (const s of stands(store)) {
    await revokeKiosk(storage, s.kioskId, new Date(now));
    const enrolled = await enrolKiosk(
      storage,
      { kioskId: s.kioskId, location: s.location, touchpoint: s.touchpoint },
      new Date(now - 30 * 86_400_000),
    );
    tokens.set(s.kioskId, enrolled.token);
    // A day of heartbeats, a full hour row each (60), up to when it stopped, and its status OK
    // from then on: the fleet tick records what changed since (the offline kiosk: 2 h ago).
    await storage.db.deleteFrom('kiosk_hours').where('kiosk_id', '=', s.kioskId).execute();
    await storage.db.deleteFrom('kiosk_status_events').where('kiosk_id', '=', s.kioskId).execute();
    const last = now - s.stoppedHoursAgo * HOUR - (s.stoppedHoursAgo ? 0 : 2 * MIN);
    const first = Math.ceil((now - 24 * HOUR) / HOUR) * HOUR;
    for (let hour = first; hour + HOUR <= last; hour += HOUR) {
      const hb = heartbeatOf(s, hour);
      await storage.db
        .insertInto('kiosk_hours')
        .values({
          kiosk_id: s.kioskId,
          hour: iso(hour),
          heartbeats: 60,
          restarts: 0,
          max_queue_depth: hb.queueDepth,
          max_abs_skew_ms: Math.abs(Date.parse(hb.deviceTime) - hour),
          storage_failing: hb.storageError ? 60 : 0,
          dead_letters: hb.deadLetters ?? null,
          storage_errors: hb.storageErrors ?? null,
          taps_today: hb.tapsToday ?? null,
          last_at: iso(hour + HOUR - 30_000),
        })
        .execute();
    }
    const hb = heartbeatOf(s, last);
    const received = new Date(last);
    await recordHeartbeat(storage, s.kioskId, hb, received, readClock(hb.deviceTime, received));
    await storage.db
      .updateTable('kiosks')
      .set({ fleet_status: 'ok', fleet_status_since: iso(first) })
      .where('id', '=', s.kioskId)
      .execute();
    await storage.db
      .insertInto('kiosk_status_events')
      .values({ kiosk_id: s.kioskId, at: iso(first), status: 'ok', previous: null })
      .execute();
  }
  const send = () => {
    for (const s of stands(store)) {
      if (s.stoppedHoursAgo) continue;
      void fetch(`${collectorUrl}/v1/heartbeat`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${tokens.get(s.kioskId)}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(heartbeatOf(s, Date.now())),
      }).catch(() => {});
    }
  };
  send();
  const timer = setInterval(send, MIN);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/**
 * IT alerts for every demo location (the IT default, as one IT team would set it), e-mailed to
 * the demo's mailbox: a kiosk offline, silent, with a failing disk or a clock off is told while
 * its store is open, and again when it recovers.
 */
export async function routeDemoItAlerts(storage: Storage): Promise<string> {
  await setItDefault(
    storage,
    {
      channels: [{ name: 'it-desk', kind: 'email', to: [DEMO_IT_ADDRESS] }],
      it: { notify: ['it-desk'] },
    },
    new Date(),
  );
  return `IT alerts: kiosk problems are e-mailed to ${DEMO_IT_ADDRESS} (in the mailbox above) while each store is open; an offline one after five minutes`;
}
