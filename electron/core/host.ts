// The kiosk host: serves every bridge channel for whichever transport carries it (Electron IPC or
// the localhost HTTP transport). Wiring only: the answer lifecycle, the admin gate, the config in
// force, sync and the host's own timers (abandoned drafts, retention) are built here, each feature
// (host/*-handlers.ts) hands in its handlers, and host/dispatch.ts parses payloads and turns
// errors into envelopes.
import { v7 as uuidv7 } from 'uuid';
import type { KioskStatus } from '../../shared/bridge.ts';
import type { Channel } from '../../shared/bridge-channels.ts';
import type { FieldProblem, KioskConfig } from '../../shared/config.ts';
import type { BridgeResult } from '../../shared/result.ts';
import { AdminAccess } from './admin-access.ts';
import { AnswerLifecycle } from './answer-lifecycle.ts';
import { adminHandlers } from './host/admin-handlers.ts';
import { answerHandlers } from './host/answer-handlers.ts';
import { configHandlers } from './host/config-handlers.ts';
import { enrolHandlers } from './host/enrol-handlers.ts';
import { watchAbandonedDrafts } from './host/abandoned-drafts.ts';
import { openConfigSource } from './host/config-source.ts';
import { scheduleRetention } from './host/retention-schedule.ts';
import type { HostActions, HostContext } from './host/context.ts';
import { dispatch, type Handlers } from './host/dispatch.ts';
import { reloadGate } from './host/reload-gate.ts';
import { remoteCommands } from './host/remote-commands.ts';
import { kioskStatus, statusHandlers } from './host/status.ts';
import type { Logger } from './log.ts';
import { SyncEngine, type SyncEngineOptions } from './sync/engine.ts';
import { backgroundTimers, type Timers } from './timers.ts';
import type { TokenVault } from './token-vault.ts';

/** A customer at the panel: an ordered reload waits until none of these came for a while. */
const CUSTOMER_CHANNELS: ReadonlySet<Channel> = new Set([
  'startAnswer',
  'updateAnswer',
  'requestHelp',
  'finishAnswer',
  'touchAnswer',
]);
/** Quiet means this long after the thank-you screen's lock ended, the goodbye gone too. */
const QUIET_AFTER_THANKS_S = 5;

export interface KioskHostOptions {
  configPath: string;
  databasePath: string;
  appVersion: string;
  actions: HostActions;
  now?: () => Date;
  /** The host's own timers (abandoned drafts, retention); tests pass a fake clock's with `now`. */
  timers?: Timers;
  newId?: () => string;
  /** How often writes held in memory are retried while the disk fails (default 2 s). */
  storageRetryMs?: number;
  /** The kiosk log; it is given codes and ids, never customer text. */
  log?: Logger;
  /**
   * Sync runs when the config has a `collector` block. false keeps it off; an object passes
   * test seams (fetch, random, faster waits) to the engine.
   */
  sync?: false | Pick<SyncEngineOptions, 'fetch' | 'random' | 'tuning'>;
  /** A problem found before the host started (a crash loop after an update), for the fleet view. */
  startupProblem?: string | null;
  /** The OS keystore for the device token (Electron safeStorage); without one, the 0600 file. */
  vault?: TokenVault | null;
  /** The kiosk log's folder, for an admin's log fetch. */
  logsDir?: string;
}

export interface KioskHost {
  handle(channel: Channel, payload: unknown): Promise<BridgeResult<unknown>>;
  status(): KioskStatus;
  setOutOfService(on: boolean, reason: string | null): void;
  /** A customer's answer is open on the screen: no restart now (an update waits for this). */
  busy(): boolean;
  /** The sync engine, when the config names a collector (from enrolment on, after one). */
  readonly sync: SyncEngine | null;
  /** Stops sync (its requests are aborted) and closes the database. */
  close(): void;
}

