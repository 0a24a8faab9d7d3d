// Deliveries to outside channels as durable jobs (server/jobs/): a delivery is added in the
// transaction that raised its alert or claimed its escalation step, so it survives a restart and
// runs on one instance however many share the database. Each attempt is a row in
// alert_deliveries; a failure worth retrying adds the next attempt as a job due after a capped
// exponential backoff (longer if the receiver sent Retry-After), in the same transaction as that
// row. Every attempt of a message carries the same id (webhook-id, Message-ID), so a receiver
// de-duplicates the rare repeat (an instance killed between a receiver's 2xx and our commit).
// The job holds ids only: the message is built from the alert and routing as they stand when it
// is sent, so a comment removed meanwhile is not sent and a channel taken out of the routing is
// not called. Each channel gets at most `perChannelPerMinute` new messages a minute (a token
// bucket shared by all instances, server/token-buckets.ts): the rest are `refused` rows
// ("rate limited …") with one warning a minute.
import type { Logger } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { writeTransaction, type CollectorDb, type Storage } from '../db/open.ts';
import type { JobQueue } from '../jobs/queue.ts';
import { storedBuckets, type TakeResult } from '../token-buckets.ts';
import { personalPart, type AlertMessage, type MessageReason } from './messages.ts';
import { getRouting } from './routing-store.ts';
import type { Channel } from './rules.ts';
import type { AttemptResult, Senders } from './senders.ts';
import { readStaffAlert } from './store.ts';
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

/**
 * When to try again: capped exponential backoff, or longer when the receiver asked for it
 * (Retry-After). On the queue's clock (real time on both engines), not the collector's
 * injectable one. Alert deliveries, follow-ups and CRM events all retry this way.
 */
export function retryAt(retry: RetryPolicy, attempt: number, retryAfterSeconds = 0): Date {
  const backoff = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
  const delay = Math.min(retry.maxDelayMs, Math.max(backoff, retryAfterSeconds * 1000));
  return new Date(Date.now() + delay);
}

/** New messages (not retries) per channel per minute; a storm beyond it stays off the channel. */
export const DEFAULT_PER_CHANNEL_PER_MINUTE = 20;

export const DELIVERY_QUEUE = 'alert-delivery';

/** What a channel is told about an alert: the message without the alert's contents. */
export type Note = {
  alertId: string;
  reason: MessageReason;
  more?: { count: number; minutes: number };
};

/** One attempt at one channel, as a job. */
type DeliveryJob = Note & {
  location: string;
  channel: string;
  attempt: number;
  /** One id per alert, reason and channel, the same on every attempt. */
  messageId: string;
};

export interface DispatcherDeps {
  storage: Storage;
  jobs: JobQueue;
  senders: Senders;
  retry: RetryPolicy;
  perChannelPerMinute: number;
  now: () => Date;
  log: Logger | null;
}

function deliveryStatus(result: AttemptResult, again: boolean): DeliveryStatus {
  if (result.ok) return 'delivered';
  if (result.refused) return 'refused';
  return again ? 'retrying' : 'failed';
}

export class Dispatcher {
  private readonly deps: DispatcherDeps;
  private readonly buckets: { take(key: string): Promise<TakeResult> };
  /** Per channel target: the last minute a message was held back by the limit (one warning). */
  private readonly warnedMinute = new Map<string, number>();

  constructor(deps: DispatcherDeps) {
    this.deps = deps;
    const n = deps.perChannelPerMinute;
    this.buckets = storedBuckets(deps.storage, { perSecond: n / 60, burst: n }, () =>
      deps.now().getTime(),
    );
  }

  /** Starts running this instance's share of the deliveries. */
  start(): Promise<void> {
    return this.deps.jobs.work<DeliveryJob>(DELIVERY_QUEUE, (job) => this.run(job));
  }

  /** In the caller's transaction: one delivery job per channel. */
  async enqueue(trx: CollectorDb, note: Note, location: string, channels: string[]) {
    for (const channel of channels) {
      const more = note.more ? `_${note.more.count}` : '';
      const messageId = `msg_${note.alertId}_${note.reason}_${channel}${more}`;
      const job: DeliveryJob = { ...note, location, channel, attempt: 1, messageId };
      await this.deps.jobs.send(trx, DELIVERY_QUEUE, job);
    }
  }

