// A location's alert routing: which answers alert, when channels stay quiet, where alerts go and
// who is next when nobody acknowledges. Parsed strictly (an unknown key is a typo that would
// otherwise silently disable a rule). Set per location with `node server/cli.ts set-routing`;
// a location without one gets DEFAULT_ROUTING: staff page only, no outside channels. Its `it`
// section (it-rules.ts) routes IT alerts about its kiosks, apart from the staff rules.
import { z } from 'zod';
import { ClockTime } from '../../shared/config.ts';
import { atOrBelow, type Scores } from '../../shared/low-score.ts';
import type { StaffAlertPriority } from '../../shared/staff-api.ts';
import { ItRules } from './it-rules.ts';

const Minutes = z
  .number()
  .positive()
  .max(24 * 60);
export const ChannelName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lower-case letters, digits, - and _');

/** A Standard Webhooks secret: whsec_ followed by base64 (≥ 24 bytes). */
const WebhookSecret = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, 'must be whsec_<base64>')
  .refine(
    (s) => Buffer.from(s.slice(6), 'base64').length >= 24,
    'the key must be at least 24 bytes',
  );

const Webhook = z.strictObject({
  name: ChannelName,
  kind: z.enum(['slack', 'teams', 'generic']),
  url: z.url(),
  /** Required for kind "generic". */
  secret: WebhookSecret.optional(),
});

/** The signed events a CRM can subscribe to (server/alerts/crm-events.ts). */
export const CrmEventType = z.enum(['answer.finalized', 'alert.resolved']);
export type CrmEventType = z.infer<typeof CrmEventType>;

/** One CRM endpoint: signed like a generic webhook; contact details only when it says so. */
export const EventEndpoint = z.strictObject({
  url: z.url(),
  secret: WebhookSecret,
  events: z.array(CrmEventType).min(1),
  /** Send the customer's contact (only ever one they consented to give); off unless set. */
  includeContact: z.boolean().default(false),
});
export type EventEndpoint = z.infer<typeof EventEndpoint>;
const Email = z.strictObject({
  name: ChannelName,
  kind: z.literal('email'),
  to: z.array(z.email()).min(1).max(20),
});
export const Channel = z
  .discriminatedUnion('kind', [Webhook, Email])
  .refine((c) => c.kind !== 'generic' || c.secret, {
    message: 'a generic webhook needs a secret (whsec_…) so receivers can verify it',
  });
export type Channel = z.infer<typeof Channel>;

export const Routing = z
  .strictObject({
    /** A single answer at or below any of these alerts (kiosk low_score alerts are checked again here). */
    thresholds: z.strictObject({
      smiley: z.int().min(1).max(5).default(2),
      nps: z.int().min(0).max(10).optional(),
      ces: z.int().min(1).max(7).optional(),
    }),
    /** At least `percent` of the answers in the last `minutes` unhappy (smiley ≤ unhappyAtOrBelow), with at least `minAnswers`. */
    window: z
      .strictObject({
        minutes: Minutes,
        percent: z.number().min(1).max(100),
        minAnswers: z.int().min(1),
        unhappyAtOrBelow: z.int().min(1).max(5).default(2),
      })
      .optional(),
    /** Channels stay quiet in these local hours (the staff page still shows everything). */
    quietHours: z
      .strictObject({
        from: ClockTime,
        to: ClockTime,
        timezone: z.string().refine(validTimezone, 'unknown IANA time zone'),
        /** "Talk to someone now" is a person at the counter: by default it still goes out. */
        urgentStillAlerts: z.boolean().default(true),
      })
      .optional(),
    /** One message per kiosk per window; later low scores are counted and summarised once. */
    aggregationMinutes: Minutes.default(10),
    /** Received this long after createdAt counts as late (the kiosk was offline). */
    lateAfterMinutes: Minutes.default(2),
    channels: z.array(Channel).max(20).default([]),
    /** Signed events for a CRM (answer.finalized, alert.resolved), each endpoint its own. */
    events: z.array(EventEndpoint).max(10).default([]),
    /** Channel names told at once. */
    notify: z.array(ChannelName).default([]),
    /** Still open (not acknowledged) after `afterMinutes` → tell these channels too. */
    escalation: z
      .array(z.strictObject({ afterMinutes: Minutes, notify: z.array(ChannelName).min(1) }))
      .max(10)
      .default([]),
    /**
     * Comment and contact details in the generic webhook and e-mail. Off by default; Slack and
     * Teams never get them (their workspaces keep messages beyond our control).
     */
    personalDataInChannels: z.boolean().default(false),
    /** IT alerts about this location's kiosks (it-rules.ts); without it, the IT default's. */
    it: ItRules.optional(),
  })
  .superRefine((r, ctx) => {
    checkChannelNames(ctx, r.channels, [
      ...r.notify.map((n) => ['notify', n] as const),
      ...r.escalation.flatMap((s, i) => s.notify.map((n) => [`escalation.${i}`, n] as const)),
      ...(r.it?.notify ?? []).map((n) => ['it.notify', n] as const),
    ]);
    if (new Set(r.events.map((e) => e.url)).size !== r.events.length)
      ctx.addIssue({
        code: 'custom',
        path: ['events'],
        message: 'event endpoint URLs must be unique',
      });
    const after = r.escalation.map((s) => s.afterMinutes);
    if (after.some((m, i) => i > 0 && m <= after[i - 1]!))
      ctx.addIssue({
        code: 'custom',
        path: ['escalation'],
        message: 'steps must be in increasing afterMinutes',
      });
  });
export type Routing = z.infer<typeof Routing>;

/** Channel names unique, and every name a rule tells ([field, name]) one of them. */
export function checkChannelNames(
  ctx: z.RefinementCtx,
  channels: readonly Channel[],
  refs: readonly (readonly [string, string])[],
): void {
  const names = new Set(channels.map((c) => c.name));
  if (names.size !== channels.length)
    ctx.addIssue({ code: 'custom', path: ['channels'], message: 'channel names must be unique' });
  for (const [where, name] of refs) {
    if (!names.has(name))
      ctx.addIssue({ code: 'custom', path: [where], message: `no channel named "${name}"` });
  }
}

export const DEFAULT_ROUTING: Routing = Routing.parse({ thresholds: {} });

function validTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Minutes since local midnight at `at` in the zone. */
function localMinutes(at: Date, timezone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

/** True inside quiet hours; a range like 22:00–07:00 wraps past midnight. */
export function inQuietHours(routing: Routing, at: Date): boolean {
  const q = routing.quietHours;
  if (!q) return false;
  const toMin = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  const now = localMinutes(at, q.timezone);
  const from = toMin(q.from);
  const to = toMin(q.to);
  return from <= to ? now >= from && now < to : now >= from || now < to;
}

/** Whether channels stay quiet for an alert of this priority now: urgent ones may still go out. */
export function channelsQuiet(routing: Routing, priority: StaffAlertPriority, at: Date): boolean {
  return (
    inQuietHours(routing, at) && !(priority === 'urgent' && routing.quietHours?.urgentStillAlerts)
  );
}

/** A single answer's scores against the location's thresholds, by the survey's own rule. */
export function belowThreshold(routing: Routing, scores: Scores): boolean {
  return atOrBelow(routing.thresholds, scores);
}
