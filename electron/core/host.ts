// The kiosk host: serves every bridge channel for whichever transport carries it (Electron IPC or
// the localhost HTTP transport). Payloads are parsed with the contract's schemas before any
// handler runs, so a bad payload gets `invalid_request` and writes nothing.
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import {
  bridgeContract,
  type BridgeResponse,
  type Channel,
  type KioskStatus,
} from '../../shared/bridge.ts';
import { describeIssues, publicConfig, type KioskConfig } from '../../shared/config.ts';
import { fail, ok, type BridgeResult } from '../../shared/result.ts';
import { AdminAccess } from './admin-access.ts';
import { StoreError } from './answer-store.ts';
import { loadKioskConfig } from './config-file.ts';
import type { Logger } from './log.ts';
import { AnswerLifecycle } from './answer-lifecycle.ts';
import { HostError, checkLanguage, checkSmiley } from './step-rules.ts';
import { SyncEngine, type SyncEngineOptions } from './sync/engine.ts';
import { pendingRemoteConfig } from './sync/remote-config.ts';

export interface HostActions {
  reload(): void;
  exit(): void;
}

export interface KioskHostOptions {
  configPath: string;
  databasePath: string;
  appVersion: string;
  actions: HostActions;
  now?: () => Date;
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
}

export interface KioskHost {
  handle(channel: Channel, payload: unknown): Promise<BridgeResult<unknown>>;
  status(): KioskStatus;
  setOutOfService(on: boolean, reason: string | null): void;
  /** The sync engine, when the config names a collector. */
  readonly sync: SyncEngine | null;
  /** Stops sync (its requests are aborted) and closes the database. */
  close(): void;
}

/** Handlers receive the parsed (output) type of their request schema. */
type Handlers = {
  [C in Channel]: (req: z.output<(typeof bridgeContract)[C]['request']>) => BridgeResponse<C>;
};

