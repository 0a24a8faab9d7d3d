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
// ("rate limited …") with one warning a minute. Staff alerts are one kind of delivery; other
// kinds (IT alerts about kiosks, server/fleet/it-delivery.ts) bring their own queue, message and
// delivery log (a DeliveryKind) and share everything else here.
import type { Logger } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { writeTransaction, type CollectorDb, type Storage } from '../db/open.ts';
import type { JobData, JobQueue } from '../jobs/queue.ts';
import { storedBuckets, type TakeResult } from '../token-buckets.ts';
import {
  personalPart,
  staffMessage,
  type AlertMessage,
  type ChannelMessage,
  type MessageReason,
} from './messages.ts';
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

/** What every delivery job holds: one attempt at one channel. */
export interface DeliveryAttempt extends JobData {
  channel: string;
  attempt: number;
  /** One id per message and channel, the same on every attempt. */
  messageId: string;
}

/** One attempt at one channel about a staff alert, as a job. */
type DeliveryJob = Note & DeliveryAttempt & { location: string };

/** A job's channel and message as they stand when it runs. */
export interface Prepared {
  channel: Channel;
  message: ChannelMessage;
  /** The message carries comment or contact (logged as such, for erasure). */
  personalData: boolean;
}

/** What one attempt came to, for the delivery log. */
export interface AttemptRecord {
  channel: Channel;
  result: AttemptResult;
  status: DeliveryStatus;
  at: string;
  personalData: boolean;
}

/** One kind of news told to channels: its queue, how a job finds its message, its delivery log. */
export interface DeliveryKind<J extends DeliveryAttempt> {
  queue: string;
  /** The channel and message now; null drops the job (the channel or its subject is gone). */
  prepare(job: J): Promise<Prepared | null>;
  /** This attempt is in the log already: it ran on an instance that died before the queue heard. */
  recorded(job: J): Promise<boolean>;
  record(trx: CollectorDb, job: J, attempt: AttemptRecord): Promise<void>;
  /** Ids for the collector log (never message text). */
  logFields(job: J): Record<string, unknown>;
}

/**
 * Whether this attempt of this message is in its kind's delivery log already: a job run again
 * after a crash between logging and finishing must not send twice.
 */
export async function attemptRecorded(
  db: CollectorDb,
  log: 'alert_deliveries' | 'it_alert_deliveries',
  job: DeliveryAttempt,
): Promise<boolean> {
  const row = await db
    .selectFrom(log)
    .select('id')
    .where('message_id', '=', job.messageId)
    .where('attempt', '=', job.attempt)
    .executeTakeFirst();
  return row !== undefined;
}

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

  /** Starts running this instance's share of the staff alert deliveries. */
  start(): Promise<void> {
    return this.serve(this.staffAlerts);
  }

  /** Runs this instance's share of another kind's deliveries. */
  serve<J extends DeliveryAttempt>(kind: DeliveryKind<J>): Promise<void> {
    return this.deps.jobs.work<J>(kind.queue, (job) => this.run(kind, job));
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

  private readonly staffAlerts: DeliveryKind<DeliveryJob> = {
    queue: DELIVERY_QUEUE,
    prepare: async (job) => {
      const { storage } = this.deps;
      const routing = await getRouting(storage, job.location);
      const channel = routing.channels.find((c) => c.name === job.channel);
      const alert = await readStaffAlert(storage, job.alertId);
      // The routing lost the channel, or the alert was erased, since the job was added.
      if (!channel || !alert) return null;
      const m: AlertMessage = { alert, reason: job.reason, ...(job.more && { more: job.more }) };
      const personal = personalPart(m, channel.kind, routing.personalDataInChannels);
      return {
        channel,
        message: staffMessage(m, personal),
        personalData: Object.keys(personal).length > 0,
      };
    },
    recorded: (job) => attemptRecorded(this.deps.storage.db, 'alert_deliveries', job),
    record: async (trx, job, a) => {
      await trx
        .insertInto('alert_deliveries')
        .values({
          id: uuidv7(),
          staff_alert_id: job.alertId,
          channel: a.channel.name,
          channel_kind: a.channel.kind,
          reason: job.reason,
          attempt: job.attempt,
          status: a.status,
          http_status: a.result.httpStatus ?? null,
          error: a.result.error ?? null,
          at: a.at,
          personal_data: a.personalData ? 1 : 0,
          message_id: job.messageId,
        })
        .execute();
    },
    logFields: (job) => ({ alertId: job.alertId, channel: job.channel }),
  };

  private async run<J extends DeliveryAttempt>(kind: DeliveryKind<J>, job: J): Promise<void> {
    const { storage, senders, log } = this.deps;
    if (await kind.recorded(job)) return;
    const prepared = await kind.prepare(job);
    if (!prepared) {
      log?.warn(kind.logFields(job), 'alert delivery dropped');
      return;
    }
    const { channel, message, personalData } = prepared;
    const at = () => this.deps.now().toISOString();
    if (job.attempt === 1 && !(await this.withinLimit(channel))) {
      const error = `rate limited: more than ${this.deps.perChannelPerMinute} messages a minute to this channel`;
      const result = { ok: false, retry: false, refused: true, error };
      const attempt = { channel, result, status: 'refused' as const, at: at(), personalData };
      await writeTransaction(storage, (trx) => kind.record(trx, job, attempt));
      return;
    }
    const result = await senders.send(channel, message, job.messageId);
    const again = !result.ok && result.retry && job.attempt < this.deps.retry.maxAttempts;
    const status = deliveryStatus(result, again);
    await writeTransaction(storage, async (trx) => {
      await kind.record(trx, job, { channel, result, status, at: at(), personalData });
      if (again)
        await this.deps.jobs.send(
          trx,
          kind.queue,
          { ...job, attempt: job.attempt + 1 },
          retryAt(this.deps.retry, job.attempt, result.retryAfterSeconds ?? 0),
        );
    });
    this.report(kind.logFields(job), job, channel, result, again);
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

  private report(
    ids: Record<string, unknown>,
    job: DeliveryAttempt,
    channel: Channel,
    result: AttemptResult,
    again: boolean,
  ) {
    const { log } = this.deps;
    const fields = {
      ...ids,
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
