// What the staff routes need, passed in by buildCollector (tests choose the clock and storage).
import type { AlertHub } from '../alerts/hub.ts';
import type { Storage } from '../db/open.ts';

export interface StaffContext {
  storage: Storage;
  now: () => Date;
  hub: AlertHub;
  /** Secure cookies: true behind HTTPS (a TLS proxy); by default, when the request came over https. */
  secureCookies?: boolean | undefined;
  /** The built staff page (dist/staff by default). */
  webDir?: string | undefined;
  /** Heartbeat comment interval on the live stream. */
  heartbeatMs?: number | undefined;
}
