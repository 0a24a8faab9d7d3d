// The collector's SMTP relay, as every mail it sends uses it (alert e-mails, follow-ups to
// customers): the operator's settings (LASTWORD_SMTP_*, settings.ts) and the one way a nodemailer
// transport is made from them, so that TLS is required and every wait is bounded the same way
// for each kind of mail.
import nodemailer, { type Transporter } from 'nodemailer';

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS, required unless allowPlaintext. */
  secure?: boolean;
  /**
   * Send without TLS when the server offers no STARTTLS: only for a relay on the same host or
   * network (LASTWORD_SMTP_ALLOW_PLAINTEXT=1). Off, a missing STARTTLS fails the send instead of
   * putting messages and credentials on the wire in clear.
   */
  allowPlaintext?: boolean;
  user?: string;
  pass?: string;
  from: string;
}

/** A pooled-by-nodemailer transport to the relay; each wait (connect, greeting, socket) bounded. */
export function smtpTransport(smtp: SmtpSettings, timeoutMs: number): Transporter {
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure ?? false,
    requireTLS: !smtp.secure && !smtp.allowPlaintext,
    ...(smtp.user && { auth: { user: smtp.user, pass: smtp.pass ?? '' } }),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
}
