// Follow-ups to customers who asked to be contacted (issue 11 §5). Sending is a row in follow_ups
// (queued) and a job naming only its id, in one transaction, so a restart loses nothing and the
// job queue holds no customer text; the worker sends, records sent or failed, and on a transient
// error (timeout, SMTP 4xx, gateway 5xx/429) adds the next attempt after a capped backoff. Every
// change is announced as an update of the alert it came from, so the card shows "delivered"
// live. Rate limits: one follow-up per customer (answer) a day unless a manager or admin sends it,
// and `perAccountPerHour` per staff account. Logs carry ids, channel, status and error words only.
import type { Logger } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import type {
  FollowUpChannel,
  FollowUpDraft,
  FollowUpDraftQuery,
  FollowUpEntry,
  SendFollowUpBody,
} from '../../shared/follow-up-api.ts';
import { recordAlertEvents } from '../alerts/alert-events.ts';
import { retryAt } from '../alerts/dispatcher.ts';
import type { AlertFeed } from '../alerts/feed.ts';
import type { AttemptResult } from '../alerts/senders.ts';
import { writeTransaction, type CollectorDb, type Storage } from '../db/open.ts';
import { fromJson, toIso } from '../db/values.ts';
import { HttpError } from '../errors.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { StaffUser } from '../staff/users.ts';
import type { Contact } from '../../shared/answer.ts';
import { FollowUpChannels } from './channels.ts';
import { entryOf, followUpLog } from './log.ts';
import { addressFor, followUpTarget, type FollowUpTarget } from './target.ts';
import { templatesFor } from './templates.ts';
import type { FollowUpOptions } from './settings.ts';

export const FOLLOW_UP_QUEUE = 'follow-up';
export const DEFAULT_PER_ACCOUNT_PER_HOUR = 20;
const DAY_MS = 24 * 60 * 60_000;
const HOUR_MS = 60 * 60_000;

interface FollowUpJob extends Record<string, unknown> {
  id: string;
  attempt: number;
}

export interface FollowUpDeps {
  storage: Storage;
  jobs: JobQueue;
  feed: AlertFeed;
  now: () => Date;
  log: Logger | null;
}

const clockOf = (d: Date) => d.toISOString().slice(11, 16);

export class FollowUpService {
  private readonly deps: FollowUpDeps;
  private readonly channels: FollowUpChannels;
  private readonly retry: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
  private readonly perAccountPerHour: number;

  constructor(deps: FollowUpDeps, opts: FollowUpOptions) {
    this.deps = deps;
    this.channels = new FollowUpChannels({
      smtp: opts.smtp ?? null,
      sms: opts.sms ?? null,
      policy: opts.policy,
      timeoutMs: opts.sendTimeoutMs ?? 10_000,
    });
    this.retry = { maxAttempts: 5, baseDelayMs: 5_000, maxDelayMs: 10 * 60_000, ...opts.retry };
    this.perAccountPerHour = opts.perAccountPerHour ?? DEFAULT_PER_ACCOUNT_PER_HOUR;
  }

  /** Starts running this instance's share of the sends. */
  start(): Promise<void> {
    return this.deps.jobs.work<FollowUpJob>(FOLLOW_UP_QUEUE, (job) => this.run(job));
  }

  close(): void {
    this.channels.close();
  }

  private channelsFor(target: FollowUpTarget): FollowUpChannel[] {
    const can = this.channels.available;
    const list: FollowUpChannel[] = [];
    if (target.contact.email && can.email) list.push('email');
    if (target.contact.phone && can.sms) list.push('sms');
    return list;
  }

  async draft(user: StaffUser, q: FollowUpDraftQuery): Promise<FollowUpDraft> {
    const target = await followUpTarget(this.deps.storage, user, q);
    const templates = templatesFor(target.language, {
      name: target.contact.name,
      location: target.location,
      staff: user.displayName,
    });
    const log = await followUpLog(this.deps.storage, 'answer_id', [target.answerId]);
    return {
      language: target.language,
      channels: this.channelsFor(target),
      templates,
      log: log.get(target.answerId) ?? [],
    };
  }

  async send(user: StaffUser, body: SendFollowUpBody): Promise<FollowUpEntry> {
    const { storage, now } = this.deps;
    const target = await followUpTarget(storage, user, body);
    addressFor(target, body.channel);
    if (!this.channels.available[body.channel])
      throw new HttpError(
        409,
        'channel_unavailable',
        body.channel === 'email'
          ? 'no SMTP server is configured on the collector: e-mail follow-ups cannot be sent'
          : 'no SMS gateway is configured on the collector: SMS follow-ups cannot be sent',
      );
    const at = now();
    const subject =
      body.subject ??
      templatesFor(target.language, {
        name: target.contact.name,
        location: target.location,
        staff: user.displayName,
      }).find((t) => t.id === body.template)!.subject;
    const id = uuidv7();
    const row = await writeTransaction(storage, async (trx) => {
      await this.checkLimits(trx, user, target, at);
      const values = {
        id,
        answer_id: target.answerId,
        alert_id: target.alertId,
        channel: body.channel,
        template: body.template,
        language: target.language,
        subject,
        body: body.text,
        sent_by: user.id,
        created_at: at.toISOString(),
        updated_at: at.toISOString(),
        status: 'queued' as const,
        error: null,
        attempts: 0,
        redacted_at: null,
      };
      await trx.insertInto('follow_ups').values(values).execute();
      await this.deps.jobs.send<FollowUpJob>(trx, FOLLOW_UP_QUEUE, { id, attempt: 1 });
      await this.announce(trx, target.alertId, at);
      return values;
    });
    await this.deps.feed.poll();
    this.deps.log?.info({ followUpId: id, channel: body.channel, by: user.id }, 'follow-up queued');
    return entryOf(row, new Map([[user.id, user.displayName]]));
  }

