// The one command: `node server/main.ts`. Opens (and migrates) the storage named by the
// environment, then serves the kiosk API. It logs where the data is and where it listens.
// On SQLite it is the file's only server: a second one on the same file refuses to start.
//   LASTWORD_DB               SQLite file (default ./collector-data/collector.sqlite)
//   DATABASE_URL              postgres://… (used instead of LASTWORD_DB when set)
//   LASTWORD_COLLECTOR_PORT   default 4320          LASTWORD_COLLECTOR_HOST  default 127.0.0.1
//   LASTWORD_COLLECTOR_RATE_PER_SECOND / _RATE_BURST / _BODY_LIMIT, LASTWORD_LOG_LEVEL
//   LASTWORD_SMTP_* and LASTWORD_WEBHOOK_ALLOW_HOSTS for alert channels (server/alerts/settings.ts)
//   LASTWORD_SMS_GATEWAY_URL / _SECRET, LASTWORD_FOLLOW_UPS_PER_HOUR for follow-ups
//     (server/follow-up/settings.ts)
//   LASTWORD_BEHIND_PROXY=1   behind a TLS reverse proxy on this machine: X-Forwarded-For, Secure cookies
//   LASTWORD_TRUSTED_PROXIES  the proxies' addresses/CIDRs when elsewhere (implies BEHIND_PROXY)
//   LASTWORD_STAFF_STREAMS_PER_USER / _TOTAL   live staff screens per account (5) and in all (200)
//   LASTWORD_COLLECTOR_HEADERS_SECONDS (10) / _REQUEST_SECONDS (30) / _IDLE_SECONDS (30) /
//     _KEEPALIVE_SECONDS (72)   how long a slow or silent client may hold a connection
//   LASTWORD_REDACT_AFTER_DAYS  comment, contact and staff notes redacted after (365; scores stay)
//   LASTWORD_UPDATES_DIR      published kiosk releases' files (./collector-data/updates; shared by instances)
//   LASTWORD_DIGEST_AT        when the weekly digest is e-mailed, local time at each location
//                             ("mon 08:00", the default; "off": not e-mailed, the page stays)
//   LASTWORD_PUBLIC_URL       the address people reach the collector at, for links in e-mails
//                             and IT alerts
import { alertSettingsFromEnv } from './alerts/settings.ts';
import { buildCollector } from './app.ts';
import { openStorage } from './db/open.ts';
import { claimSqliteFile, type Claim } from './db/sqlite-instance.ts';
import { followUpSettingsFromEnv } from './follow-up/settings.ts';
import { collectorLogger } from './log.ts';
import { SettingsError, settingsFromEnv } from './settings.ts';

const log = collectorLogger();

async function main(): Promise<void> {
  const settings = settingsFromEnv(process.env);
  // SQLite serves one server process (the CLI beside it is fine): a second one is refused
  // before it migrates anything. Several instances need PostgreSQL.
  let claim: Claim | undefined;
  const storage = await openStorage(
    {
      ...settings.storage,
      onBackgroundError: (e) =>
        log.warn({ errorMessage: e.message }, 'database connection problem'),
    },
    async (s) => {
      if (s.engine !== 'sqlite') return;
      claim = await claimSqliteFile(s, (e) => {
        log.fatal({ errorMessage: e.message }, 'stopping: this SQLite file has another server');
        process.exit(1);
      });
    },
  );
  log.info(
    { engine: storage.engine, location: storage.location },
    `storing data in ${storage.location} (${storage.engine})`,
  );
  const alerts = alertSettingsFromEnv(process.env);
  const app = buildCollector({
    storage,
    logger: log,
    rateLimit: settings.rateLimit,
    bodyLimitBytes: settings.bodyLimitBytes,
    alerts,
    followUps: followUpSettingsFromEnv(process.env),
    trustProxy: settings.trustProxy,
    timeouts: settings.timeouts,
    staff: { secureCookies: settings.behindProxy, streamLimits: settings.streamLimits },
    retention: { afterDays: settings.redactAfterDays },
    updatesDir: settings.updatesDir,
    digest: { schedule: settings.digestSchedule, smtp: alerts.smtp, publicUrl: settings.publicUrl },
    fleet: { publicUrl: settings.publicUrl },
  });
  const url = await app.listen({ port: settings.port, host: settings.host });
  log.info({ url }, `collector listening on ${url}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping: finishing requests in flight');
    await app.close();
    await claim?.release();
    await storage.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof SettingsError) log.fatal(`bad setting: ${error.message}`);
  else
    log.fatal(
      { errorMessage: error instanceof Error ? error.message : String(error) },
      'collector failed to start',
    );
  process.exit(1);
});