  private async run(job: DeliveryJob): Promise<void> {
    const { storage, senders, log } = this.deps;
    if (await this.recorded(job)) return;
    const routing = await getRouting(storage, job.location);
    const channel = routing.channels.find((c) => c.name === job.channel);
    const alert = await readStaffAlert(storage, job.alertId);
    if (!channel || !alert) {
      // The routing lost the channel, or the alert was erased, since the job was added.
      log?.warn({ alertId: job.alertId, channel: job.channel }, 'alert delivery dropped');
      return;
    }
    const message: AlertMessage = {
      alert,
      reason: job.reason,
      ...(job.more && { more: job.more }),
    };
    const personalData = routing.personalDataInChannels;
    if (job.attempt === 1 && !(await this.withinLimit(channel))) {
      const error = `rate limited: more than ${this.deps.perChannelPerMinute} messages a minute to this channel`;
      const refused = { ok: false, retry: false, refused: true, error };
      await writeTransaction(storage, (trx) =>
        this.record(trx, job, channel, refused, 'refused', message, personalData),
      );
      return;
    }
    const result = await senders.send(channel, message, job.messageId, personalData);
    const again = !result.ok && result.retry && job.attempt < this.deps.retry.maxAttempts;
    const status = deliveryStatus(result, again);
    await writeTransaction(storage, async (trx) => {
      await this.record(trx, job, channel, result, status, message, personalData);
      if (again)
        await this.deps.jobs.send(
          trx,
          DELIVERY_QUEUE,
          { ...job, attempt: job.attempt + 1 },
          retryAt(this.deps.retry, job.attempt, result.retryAfterSeconds ?? 0),
        );
    });
    this.report(job, channel, result, again);
  }

  /** This attempt ran before, on an instance that died before the queue heard it was done. */
  private async recorded(job: DeliveryJob): Promise<boolean> {
    const row = await this.deps.storage.db
      .selectFrom('alert_deliveries')
      .select('id')
      .where('message_id', '=', job.messageId)
      .where('attempt', '=', job.attempt)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Takes a new message from its channel's bucket; false when the channel had its share. */
  private async withinLimit(channel: Channel): Promise<boolean> {
    const key = channel.kind === 'email' ? `email:${channel.to.join(',')}` : channel.url;
    if ((await this.buckets.take(`channel:${key}`)).ok) return true;
    const minute = Math.floor(this.deps.now().getTime() / 60_000);
    if (this.warnedMinute.get(key) !== minute) {
      this.warnedMinute.set(key, minute);
      this.deps.log?.warn(
        { channel: channel.name, limit: this.deps.perChannelPerMinute },
        'alert messages held back by the per-channel limit',
      );
    }
    return false;
  }

  /** A row in alert_deliveries, and whether the message (sent or not) held personal data. */
  private async record(
    trx: CollectorDb,
    job: DeliveryJob,
    channel: Channel,
    result: AttemptResult,
    status: DeliveryStatus,
    message: AlertMessage,
    personalData: boolean,
  ): Promise<void> {
    const carried = Object.keys(personalPart(message, channel.kind, personalData)).length > 0;
    await trx
      .insertInto('alert_deliveries')
      .values({
        id: uuidv7(),
        staff_alert_id: job.alertId,
        channel: channel.name,
        channel_kind: channel.kind,
        reason: job.reason,
        attempt: job.attempt,
        status,
        http_status: result.httpStatus ?? null,
        error: result.error ?? null,
        at: this.deps.now().toISOString(),
        personal_data: carried ? 1 : 0,
        message_id: job.messageId,
      })
      .execute();
  }

  private report(job: DeliveryJob, channel: Channel, result: AttemptResult, again: boolean) {
    const { log } = this.deps;
    const fields = {
      alertId: job.alertId,
      channel: channel.name,
      kind: channel.kind,
      attempt: job.attempt,
      httpStatus: result.httpStatus,
      error: result.error,
    };
    if (result.ok) log?.info(fields, 'alert delivered');
    else log?.warn(fields, again ? 'alert delivery failed; will retry' : 'alert delivery failed');
  }
}
