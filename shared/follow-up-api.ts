// The staff API for follow-ups (/staff/api/follow-ups): a message staff send to a customer who
// asked to be contacted, from an alert card or the comment feed. Strict objects, as in
// staff-api.ts: both ends parse with these.
import { z } from 'zod';
import { StaffText } from './staff-text.ts';

const Instant = z.iso.datetime();

export const FollowUpChannel = z.enum(['email', 'sms']);
export type FollowUpChannel = z.infer<typeof FollowUpChannel>;
export const FollowUpStatus = z.enum(['queued', 'sent', 'failed']);
export type FollowUpStatus = z.infer<typeof FollowUpStatus>;
export const FollowUpTemplateId = z.enum(['apology', 'thanks']);
export type FollowUpTemplateId = z.infer<typeof FollowUpTemplateId>;

/** At most this many characters of text: an SMS gateway splits longer ones, a mail stays short. */
export const FOLLOW_UP_MAX_TEXT = 1000;

/** One message in the log, as the alert card and the comment feed show it. Never its text. */
export const FollowUpEntry = z.strictObject({
  id: z.string().min(1),
  channel: FollowUpChannel,
  template: z.string(),
  /** The sender's display name now (or the account id, should the account be gone). */
  sentBy: z.string(),
  createdAt: Instant,
  updatedAt: Instant,
  status: FollowUpStatus,
  /** Why it failed, in words that never hold the address or the text. */
  error: z.string().nullable(),
  attempts: z.int().min(0),
});
export type FollowUpEntry = z.infer<typeof FollowUpEntry>;

/** Which customer: the answer behind an alert card, or a comment in the feed. */
const Target = {
  alertId: StaffText().min(1).max(64).optional(),
  answerId: z.uuid().optional(),
};
const oneTarget = (t: { alertId?: string | undefined; answerId?: string | undefined }) =>
  (t.alertId === undefined) !== (t.answerId === undefined);
const ONE_TARGET = { message: 'give alertId or answerId (one of them)', path: ['alertId'] };

/** GET /staff/api/follow-ups/draft?alertId=… (or answerId): what the send form starts from. */
export const FollowUpDraftQuery = z.strictObject(Target).refine(oneTarget, ONE_TARGET);
export type FollowUpDraftQuery = z.infer<typeof FollowUpDraftQuery>;

export const FollowUpTemplate = z.strictObject({
  id: FollowUpTemplateId,
  name: z.string(),
  subject: z.string(),
  /** With the customer's name, the location and the sender filled in. */
  text: z.string(),
});
export type FollowUpTemplate = z.infer<typeof FollowUpTemplate>;

export const FollowUpDraft = z.strictObject({
  /** The templates' language: the answer's, or English when there are none in it. */
  language: z.string(),
  /** The channels the customer left an address for (and the collector can send on). */
  channels: z.array(FollowUpChannel),
  templates: z.array(FollowUpTemplate),
  /** What was sent about this answer so far, oldest first. */
  log: z.array(FollowUpEntry),
});
export type FollowUpDraft = z.infer<typeof FollowUpDraft>;

/** POST /staff/api/follow-ups: the text as staff left it after editing the template's. */
export const SendFollowUpBody = z
  .strictObject({
    ...Target,
    channel: FollowUpChannel,
    template: FollowUpTemplateId,
    subject: StaffText().trim().min(1).max(200).optional(),
    text: StaffText().trim().min(1).max(FOLLOW_UP_MAX_TEXT),
  })
  .refine(oneTarget, ONE_TARGET);
export type SendFollowUpBody = z.infer<typeof SendFollowUpBody>;

/** The reply: the message as logged (queued; the job queue sends it). */
export const SendFollowUpReply = z.strictObject({ followUp: FollowUpEntry });
export type SendFollowUpReply = z.infer<typeof SendFollowUpReply>;
