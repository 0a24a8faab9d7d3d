// The follow-up settings: the SMTP relay and target policy are the alert service's
// (LASTWORD_SMTP_*, LASTWORD_WEBHOOK_ALLOW_HOSTS: one relay, one rule for outside hosts); the
// rest belongs to whoever runs the collector:
//   LASTWORD_SMS_GATEWAY_URL     the HTTP SMS gateway follow-ups are POSTed to ({to, text});
//                                no SMS follow-ups without it
//   LASTWORD_SMS_GATEWAY_SECRET  sent as "Authorization: Bearer …"; required with the URL
//   LASTWORD_FOLLOW_UPS_PER_HOUR follow-ups one staff account may send an hour (20)
import { z } from 'zod';
import type { SmtpSettings } from '../alerts/smtp.ts';
import type { TargetPolicy } from '../alerts/targets.ts';
import type { SmsGateway } from './channels.ts';

export interface FollowUpOptions {
  smtp?: SmtpSettings | null;
  sms?: SmsGateway | null;
  policy: TargetPolicy;
  retry?: Partial<{ maxAttempts: number; baseDelayMs: number; maxDelayMs: number }>;
  perAccountPerHour?: number;
  sendTimeoutMs?: number;
}

const Env = z
  .object({
    LASTWORD_SMS_GATEWAY_URL: z.url({ protocol: /^https?$/ }).optional(),
    LASTWORD_SMS_GATEWAY_SECRET: z.string().min(8).optional(),
    LASTWORD_FOLLOW_UPS_PER_HOUR: z.coerce.number().int().min(1).max(10_000).optional(),
  })
  .refine((e) => !e.LASTWORD_SMS_GATEWAY_URL || e.LASTWORD_SMS_GATEWAY_SECRET, {
    message: 'required with LASTWORD_SMS_GATEWAY_URL',
    path: ['LASTWORD_SMS_GATEWAY_SECRET'],
  });

/** What main.ts reads; the SMTP relay and policy come from the alert settings. */
export function followUpSettingsFromEnv(
  env: NodeJS.ProcessEnv,
): Pick<FollowUpOptions, 'sms' | 'perAccountPerHour'> {
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success)
    throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
  const e = parsed.data;
  return {
    sms: e.LASTWORD_SMS_GATEWAY_URL
      ? { url: e.LASTWORD_SMS_GATEWAY_URL, secret: e.LASTWORD_SMS_GATEWAY_SECRET! }
      : null,
    ...(e.LASTWORD_FOLLOW_UPS_PER_HOUR && { perAccountPerHour: e.LASTWORD_FOLLOW_UPS_PER_HOUR }),
  };
}
