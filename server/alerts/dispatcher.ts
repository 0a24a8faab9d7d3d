// Deliveries to outside channels: each attempt is a row in alert_deliveries, failures are
// retried with capped exponential backoff (honouring Retry-After), and nothing here ever
// blocks a kiosk's request: the router hands over and returns. Retries live in memory, so a
// collector restart drops pending retries; the delivery log shows where they stopped. Each
// channel gets at most `perChannelPerMinute` new messages a minute: the rest are not sent, but
// each one is a `refused` row in the delivery log ("rate limited …") and every minute that held
// any back logs one warning with the count; the alerts themselves stay on the staff page.
import { v7 as uuidv7 } from 'uuid';
import type { Logger } from 'pino';
import type { Storage } from '../db/open.ts';
import { personalPart, type AlertMessage } from './messages.ts';
import type { Channel } from './rules.ts';
import type { AttemptResult, Senders } from './senders.ts';
import type { DeliveryStatus } from './tables.ts';

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

/** New messages (not retries) per channel per minute; a storm beyond it stays off the channel. */
export const DEFAULT_PER_CHANNEL_PER_MINUTE = 20;

export interface DispatcherDeps {
  storage: Storage;
  senders: Senders;
  retry: RetryPolicy;
  perChannelPerMinute: number;
  now: () => Date;
  log: Logger | null;
}

/** One channel's delivery of one message. */
interface Delivery {
  message: AlertMessage;
  channel: Channel;
  personalData: boolean;
  /** One id per alert, reason and channel, the same on every retry: receivers de-duplicate on it. */
  messageId: string;
}

/** The message (sent or held back) holds the customer's comment or contact. */
function carriesPersonalData(d: Delivery): boolean {
  return Object.keys(personalPart(d.message, d.channel.kind, d.personalData)).length > 0;
}

function deliveryStatus(result: AttemptResult, again: boolean): DeliveryStatus {
  if (result.ok) return 'delivered';
  if (result.refused) return 'refused';
  return again ? 'retrying' : 'failed';
}

export class Dispatcher {
  private readonly deps: DispatcherDeps;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  /** Per channel target: the minute it counts and how many it sent and held back in it. */
  private readonly sendsThisMinute = new Map<
    string,
    { minute: number; sent: number; held: number }
  >();
  private closed = false;

  constructor(deps: DispatcherDeps) {
    this.deps = deps;
  }

  /** Starts delivering to each channel; returns at once. */
  deliver(message: AlertMessage, channels: Channel[], personalData: boolean): void {
    for (const channel of channels) {
      const more = message.more ? `_${message.more.count}` : '';
      const messageId = `msg_${message.alert.id}_${message.reason}_${channel.name}${more}`;
      const delivery = { message, channel, personalData, messageId };
      if (this.withinLimit(channel)) this.attempt(delivery, 1);
      else this.holdBack(delivery);
    }
  }

  /** Counts a new message against its channel's minute; false when the minute is full. */
  private withinLimit(channel: Channel): boolean {
    const key = channel.kind === 'email' ? `email:${channel.to.join(',')}` : channel.url;
    const minute = Math.floor(this.deps.now().getTime() / 60_000);
    let count = this.sendsThisMinute.get(key);
    if (count?.minute !== minute) {
      if (count?.held)
        this.deps.log?.warn(
          { channel: channel.name, held: count.held, limit: this.deps.perChannelPerMinute },
          'alert messages held back by the per-channel limit',
        );
      count = { minute, sent: 0, held: 0 };
      this.sendsThisMinute.set(key, count);
    }
    if (count.sent < this.deps.perChannelPerMinute) {
      count.sent++;
      return true;
    }
    count.held++;
    return false;
  }

  /** Not sent, and said so: a refused row in the delivery log. */
  private holdBack(d: Delivery): void {
    const error = `rate limited: more than ${this.deps.perChannelPerMinute} messages a minute to this channel`;
    const run = this.record(d, 1, { ok: false, retry: false, refused: true, error }, 'refused');
    const tracked = run.finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
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

  private attempt(d: Delivery, attempt: number): void {
    if (this.closed) return;
    const run = this.run(d, attempt).finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  private async run(d: Delivery, attempt: number): Promise<void> {
    const { senders, retry } = this.deps;
    const result = await senders.send(d.channel, d.message, d.messageId, d.personalData);
    const again = !result.ok && result.retry && attempt < retry.maxAttempts && !this.closed;
    await this.record(d, attempt, result, deliveryStatus(result, again));
    this.report(d, attempt, result, again);
    if (again) this.retryLater(d, attempt, result.retryAfterSeconds ?? 0);
  }

  /** A row in alert_deliveries; failing to write it is logged, never fatal to the delivery. */
  private async record(
    d: Delivery,
    attempt: number,
    result: AttemptResult,
    status: DeliveryStatus,
  ): Promise<void> {
    try {
      await this.deps.storage.db
        .insertInto('alert_deliveries')
        .values({
          id: uuidv7(),
          staff_alert_id: d.message.alert.id,
          channel: d.channel.name,
          channel_kind: d.channel.kind,
          reason: d.message.reason,
          attempt,
          status,
          http_status: result.httpStatus ?? null,
          error: result.error ?? null,
          at: this.deps.now().toISOString(),
          personal_data: carriesPersonalData(d) ? 1 : 0,
        })
        .execute();
    } catch (error) {
      this.deps.log?.warn(
        { alertId: d.message.alert.id, errorMessage: (error as Error).message },
        'could not write the delivery log',
      );
    }
  }

  private report(d: Delivery, attempt: number, result: AttemptResult, again: boolean): void {
    const { log } = this.deps;
    const fields = {
      alertId: d.message.alert.id,
      channel: d.channel.name,
      kind: d.channel.kind,
      attempt,
      httpStatus: result.httpStatus,
      error: result.error,
    };
    if (result.ok) log?.info(fields, 'alert delivered');
    else log?.warn(fields, again ? 'alert delivery failed; will retry' : 'alert delivery failed');
  }

  /** Capped exponential backoff, or longer when the receiver asked for it (Retry-After). */
  private retryLater(d: Delivery, attempt: number, retryAfterSeconds: number): void {
    const { retry } = this.deps;
    const backoff = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
    const delay = Math.min(retry.maxDelayMs, Math.max(backoff, retryAfterSeconds * 1000));
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.attempt(d, attempt + 1);
    }, delay);
    this.timers.add(timer);
  }
}
