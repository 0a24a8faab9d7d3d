// The demo's collector: the real collector app on an embedded SQLite file in the demo's data
// folder, with the demo kiosk enrolled and its fresh device token written into the kiosk config,
// and the kiosk's survey attached, so answers tapped in the demo sync for real; on first start,
// ninety days of history for the results page (demo-history.ts), a small fleet of stand-in
// kiosks for the Kiosks page (demo-fleet.ts, which also routes IT alerts about them to the demo's
// mailbox) and two survey versions for the Surveys page
// (demo-surveys.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { buildCollector } from '../../server/app.ts';
import { openStorage } from '../../server/db/open.ts';
import { attachConfig } from '../../server/kiosk-api/kiosk-configs.ts';
import { enrolKiosk, revokeKiosk } from '../../server/kiosk-api/kiosks.ts';
import type { KioskConfig } from '../../shared/config.ts';
import { routeDemoItAlerts, startDemoFleet } from './demo-fleet.ts';
import { seedDemoHistory } from './demo-history.ts';
import { seedDemoOrders } from './demo-orders.ts';
import { seedDemoSurveys } from './demo-surveys.ts';
import { startDemoMailbox, subscribeDemoTeam } from './demo-mail.ts';
import { seedDemoTeam } from './demo-team.ts';

export interface DemoCollector {
  url: string;
  /** Where the demo's e-mails (alerts, the weekly digest) are saved as .eml files. */
  mailDir: string;
  /** Where IT alerts about the fleet go, for the demo's terminal. */
  itAlerts: string;
  close(): Promise<void>;
}

export async function startDemoCollector(
  dataDir: string,
  kioskConfigPath: string,
): Promise<DemoCollector> {
  const storage = await openStorage({ sqlitePath: join(dataDir, 'collector.sqlite') });
  const config = JSON.parse(readFileSync(kioskConfigPath, 'utf8')) as {
    kioskId: string;
    location: string;
    touchpoint: string;
    collector?: unknown;
  } & Pick<KioskConfig, 'languages' | 'branding' | 'survey'>;
  // A fresh token on every run: the demo keeps its data between runs but no token, so the kiosk
  // enrolled by the last run is revoked first (enrolKiosk refuses a kiosk that is enrolled).
  await revokeKiosk(storage, config.kioskId, new Date());
  const { token } = await enrolKiosk(
    storage,
    { kioskId: config.kioskId, location: config.location, touchpoint: config.touchpoint },
    new Date(),
  );
  // Two survey versions for the Surveys page, the newer assigned to this kiosk's touchpoint.
  await seedDemoSurveys(storage, config);
  // The survey is served to the kiosk from here (GET /v1/config), and names reasons on staff
  // cards; the version assigned in the web admin takes the place of the file's.
  await attachConfig(storage, config.kioskId, config, new Date());
  // Yesterday's remote actions on the demo kiosk, once, for its page in the web admin.
  await seedDemoOrders(storage, config.kioskId, new Date());
  // Ninety days of answers at three locations, once, for the results page.
  await seedDemoHistory(storage, config.location, config.survey.version);
  // Colleagues on duty at those desks, for the recognition page.
  await seedDemoTeam(storage);
  // A team address on every location's weekly digest, mailed to the demo's own mailbox.
  await subscribeDemoTeam(storage);
  const mailbox = await startDemoMailbox(dataDir);
  const port = Number(process.env.LASTWORD_COLLECTOR_PORT ?? 4320);
  // Warnings only: the demo's terminal is for the URLs.
  const app = buildCollector({
    storage,
    logger: pino({ level: 'warn', base: { service: 'lastword-collector' } }),
    alerts: { smtp: mailbox.smtp },
    // Links in the digest point at the port asked for (the fallback port is rarely needed).
    digest: { smtp: mailbox.smtp, publicUrl: `http://127.0.0.1:${port}` },
    // …and the link to a kiosk's history in IT alerts.
    fleet: { publicUrl: `http://127.0.0.1:${port}` },
  });
  const url = await app
    .listen({ port, host: '127.0.0.1' })
    .catch(() => app.listen({ port: 0, host: '127.0.0.1' }));
  writeFileSync(
    kioskConfigPath,
    `${JSON.stringify({ ...config, collector: { url, token } }, null, 2)}\n`,
  );
  // Stand-in kiosks heartbeating beside the real one: one of each status on the Kiosks page.
  const fleet = await startDemoFleet(storage, url, config.location);
  // This tick tells IT about the stand-ins at once; an offline one (and the demo kiosk, if it
  // has not reached the collector by then) only after the collector's first five minutes.
  const itAlerts = await routeDemoItAlerts(storage);
  await app.fleet.tick();
  return {
    url,
    mailDir: mailbox.dir,
    itAlerts,
    async close() {
      fleet.stop();
      await app.close();
      await storage.close();
      await mailbox.close();
    },
  };
}
