// What the staff routes need, passed in by buildCollector (tests choose the clock and storage).
import type { CrmEvents } from '../alerts/crm-events.ts';
import type { AlertFeed } from '../alerts/feed.ts';
import type { AlertHub } from '../alerts/hub.ts';
import type { Storage } from '../db/open.ts';
import type { DigestSchedule } from '../digest/schedule.ts';
import type { FollowUpService } from '../follow-up/service.ts';
import type { HashGate } from './hash-gate.ts';
import type { StreamLimits } from './live-screens.ts';

export interface StaffContext extends StaffOptions {
  storage: Storage;
  now: () => Date;
  hub: AlertHub;
  /** This instance's reader of alert_events: the stream's resume point and replay. */
  feed: AlertFeed;
  /** Messages to customers who asked to be contacted (server/follow-up/). */
  followUps: FollowUpService;
  /** Signed CRM events; a resolve queues alert.resolved in its transaction. */
  crmEvents: CrmEvents;
}

/** What buildCollector's caller may choose for the staff side. */
export interface StaffOptions {
  /** Secure cookies: true behind HTTPS (a TLS proxy); by default, when the request came over https. */
  secureCookies?: boolean | undefined;
  /** The built staff page (dist/staff by default). */
  webDir?: string | undefined;
  /** The built kiosk renderer the survey preview frames (dist/renderer by default). */
  rendererDir?: string | undefined;
  /** Heartbeat comment interval on the live stream. */
  heartbeatMs?: number | undefined;
  /** Password checks in flight; the process's own gate unless a test brings one to count them. */
  hashGate?: HashGate | undefined;
  /** Live screens per account and in all (DEFAULT_STREAM_LIMITS). */
  streamLimits?: StreamLimits | undefined;
  /** When the weekly digest goes out (DEFAULT_DIGEST_SCHEDULE); null: it is not e-mailed. */
  digestSchedule?: DigestSchedule | null | undefined;
}
