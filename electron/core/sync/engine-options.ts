// What the host hands the sync engine and what the engine reports back: its options (where the
// collector is, the clock, the tuning, the hooks into the rest of the kiosk), its status for the
// admin screen and the outcome of one pass. Kept apart from engine.ts, which is the behaviour.
import type { KioskCommand } from '../../../shared/kiosk-commands.ts';
import type { Logger } from '../log.ts';
import type { SyncTuning } from './tuning.ts';

export interface SyncEngineOptions {
  databasePath: string;
  kioskId: string;
  collector: { url: string; token: string };
  appVersion: string;
  now?: () => Date;
  random?: () => number;
  fetch?: typeof fetch;
  log?: Logger;
  tuning?: Partial<SyncTuning>;
  /** Problems outside sync the fleet view should see too (the host passes its storage error). */
  otherError?: () => string | null;
  /** The kiosk's disk, for the heartbeat (the host passes the answer lifecycle's). */
  storage?: () => { error: string | null; failures: number };
  /** When this kiosk process started, for the heartbeat: the fleet view counts restarts. */
  startedAt?: Date;
  /** An admin's orders from a heartbeat reply (the host's commands/runner.ts). */
  onCommands?: (commands: KioskCommand[]) => Promise<void>;
}

export interface SyncStatus {
  /** null until the first request has an outcome: unknown is not offline. */
  online: boolean | null;
  queueDepth: number;
  deadLetters: number;
  lastSyncAt: string | null;
  lastError: string | null;
  /** When the next try is due after a failure, by the device clock. */
  nextAttemptAt: string | null;
}

export type PassOutcome =
  | { drained: true; sent: number; deadLettered: number }
  | { drained: false; sent: number; deadLettered: number; error: string; retryInMs: number };
