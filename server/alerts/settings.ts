// The alert service's operator settings from the environment (main.ts). Per-location rules and
// channels live in the database (set-routing); what is here belongs to whoever runs the
// collector: the SMTP relay and which private hosts webhooks may reach.
//   LASTWORD_SMTP_HOST, LASTWORD_SMTP_PORT (587), LASTWORD_SMTP_SECURE (1 = TLS from the start),
//   LASTWORD_SMTP_USER, LASTWORD_SMTP_PASS, LASTWORD_SMTP_FROM
//   LASTWORD_SMTP_ALLOW_PLAINTEXT  1 = send in clear when the server offers no STARTTLS: only for
//                                  a local relay. Off by default: STARTTLS is required.
//   LASTWORD_WEBHOOK_ALLOW_HOSTS   comma-separated hosts exempt from the target checks (an
//                                  internal relay, say); empty by default
import { z } from 'zod';
import type { AlertServiceOptions } from './service.ts';

const Env = z.object({
  LASTWORD_SMTP_HOST: z.string().min(1).optional(),
  LASTWORD_SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  LASTWORD_SMTP_SECURE: z.enum(['0', '1', 'true', 'false']).default('0'),
  LASTWORD_SMTP_ALLOW_PLAINTEXT: z.enum(['0', '1', 'true', 'false']).default('0'),
  LASTWORD_SMTP_USER: z.string().min(1).optional(),
  LASTWORD_SMTP_PASS: z.string().optional(),
  LASTWORD_SMTP_FROM: z.string().min(3).default('Lastword <lastword@localhost>'),
  LASTWORD_WEBHOOK_ALLOW_HOSTS: z.string().default(''),
});

export function alertSettingsFromEnv(env: NodeJS.ProcessEnv): AlertServiceOptions {
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success)
    throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
  const e = parsed.data;
  return {
    targets: {
      allowHosts: e.LASTWORD_WEBHOOK_ALLOW_HOSTS.split(',')
        .map((h) => h.trim())
        .filter(Boolean),
    },
    smtp: e.LASTWORD_SMTP_HOST
      ? {
          host: e.LASTWORD_SMTP_HOST,
          port: e.LASTWORD_SMTP_PORT,
          secure: e.LASTWORD_SMTP_SECURE === '1' || e.LASTWORD_SMTP_SECURE === 'true',
          allowPlaintext:
            e.LASTWORD_SMTP_ALLOW_PLAINTEXT === '1' || e.LASTWORD_SMTP_ALLOW_PLAINTEXT === 'true',
          ...(e.LASTWORD_SMTP_USER && { user: e.LASTWORD_SMTP_USER }),
          ...(e.LASTWORD_SMTP_PASS && { pass: e.LASTWORD_SMTP_PASS }),
          from: e.LASTWORD_SMTP_FROM,
        }
      : null,
  };
}