  /** 429 when this customer had one within a day (staff only) or the account used its hour. */
  private async checkLimits(
    trx: CollectorDb,
    user: StaffUser,
    target: FollowUpTarget,
    at: Date,
  ): Promise<void> {
    if (this.deps.storage.engine === 'postgres') {
      // Two sends at once would each count only what is committed and both pass. Each waits for
      // the other on the answer's row, then the account's (one order for every sender, so no
      // deadlock); read committed then counts the row the first one wrote. SQLite's single
      // writer already runs them one after the other.
      await trx
        .selectFrom('answers')
        .select('id')
        .where('id', '=', target.answerId)
        .forUpdate()
        .execute();
      await trx
        .selectFrom('staff_users')
        .select('id')
        .where('id', '=', user.id)
        .forUpdate()
        .execute();
    }
    if (user.role === 'staff') {
      const last = await trx
        .selectFrom('follow_ups')
        .select('created_at')
        .where('answer_id', '=', target.answerId)
        .where('status', '!=', 'failed')
        .where('created_at', '>', new Date(at.getTime() - DAY_MS).toISOString())
        .orderBy('created_at', 'desc')
        .executeTakeFirst();
      if (last) {
        const since = new Date(toIso(last.created_at)!);
        const wait = Math.ceil((since.getTime() + DAY_MS - at.getTime()) / 1000);
        throw new HttpError(
          429,
          'rate_limited',
          `this customer was already followed up at ${clockOf(since)} UTC: one follow-up per customer a day (a manager may send another)`,
          {
            headers: { 'retry-after': String(Math.max(1, wait)) },
            extra: { retryAfterSeconds: Math.max(1, wait) },
          },
        );
      }
    }
    const hourAgo = new Date(at.getTime() - HOUR_MS).toISOString();
    const sent = await trx
      .selectFrom('follow_ups')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('sent_by', '=', user.id)
      .where('created_at', '>', hourAgo)
      .executeTakeFirstOrThrow();
    if (Number(sent.n) >= this.perAccountPerHour)
      throw new HttpError(
        429,
        'rate_limited',
        `you sent ${this.perAccountPerHour} follow-ups in the last hour, the most an account may: try again later`,
        { headers: { 'retry-after': '600' }, extra: { retryAfterSeconds: 600 } },
      );
  }

  private async announce(trx: CollectorDb, alertId: string | null, at: Date): Promise<void> {
    if (alertId) await recordAlertEvents(trx, this.deps.storage, [{ alertId, type: 'update' }], at);
  }

  /** One attempt; a retry is a new job, so a restart between attempts loses nothing. */
  private async run(job: FollowUpJob): Promise<void> {
    const { storage, log } = this.deps;
    const row = await storage.db
      .selectFrom('follow_ups')
      .selectAll()
      .where('id', '=', job.id)
      .executeTakeFirst();
    // Done, or this attempt already ran on an instance that died before the queue heard of it.
    if (!row || row.status !== 'queued' || row.attempts >= job.attempt) return;
    const answer = await storage.db
      .selectFrom('answers')
      .select(['contact', 'redacted_at'])
      .where('id', '=', row.answer_id)
      .executeTakeFirst();
    const contact = answer?.contact ? fromJson<Contact>(answer.contact) : null;
    const to = row.channel === 'email' ? contact?.email : contact?.phone;
    let result: AttemptResult;
    if (!to || row.body === null)
      // Redacted (retention, erasure) between the click and the send: nobody to write to now.
      result = { ok: false, retry: false, error: 'contact removed for privacy before sending' };
    else {
      const message = { id: row.id, to, subject: row.subject ?? '', text: row.body };
      result =
        row.channel === 'email'
          ? await this.channels.email(message)
          : await this.channels.sms(message);
    }
    const again = !result.ok && result.retry && job.attempt < this.retry.maxAttempts;
    const status = result.ok ? 'sent' : again ? 'queued' : 'failed';
    const at = this.deps.now();
    await writeTransaction(storage, async (trx) => {
      await trx
        .updateTable('follow_ups')
        .set({
          status,
          attempts: job.attempt,
          error: result.ok ? null : (result.error ?? 'error'),
          updated_at: at.toISOString(),
        })
        .where('id', '=', row.id)
        .execute();
      if (again)
        await this.deps.jobs.send<FollowUpJob>(
          trx,
          FOLLOW_UP_QUEUE,
          { id: row.id, attempt: job.attempt + 1 },
          retryAt(this.retry, job.attempt, result.retryAfterSeconds ?? 0),
        );
      await this.announce(trx, row.alert_id, at);
    });
    await this.deps.feed.poll();
    const fields = {
      followUpId: row.id,
      channel: row.channel,
      attempt: job.attempt,
      status,
      error: result.error,
    };
    if (result.ok) log?.info(fields, 'follow-up sent');
    else log?.warn(fields, again ? 'follow-up failed; will retry' : 'follow-up failed');
  }
}
