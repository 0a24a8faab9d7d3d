// The kiosk's fleet duties: a heartbeat every minute (so the fleet view sees a queue that is not
// draining, a clock that is off, a disk that fails, a process that keeps restarting, a kiosk
// nobody taps, an error nobody reported) and the config pull. A config is only
// fetched when the heartbeat names a version we do not hold (and once at start), with
// If-None-Match, and stored in kiosk_state; the host applies it at the next attract screen. An
// admin's orders ride the same reply and are handed on (commands/runner.ts).
import type { KioskCommand } from '../../../shared/kiosk-commands.ts';
import type { HeartbeatRequest } from '../../../shared/protocol.ts';
import type { Logger } from '../log.ts';
import type { CollectorClient, Failure } from './collector-client.ts';
import type { SyncStore } from './sync-store.ts';

export const REMOTE_CONFIG = 'remote_config';
export const REMOTE_CONFIG_ETAG = 'remote_config_etag';

export interface FleetOptions {
  client: CollectorClient;
  kioskId: string;
  appVersion: string;
  now: () => Date;
  store: () => SyncStore;
  lastError: () => string | null;
  /** The kiosk's disk as the answer lifecycle sees it; left out, the heartbeat omits it. */
  storage?: () => { error: string | null; failures: number };
  /** When this kiosk process started; left out, the heartbeat omits it. */
  startedAt?: Date;
  /** Each request's outcome, for the engine's online flag and last error (null: it worked). */
  outcome: (failure: Failure | null) => void;
  /** An admin's orders from the heartbeat reply (commands/runner.ts), before the next beat. */
  onCommands?: (commands: KioskCommand[]) => Promise<void>;
  log?: Logger;
}

export type ConfigPull = 'updated' | 'unchanged' | 'none' | 'failed';

/** The version inside an ETag: "abc" and W/"abc" both hold abc. */
const versionOf = (etag: string | null) => etag?.replace(/^W\//, '').replace(/^"|"$/g, '') ?? null;

export class Fleet {
  private readonly opts: FleetOptions;
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<unknown> | null = null;

  constructor(opts: FleetOptions) {
    this.opts = opts;
  }

  /** A heartbeat now and every intervalMs; `tick` runs after each (the engine's safety net). */
  start(intervalMs: number, tick: () => void): void {
    const beat = () => {
      if (this.inFlight) return;
      this.inFlight = this.heartbeat().finally(() => {
        this.inFlight = null;
        tick();
      });
    };
    beat();
    this.timer = setInterval(beat, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.inFlight?.catch(() => {});
  }

  heartbeatBody(): HeartbeatRequest {
    const now = this.opts.now();
    let fromDb: Partial<HeartbeatRequest> = { queueDepth: 0, oldestUnsentAt: null };
    try {
      const store = this.opts.store();
      const midnight = new Date(now);
      midnight.setHours(0, 0, 0, 0);
      fromDb = {
        queueDepth: store.queueDepth(),
        oldestUnsentAt: store.oldestUnsentAnswerAt(),
        deadLetters: store.deadLetterCount(),
        lastTapAt: store.lastStartedAt(),
        tapsToday: store.startedSince(midnight.toISOString()),
      };
    } catch {
      // The database cannot be read: the heartbeat still goes, and lastError says why.
    }
    const storage = this.opts.storage?.();
    return {
      kioskId: this.opts.kioskId,
      appVersion: this.opts.appVersion,
      queueDepth: 0,
      oldestUnsentAt: null,
      ...fromDb,
      lastError: this.opts.lastError()?.slice(0, 500) ?? null,
      deviceTime: now.toISOString(),
      ...(storage && {
        storageError: storage.error?.slice(0, 500) ?? null,
        storageErrors: storage.failures,
      }),
      ...(this.opts.startedAt && { startedAt: this.opts.startedAt.toISOString() }),
    };
  }

  /** Sends one heartbeat; pulls the config when the collector names a version we do not hold. */
  async heartbeat(): Promise<boolean> {
    const reply = await this.opts.client.heartbeat(this.heartbeatBody());
    if (!reply.ok) {
      if (reply.kind !== 'stopped') this.opts.outcome(reply);
      return false;
    }
    this.opts.outcome(null);
    const held = versionOf(this.state(REMOTE_CONFIG_ETAG));
    if (reply.body.configVersion !== null && reply.body.configVersion !== held)
      await this.pullConfig();
    if (reply.body.commands?.length) await this.opts.onCommands?.(reply.body.commands);
    return true;
  }

  /** GET /v1/config with the ETag we hold; a new valid config is stored for the host to apply. */
  async pullConfig(): Promise<ConfigPull> {
    const reply = await this.opts.client.getConfig(this.state(REMOTE_CONFIG_ETAG));
    if (!reply.ok) {
      if (reply.status === 404) return 'none';
      if (reply.kind !== 'stopped') this.opts.outcome(reply);
      return 'failed';
    }
    if (reply.body === null) return 'unchanged';
    const { version, config } = reply.body;
    if (config.kioskId !== this.opts.kioskId) {
      this.opts.log?.('error', 'the collector sent a config for another kiosk; ignored', {
        kioskId: config.kioskId,
      });
      return 'failed';
    }
    // The kiosk keeps its own PIN hash: one sent anyway is not even stored.
    const { adminPinHash: _ignored, ...rest } = config;
    this.opts.store().setStates([
      [REMOTE_CONFIG, JSON.stringify(rest)],
      [REMOTE_CONFIG_ETAG, reply.etag ?? `"${version}"`],
    ]);
    this.opts.log?.('info', 'new config from the collector; applied at the next attract screen', {
      version,
    });
    return 'updated';
  }

  private state(key: string): string | null {
    try {
      return this.opts.store().getState(key);
    } catch {
      return null;
    }
  }
}
