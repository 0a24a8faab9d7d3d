// The collector's one way to open an SMTP connection, shared by alert e-mails and the weekly
// digest: TLS required unless the relay is declared local (allowPlaintext), and every wait
// bounded, so a silent mail server holds a job for seconds, not forever.
import nodemailer, { type Transporter } from 'nodemailer';
import type { SmtpSettings } from './alerts/senders.ts';

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
