// One attempt at one follow-up: an e-mail over the collector's SMTP relay, or an SMS through the
// operator's HTTP gateway (POST {to, text} with a bearer secret). The worker decides about
// retries; this only reports what happened, in words that never hold the address, the number,
// the gateway URL or the text (AttemptResult, as the alert senders report it).
import type { Transporter } from 'nodemailer';
import { sendErrorWords, webhookResult, type AttemptResult } from '../alerts/senders.ts';
import { smtpTransport, type SmtpSettings } from '../alerts/smtp.ts';
import { checkTarget, TargetError, type TargetPolicy } from '../alerts/targets.ts';
import { postWebhook } from '../alerts/webhook-post.ts';

export interface SmsGateway {
  /** The gateway's endpoint; checked against the target policy like a webhook. */
  url: string;
  /** Sent as "Authorization: Bearer <secret>". */
  secret: string;
}

export interface FollowUpMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
}

export interface FollowUpChannelsDeps {
  smtp: SmtpSettings | null;
  sms: SmsGateway | null;
  policy: TargetPolicy;
  timeoutMs: number;
}

const refused = (error: string): AttemptResult => ({
  ok: false,
  retry: false,
  refused: true,
  error,
});

export class FollowUpChannels {
  private transport: Transporter | null = null;
  private readonly deps: FollowUpChannelsDeps;

  constructor(deps: FollowUpChannelsDeps) {
    this.deps = deps;
  }

  /** Which channels the collector can send on at all. */
  get available(): { email: boolean; sms: boolean } {
    return { email: this.deps.smtp !== null, sms: this.deps.sms !== null };
  }

  async email(m: FollowUpMessage): Promise<AttemptResult> {
    const smtp = this.deps.smtp;
    if (!smtp) return refused('no SMTP server configured on the collector');
    this.transport ??= smtpTransport(smtp, this.deps.timeoutMs);
    try {
      // The same Message-ID on a retry lets a mail server or client drop the duplicate.
      await this.transport.sendMail({
        from: smtp.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        messageId: `<followup_${m.id}@lastword>`,
      });
      return { ok: true, retry: false };
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      return { ok: false, retry: code === undefined || code < 500, error: sendErrorWords(error) };
    }
  }

  async sms(m: FollowUpMessage): Promise<AttemptResult> {
    const gateway = this.deps.sms;
    if (!gateway) return refused('no SMS gateway configured on the collector');
    let target;
    try {
      target = await checkTarget(gateway.url, this.deps.policy);
    } catch (error) {
      return refused(
        error instanceof TargetError
          ? `SMS gateway refused: ${error.message}`
          : 'SMS gateway check failed',
      );
    }
    const body = JSON.stringify({ to: m.to, text: m.text });
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'lastword-collector',
      authorization: `Bearer ${gateway.secret}`,
      // The gateway may de-duplicate a retry by it.
      'idempotency-key': `followup_${m.id}`,
    };
    try {
      return webhookResult(await postWebhook(target, headers, body, this.deps.timeoutMs));
    } catch (error) {
      return { ok: false, retry: true, error: sendErrorWords(error) };
    }
  }

  close(): void {
    this.transport?.close();
    this.transport = null;
  }
}
