// One attempt at one channel: a webhook POST or an SMTP message. The dispatcher decides about
// retries; a sender only reports what happened, in words that never include the URL (Slack and
// Teams URLs are the credential) or the message body (it may hold personal data).
import { createHmac } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import type { Channel } from './rules.ts';
import { emailText, slackBody, teamsBody, type ChannelMessage } from './messages.ts';
import { smtpTransport, type SmtpSettings } from './smtp.ts';
import { checkTarget, TargetError, type CheckedTarget, type TargetPolicy } from './targets.ts';
import { postWebhook, type WebhookReply } from './webhook-post.ts';

export interface AttemptResult {
  ok: boolean;
  /** Worth another try (timeouts, 5xx, 429, connection errors); a 4xx or a refused target is not. */
  retry: boolean;
  /** Seconds the receiver asked us to wait (Retry-After). */
  retryAfterSeconds?: number;
  httpStatus?: number;
  error?: string;
  refused?: boolean;
}

/** Standard Webhooks: base64 HMAC-SHA256 over "<id>.<timestamp>.<body>" with the decoded whsec_ key. */
export function signStandardWebhook(
  secret: string,
  id: string,
  timestampSeconds: number,
  body: string,
): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;
}

export interface SenderDeps {
  policy: TargetPolicy;
  smtp: SmtpSettings | null;
  now: () => Date;
  timeoutMs: number;
}

export class Senders {
  private transport: Transporter | null = null;
  private readonly deps: SenderDeps;

  constructor(deps: SenderDeps) {
    this.deps = deps;
  }

  /** One attempt at `channel` with a message already made for its kind (and its personal data). */
  async send(channel: Channel, message: ChannelMessage, messageId: string): Promise<AttemptResult> {
    if (channel.kind === 'email') return this.sendMail(channel.to, message, messageId);
    let target: CheckedTarget;
    try {
      target = await checkTarget(channel.url, this.deps.policy);
    } catch (error) {
      return refused(
        error instanceof TargetError ? `target refused: ${error.message}` : 'target check failed',
      );
    }
    const { body, headers } = this.webhookRequest(channel, message, messageId);
    try {
      return webhookResult(await postWebhook(target, headers, body, this.deps.timeoutMs));
    } catch (error) {
      return { ok: false, retry: true, error: sendErrorWords(error) };
    }
  }

  /** The JSON each kind of webhook expects; the generic one signed as Standard Webhooks asks. */
  private webhookRequest(
    channel: Exclude<Channel, { kind: 'email' }>,
    message: ChannelMessage,
    messageId: string,
  ): { body: string; headers: Record<string, string> } {
    const body = JSON.stringify(
      channel.kind === 'slack'
        ? slackBody(message)
        : channel.kind === 'teams'
          ? teamsBody(message)
          : message.generic,
    );
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'lastword-collector',
    };
    if (channel.kind === 'generic') {
      const ts = Math.floor(this.deps.now().getTime() / 1000);
      Object.assign(headers, {
        'webhook-id': messageId,
        'webhook-timestamp': String(ts),
        'webhook-signature': signStandardWebhook(channel.secret!, messageId, ts, body),
      });
    }
    return { body, headers };
  }

  private async sendMail(
    to: string[],
    message: ChannelMessage,
    messageId: string,
  ): Promise<AttemptResult> {
    const smtp = this.deps.smtp;
    if (!smtp) return refused('no SMTP server configured on the collector');
    this.transport ??= smtpTransport(smtp, this.deps.timeoutMs);
    const { subject, text } = emailText(message);
    try {
      // The same Message-ID on a retry lets a mail server or client drop the duplicate.
      await this.transport.sendMail({
        from: smtp.from,
        to,
        subject,
        text,
        messageId: `<${messageId}@lastword>`,
      });
      return { ok: true, retry: false };
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      return { ok: false, retry: code === undefined || code < 500, error: sendErrorWords(error) };
    }
  }

  close(): void {
    this.transport?.close();
    this.transport = null;
  }
}

/** Not attempted, and not worth retrying: the channel cannot be reached as configured. */
function refused(error: string): AttemptResult {
  return { ok: false, retry: false, refused: true, error };
}

/** A receiver's answer; 5xx, 429 and 408 are worth another try, honouring its Retry-After. */
export function webhookResult(res: WebhookReply): AttemptResult {
  if (res.status >= 200 && res.status < 300)
    return { ok: true, retry: false, httpStatus: res.status };
  const retryAfter = Number(res.retryAfter);
  return {
    ok: false,
    retry: res.status >= 500 || res.status === 429 || res.status === 408,
    httpStatus: res.status,
    error: `HTTP ${res.status}`,
    ...(Number.isFinite(retryAfter) && retryAfter > 0 && { retryAfterSeconds: retryAfter }),
  };
}

/** An error's code or class, never its message text (it can quote the URL). */
export function sendErrorWords(error: unknown): string {
  const e = error as {
    name?: string;
    code?: string;
    responseCode?: number;
    cause?: { code?: string };
  };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timeout';
  if (e?.responseCode) return `SMTP ${e.responseCode}`;
  return e?.cause?.code ?? e?.code ?? e?.name ?? 'error';
}
