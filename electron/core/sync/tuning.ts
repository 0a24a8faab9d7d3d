// The engine's knobs. The defaults suit a kiosk on a shop's network; tests turn the waits down
// so that minutes of backoff fit in a second.
import { MAX_BATCH_ITEMS } from '../../../shared/protocol.ts';

export interface SyncTuning {
  /** Items per request; the protocol allows up to MAX_BATCH_ITEMS. */
  batchItems: number;
  baseDelayMs: number;
  maxDelayMs: number;
  requestTimeoutMs: number;
  /** How long a nudge waits for more writes to join it in one batch. */
  nudgeDebounceMs: number;
  heartbeatMs: number;
  /** The longest Retry-After obeyed as given. */
  maxRetryAfterMs: number;
}

export const DEFAULT_TUNING: SyncTuning = {
  batchItems: MAX_BATCH_ITEMS,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  requestTimeoutMs: 20_000,
  nudgeDebounceMs: 100,
  heartbeatMs: 60_000,
  maxRetryAfterMs: 15 * 60_000,
};
