// Deliveries to outside channels: each attempt is a row in alert_deliveries, failures are
// retried with capped exponential backoff (honouring Retry-After), and nothing here ever
// blocks a kiosk's request: the router hands over and returns. Retries live in memory, so a
// collector restart drops pending retries; the delivery log shows where they stopped.
import { v7 as uuidv7 } from 'uuid';
import type { Logger } from 'pino';
import type { Storage } from '../db/open.ts';
import type { AlertMessage } from './messages.ts';
import type { Channel } from './rules.ts';
import type { Senders } from './senders.ts';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 2_000,
  maxDelayMs: 5 * 60_000,
};

export interface DispatcherDeps {
  storage: Storage;
  senders: Senders;
  retry: RetryPolicy;
  now: () => Date;
  log: Logger | null;
}

export class Dispatcher {
  private readonly deps: DispatcherDeps;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private closed = false;

  constructor(deps: DispatcherDeps) {
    this.deps = deps;
  }

  /** Starts delivering to each channel; returns at once. */
  deliver(message: AlertMessage, channels: Channel[], personalData: boolean): void {
    for (const channel of channels) this.attempt(message, channel, personalData, 1);
  }

  /** Resolves when no attempt is running or scheduled (tests; graceful shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size || this.timers.size) {
      if (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
      else await new Promise((r) => setTimeout(r, 5));
    }
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private attempt(
    message: AlertMessage,
    channel: Channel,
    personalData: boolean,
    attempt: number,
  ): void {
    if (this.closed) return;
    // One id per alert, reason and channel, the same on every retry: receivers de-duplicate on it.
    const messageId = `msg_${message.alert.id}_${message.reason}_${channel.name}${message.more ? `_${message.more.count}` : ''}`;
    const run = this.run(message, channel, personalData, attempt, messageId).finally(() =>
      this.inFlight.delete(run),
    );
    this.inFlight.add(run);
  }

  private async run(
    message: AlertMessage,
    channel: Channel,
    personalData: boolean,
    attempt: number,
    messageId: string,
  ): Promise<void> {
    const { storage, senders, retry, log } = this.deps;
    const result = await senders.send(channel, message, messageId, personalData);
    const again = !result.ok && result.retry && attempt < retry.maxAttempts && !this.closed;
    const status = result.ok
      ? 'delivered'
      : result.refused
        ? 'refused'
        : again
          ? 'retrying'
          : 'failed';
    try {
      await storage.db
        .insertInto('alert_deliveries')
        .values({
          id: uuidv7(),
          staff_alert_id: message.alert.id,
          channel: channel.name,
          channel_kind: channel.kind,
          reason: message.reason,
          attempt,
          status,
          http_status: result.httpStatus ?? null,
          error: result.error ?? null,
          at: this.deps.now().toISOString(),
        })
        .execute();
    } catch (error) {
      log?.warn(
        { alertId: message.alert.id, errorMessage: (error as Error).message },
        'could not write the delivery log',
      );
    }
    const fields = {
      alertId: message.alert.id,
      channel: channel.name,
      kind: channel.kind,
      attempt,
      httpStatus: result.httpStatus,
      error: result.error,
    };
    if (result.ok) log?.info(fields, 'alert delivered');
    else log?.warn(fields, again ? 'alert delivery failed; will retry' : 'alert delivery failed');
    if (!again) return;
    const backoff = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
    const delay = Math.min(
      retry.maxDelayMs,
      Math.max(backoff, (result.retryAfterSeconds ?? 0) * 1000),
    );
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.attempt(message, channel, personalData, attempt + 1);
    }, delay);
    this.timers.add(timer);
  }
}