export function createKioskHost(opts: KioskHostOptions): KioskHost {
  const now = opts.now ?? (() => new Date());
  const newId = opts.newId ?? (() => uuidv7());
  const log: Logger =
    opts.log ??
    ((level, message, fields) => console.error(`[kiosk-host] ${level}: ${message}`, fields ?? ''));
  const loaded = loadKioskConfig(opts.configPath);
  const fileConfig: KioskConfig | null = loaded.ok ? loaded.config : null;
  let config = fileConfig;
  let appliedRemote: string | null = null;
  const lifecycle = new AnswerLifecycle({
    databasePath: opts.databasePath,
    now,
    newId,
    retryMs: opts.storageRetryMs,
    // A final answer or an alert is waiting: send it within a second, not at the next heartbeat.
    onOutboxWrite: () => sync?.nudge(),
  });
  const admin = new AdminAccess(lifecycle.stateStore, () => config?.adminPinHash ?? null, now);
  let outOfService: string | null = null;
  const started = lifecycle.storageStatus();
  log('info', 'kiosk host started', {
    database: opts.databasePath,
    config: opts.configPath,
    configValid: loaded.ok,
  });
  if (!loaded.ok)
    log('error', 'kiosk config invalid', {
      fields: loaded.problems.map((p) => p.field).join(', '),
    });
  if (started.movedAside)
    log('warn', 'corrupt database moved aside', { movedTo: started.movedAside });
  if (started.error) log('error', 'storage unavailable', { error: started.error });

  /** Swaps in a config the collector sent, but never while a customer is mid-survey. */
  const applyRemoteConfig = (): void => {
    if (!fileConfig || lifecycle.openDrafts > 0) return;
    const next = pendingRemoteConfig(
      lifecycle.stateStore.getStateOrNull,
      fileConfig,
      appliedRemote,
    );
    if (!next) return;
    appliedRemote = next.etag;
    if ('error' in next)
      log('error', 'collector config not applied', { etag: next.etag, error: next.error });
    else {
      config = next.config;
      log('info', 'collector config applied', {
        etag: next.etag,
        survey: next.config.survey.version,
      });
    }
  };
  applyRemoteConfig();

  const sync =
    fileConfig?.collector && opts.sync !== false
      ? new SyncEngine({
          databasePath: opts.databasePath,
          kioskId: fileConfig.kioskId,
          collector: fileConfig.collector,
          appVersion: opts.appVersion,
          now,
          log,
          otherError: () => lifecycle.storageStatus().error,
          ...(opts.sync || {}),
        })
      : null;
  sync?.start();

  const requireConfig = (): KioskConfig => {
    if (!config) throw new HostError('unavailable', 'the kiosk config file is invalid');
    if (outOfService) throw new HostError('unavailable', `out of service: ${outOfService}`);
    return config;
  };
  const requireAdmin = (session: string): void => {
    if (!admin.isValid(session))
      throw new HostError('unauthorized', 'the admin session has expired; enter the PIN again');
  };

  const handlers: Handlers = {
    getConfig: () => {
      // The renderer asks for the config on its attract screen: the one safe moment to change it.
      applyRemoteConfig();
      const c = requireConfig();
      const language = lifecycle.stateStore.getStateOrNull('default_language');
      const pub = publicConfig(c);
      if (language && c.languages.available.includes(language))
        pub.languages = { ...pub.languages, default: language };
      return pub;
    },
    getStatus: () => status(),
    startAnswer: ({ smiley, language }) => {
      const c = requireConfig();
      checkSmiley(c, smiley);
      checkLanguage(c, language);
      return lifecycle.start(c, smiley, language);
    },
    updateAnswer: ({ answerId, step }) => lifecycle.update(requireConfig(), answerId, step),
    requestHelp: ({ answerId }) => lifecycle.requestHelp(requireConfig(), answerId),
    finishAnswer: ({ answerId, status }) => lifecycle.finish(answerId, status),
    unlockAdmin: ({ pin }) => {
      if (!config) throw new HostError('unavailable', 'the kiosk config file is invalid');
      return admin.unlock(pin);
    },
    sendTestAlert: ({ session }) => {
      requireAdmin(session);
      lifecycle.testAlert(requireConfig());
      return { kind: 'test' as const };
    },
    setDefaultLanguage: ({ session, language }) => {
      requireAdmin(session);
      checkLanguage(requireConfig(), language);
      lifecycle.stateStore.setState('default_language', language);
      return {};
    },
    reloadKiosk: ({ session }) => {
      requireAdmin(session);
      opts.actions.reload();
      return {};
    },
    exitKiosk: ({ session }) => {
      requireAdmin(session);
      opts.actions.exit();
      return {};
    },
  };

  function status(): KioskStatus {
    const storage = lifecycle.storageStatus();
    const synced = sync?.status();
    const syncError = synced
      ? synced.lastError
      : config
        ? 'sync not configured: the kiosk config has no collector block'
        : null;
    return {
      kioskId: config?.kioskId ?? null,
      appVersion: opts.appVersion,
      online: synced?.online ?? null,
      queueDepth: lifecycle.queueDepth(),
      deadLetters: synced?.deadLetters ?? 0,
      lastSyncAt: synced?.lastSyncAt ?? null,
      lastError: storage.error ?? syncError,
      databasePath: opts.databasePath,
      storage,
      outOfService: outOfService !== null,
      configError: loaded.ok ? null : loaded.problems,
    };
  }

  return {
    async handle(channel, payload) {
      const contract = bridgeContract[channel];
      if (!contract) return fail('invalid_request', `unknown channel "${String(channel)}"`);
      const parsed = contract.request.safeParse(payload ?? {});
      if (!parsed.success)
        return fail('invalid_request', `invalid ${channel} request`, describeIssues(parsed.error));
      try {
        const handler = handlers[channel] as (req: unknown) => unknown;
        return ok(handler(parsed.data));
      } catch (error) {
        if (error instanceof HostError || error instanceof StoreError) {
          if (error instanceof HostError && error.code === 'unavailable' && !config) {
            return fail('unavailable', error.message, loaded.ok ? undefined : loaded.problems);
          }
          return fail(error.code, error.message);
        }
        log('error', 'bridge call failed', {
          channel,
          error: (error as Error)?.stack ?? String(error),
        });
        return fail('internal', 'the kiosk could not do that; it has been logged');
      }
    },
    status,
    setOutOfService(on, reason) {
      outOfService = on ? (reason ?? 'too many failures') : null;
    },
    sync,
    close() {
      void sync?.stop();
      lifecycle.close();
    },
  };
}