export function createKioskHost(opts: KioskHostOptions): KioskHost {
  const now = opts.now ?? (() => new Date());
  // This process's start as the fleet view counts restarts (the host starts with the process).
  const startedAt = now();
  const log: Logger =
    opts.log ??
    ((level, message, fields) => console.error(`[kiosk-host] ${level}: ${message}`, fields ?? ''));
  let sync: SyncEngine | null = null;
  const lifecycle = new AnswerLifecycle({
    databasePath: opts.databasePath,
    now,
    newId: opts.newId ?? (() => uuidv7()),
    retryMs: opts.storageRetryMs,
    // A final answer or an alert is waiting: send it within a second, not at the next heartbeat.
    onOutboxWrite: () => sync?.nudge(),
  });
  const configs = openConfigSource(opts.configPath, lifecycle, log, opts.vault ?? null);
  logStart(log, opts, configs.problems, lifecycle.storageStatus());
  configs.applyRemote();
  const timers = opts.timers ?? backgroundTimers;
  let lastCustomerAt = 0;
  const reloads = reloadGate({
    openDrafts: () => lifecycle.openDrafts,
    lastCustomerAt: () => lastCustomerAt,
    quietMs: () => ((configs.current()?.thankYouLockSeconds ?? 0) + QUIET_AFTER_THANKS_S) * 1000,
    now,
    timers,
    reload: () => opts.actions.reload(),
  });
  const onCommands = remoteCommands({
    engine: () => sync,
    lifecycle,
    gate: reloads,
    configPath: opts.configPath,
    vault: opts.vault ?? null,
    logsDir: opts.logsDir ?? null,
    log,
  });
  const begin = () => startSync(opts, configs.file, lifecycle, log, now, startedAt, onCommands);
  sync = begin();

  const abandoned = watchAbandonedDrafts({
    lifecycle,
    idleTimeoutMs: () => (configs.current()?.idleTimeoutSeconds ?? 0) * 1000,
    now,
    timers,
    log,
  });
  const retention = scheduleRetention({
    databasePath: opts.databasePath,
    retentionDays: () => configs.current()?.retentionDays ?? null,
    now,
    timers,
    log,
  });
  const ctx: HostContext = {
    lifecycle,
    admin: new AdminAccess(
      lifecycle.stateStore,
      () => configs.current()?.adminPinHash ?? null,
      now,
    ),
    configs,
    abandoned,
    actions: opts.actions,
    sync,
    appVersion: opts.appVersion,
    databasePath: opts.databasePath,
    outOfService: null,
  };
  const handlers: Handlers = {
    ...configHandlers(ctx, reloads),
    ...statusHandlers(ctx),
    ...answerHandlers(ctx),
    ...adminHandlers(ctx),
    ...enrolHandlers(ctx, {
      configPath: opts.configPath,
      vault: opts.vault ?? null,
      startSync() {
        if (ctx.sync) return;
        sync = begin();
        ctx.sync = sync;
        log('info', 'kiosk enrolled', { kioskId: configs.file?.kioskId ?? null });
      },
      ...(opts.sync && opts.sync.fetch && { fetch: opts.sync.fetch }),
    }),
  };

  return {
    handle(channel, payload) {
      if (CUSTOMER_CHANNELS.has(channel)) lastCustomerAt = now().getTime();
      return dispatch(handlers, channel, payload, { log, configProblems: configs.problems });
    },
    status: () => kioskStatus(ctx),
    setOutOfService(on, reason) {
      ctx.outOfService = on ? (reason ?? 'too many failures') : null;
    },
    busy: () => lifecycle.openDrafts > 0,
    get sync() {
      return sync;
    },
    close() {
      abandoned.stop();
      reloads.stop();
      retention.stop();
      void sync?.stop();
      lifecycle.close();
    },
  };
}

/** Sync runs when the config file names a collector (its URL and token never come from the wire). */
function startSync(
  opts: KioskHostOptions,
  file: KioskConfig | null,
  lifecycle: AnswerLifecycle,
  log: Logger,
  now: () => Date,
  startedAt: Date,
  onCommands: SyncEngineOptions['onCommands'],
): SyncEngine | null {
  if (!file?.collector || opts.sync === false) return null;
  const engine = new SyncEngine({
    databasePath: opts.databasePath,
    kioskId: file.kioskId,
    collector: file.collector,
    appVersion: opts.appVersion,
    now,
    log,
    otherError: () => lifecycle.storageStatus().error ?? opts.startupProblem ?? null,
    storage: () => lifecycle.storageHealth(),
    startedAt,
    onCommands,
    ...(opts.sync || {}),
  });
  engine.start();
  return engine;
}

function logStart(
  log: Logger,
  opts: KioskHostOptions,
  configProblems: FieldProblem[] | null,
  storage: ReturnType<AnswerLifecycle['storageStatus']>,
): void {
  log('info', 'kiosk host started', {
    database: opts.databasePath,
    config: opts.configPath,
    configValid: configProblems === null,
  });
  if (configProblems)
    log('error', 'kiosk config invalid', {
      fields: configProblems.map((p) => p.field).join(', '),
    });
  if (storage.movedAside)
    log('warn', 'corrupt database moved aside', { movedTo: storage.movedAside });
  if (storage.error) log('error', 'storage unavailable', { error: storage.error });
}
