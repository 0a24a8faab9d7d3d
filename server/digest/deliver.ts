// Mails one subscriber one week's digest (a digest.deliver job from claim.ts). The delivery row
// says whether it already went, so a job run twice (a retry after a crash between the send and
// the update, a second instance) mails at most once more, and never again once marked sent. A
// subscription that ended, an account disabled or moved away from the location, is skipped.
// The digest is built when it is sent, from the answers as they are then.
import type { Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { sendErrorWords } from '../alerts/senders.ts';
import { smtpTransport, type SmtpSettings } from '../alerts/smtp.ts';
import type { Storage } from '../db/open.ts';
import { JOB_RETRIES } from '../jobs/queue.ts';
import { checkedPlaces } from '../reports/places.ts';
import { getUser } from '../staff/users.ts';
import type { DeliverJob } from './claim.ts';
import { buildDigest } from './digest.ts';
import { digestMail } from './mail.ts';
import type { DigestSchedule } from './schedule.ts';
import type { DeliveryStatus } from './tables.ts';

export interface DeliverDeps {
  storage: Storage;
  schedule: DigestSchedule;
  smtp: SmtpSettings | null;
  /** The collector's address as people reach it (links in the mail); none: no links. */
  publicUrl: string | null;
  now: () => Date;
  log: Logger | null;
  timeoutMs: number;
}

export class DigestDeliverer {
  private transport: Transporter | null = null;
  private readonly deps: DeliverDeps;

  constructor(deps: DeliverDeps) {
    this.deps = deps;
  }

  readonly deliver = async (job: DeliverJob): Promise<void> => {
    const { storage } = this.deps;
    const row = await storage.db
      .selectFrom('digest_deliveries')
      .select(['status', 'attempts'])
      .where('location_id', '=', job.locationId)
      .where('week', '=', job.week)
      .where('subscriber_id', '=', job.subscriberId)
      .executeTakeFirst();
    if (!row || row.status === 'sent' || row.status === 'skipped') return;
    const attempt = row.attempts + 1;
    const sub = await storage.db
      .selectFrom('digest_subscribers')
      .innerJoin('locations', 'locations.id', 'digest_subscribers.location_id')
      .select(['email', 'unsubscribe_token', 'user_id', 'locations.name as location'])
      .where('digest_subscribers.id', '=', job.subscriberId)
      .executeTakeFirst();
    const why = sub ? await this.skipReason(sub) : 'unsubscribed';
    if (why || !sub) return this.mark(job, 'skipped', attempt, why);
    if (!this.deps.smtp) return this.mark(job, 'failed', attempt, 'no SMTP server configured');
    const [place] = await checkedPlaces(
      storage,
      { visible: 'all', verb: 'mail' },
      [job.locationId],
      undefined,
    );
    const digest = await buildDigest(
      storage,
      place!,
      job.week,
      this.deps.schedule,
      this.deps.now(),
    );
    const base = this.deps.publicUrl;
    const unsubscribe = base ? `${base}/digest/unsubscribe/${sub.unsubscribe_token}` : undefined;
    const mail = digestMail(digest, {
      ...(base && { poster: `${base}/staff/digest?location=${job.locationId}&week=${job.week}` }),
      ...(unsubscribe && { unsubscribe }),
    });
    this.transport ??= smtpTransport(this.deps.smtp, this.deps.timeoutMs);
    try {
      await this.transport.sendMail({
        from: this.deps.smtp.from,
        to: sub.email,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        // The same Message-ID on a second run lets a mail server or client drop the duplicate.
        messageId: `<digest-${job.locationId}-${job.week}-${job.subscriberId}@lastword>`,
        // RFC 8058 one-click unsubscribe: mail clients show their own "unsubscribe" button.
        ...(unsubscribe && {
          list: { unsubscribe },
          headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        }),
      });
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      const permanent = code !== undefined && code >= 500;
      // The queue tries a throwing job again JOB_RETRIES times; the last failure is final.
      const final = permanent || attempt > JOB_RETRIES;
      await this.mark(job, final ? 'failed' : 'pending', attempt, sendErrorWords(error));
      this.deps.log?.warn(
        { locationId: job.locationId, week: job.week, error: sendErrorWords(error), final },
        'weekly digest not delivered',
      );
      if (!final) throw error;
      return;
    }
    await this.mark(job, 'sent', attempt, null);
  };

  /** Why an account's own subscription no longer gets mail; null when it does. */
  private async skipReason(sub: { user_id: string | null; location: string }) {
    if (sub.user_id === null) return null;
    const user = await getUser(this.deps.storage, sub.user_id);
    if (!user || user.disabled) return 'account disabled';
    if (user.role === 'staff' && !user.locations.includes(sub.location))
      return 'account no longer at this location';
    return null;
  }

  private async mark(
    job: DeliverJob,
    status: DeliveryStatus,
    attempts: number,
    error: string | null,
  ): Promise<void> {
    await this.deps.storage.db
      .updateTable('digest_deliveries')
      .set({ status, attempts, error, updated_at: this.deps.now().toISOString() })
      .where('location_id', '=', job.locationId)
      .where('week', '=', job.week)
      .where('subscriber_id', '=', job.subscriberId)
      .execute();
  }

  close(): void {
    this.transport?.close();
    this.transport = null;
  }
}
