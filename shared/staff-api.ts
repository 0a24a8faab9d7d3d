// The staff API (/staff/api on the collector) as both ends see it: the collector builds its
// replies typed by these schemas and checks request bodies with them; the staff page parses every
// reply and stream event with them instead of trusting a cast. Strict objects, as in protocol.ts:
// a key the other side does not know is a bug to surface, not data to drop silently.
import { z } from 'zod';
import type { ErrorReply } from './protocol.ts';
import { FollowUpEntry } from './follow-up-api.ts';
import { checkPeriod, REPORT_FILTER_SHAPE } from './report-filter.ts';
import { StaffText } from './staff-text.ts';

const Instant = z.iso.datetime();

export { StaffText } from './staff-text.ts';

export const StaffAlertKind = z.enum(['low_score', 'talk_now', 'test', 'window']);
export type StaffAlertKind = z.infer<typeof StaffAlertKind>;
export const StaffAlertPriority = z.enum(['urgent', 'high', 'normal']);
export type StaffAlertPriority = z.infer<typeof StaffAlertPriority>;
export const StaffAlertStatus = z.enum(['open', 'acknowledged', 'resolved']);
export type StaffAlertStatus = z.infer<typeof StaffAlertStatus>;
export const AlertOutcome = z.enum(['recovered', 'not_reachable', 'other']);
export type AlertOutcome = z.infer<typeof AlertOutcome>;
export const StaffRole = z.enum(['staff', 'manager', 'admin']);
export type StaffRole = z.infer<typeof StaffRole>;

/** One alert as a staff screen shows it. */
export const StaffAlert = z.strictObject({
  id: z.string().min(1),
  kioskId: z.string().min(1),
  location: z.string(),
  touchpoint: z.string(),
  kind: StaffAlertKind,
  priority: StaffAlertPriority,
  /** When it happened, by the kiosk's clock (kept as is, also for late alerts). */
  createdAt: Instant,
  receivedAt: Instant,
  /** Arrived more than the late threshold after createdAt: the kiosk was offline. */
  late: z.boolean(),
  /** A customer asked to talk to someone and may still be standing there. */
  waiting: z.boolean(),
  smiley: z.int().min(1).max(5).optional(),
  nps: z.int().min(0).max(10).optional(),
  ces: z.int().min(1).max(7).optional(),
  reasons: z.array(z.string()).optional(),
  /** Only once the answer with it has arrived (an 'update' event brings it). */
  comment: z.string().optional(),
  contact: z
    .strictObject({ name: z.string(), phone: z.string().optional(), email: z.string().optional() })
    .optional(),
  /** Further alerts from the same kiosk folded into this one by the aggregation window. */
  aggregateCount: z.int().min(0),
  status: StaffAlertStatus,
  acknowledgedBy: z.string().optional(),
  acknowledgedAt: Instant.optional(),
  resolvedBy: z.string().optional(),
  resolvedAt: Instant.optional(),
  outcome: AlertOutcome.optional(),
  note: z.string().optional(),
  /**
   * When comment, contact and note were removed for privacy (the retention period, or an erasure
   * the customer asked for): they are gone for good, the scores stay.
   */
  redactedAt: Instant.optional(),
  /** Messages staff sent the customer about it (shared/follow-up-api.ts), oldest first. */
  followUps: z.array(FollowUpEntry).optional(),
});
export type StaffAlert = z.infer<typeof StaffAlert>;

/** A new alert, or a change to one a screen may already show. */
export const AlertEventType = z.enum(['alert', 'update']);
export type AlertEventType = z.infer<typeof AlertEventType>;
export interface AlertEvent {
  type: AlertEventType;
  alert: StaffAlert;
}

/**
 * GET /staff/api/stream: every event name the stream sends, with the schema of its data. A
 * snapshot (the alerts still open or acknowledged) comes first, unless a reconnecting screen
 * could be caught up with the events it missed.
 */
export const STREAM_EVENTS = ['snapshot', ...AlertEventType.options] as const;
export type StreamEvent = (typeof STREAM_EVENTS)[number];
export interface StreamData {
  snapshot: StaffAlert[];
  alert: StaffAlert;
  update: StaffAlert;
}
export const StreamData: { [E in StreamEvent]: z.ZodType<StreamData[E]> } = {
  snapshot: z.array(StaffAlert),
  alert: StaffAlert,
  update: StaffAlert,
};

/** The logged-in user as the page shows them: managers and admins see 'all' locations. */
export const StaffProfile = z.strictObject({
  username: z.string(),
  displayName: z.string(),
  role: StaffRole,
  locations: z.union([z.array(z.string()), z.literal('all')]),
});
export type StaffProfile = z.infer<typeof StaffProfile>;

/** POST /staff/api/login's reply, and GET /staff/api/me's while logged in. */
export const SignedIn = z.strictObject({ user: StaffProfile, csrfToken: z.string().min(1) });
export type SignedIn = z.infer<typeof SignedIn>;
export const MeReply = z.union([SignedIn, z.strictObject({ user: z.null() })]);
export type MeReply = z.infer<typeof MeReply>;

export const LoginBody = z.strictObject({
  username: StaffText().min(1).max(64),
  password: z.string().min(1).max(1024),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const LogoutReply = z.strictObject({ ok: z.literal(true) });
export type LogoutReply = z.infer<typeof LogoutReply>;

/** GET /staff/api/alerts: newest first. */
export const AlertListReply = z.strictObject({ alerts: z.array(StaffAlert) });
export type AlertListReply = z.infer<typeof AlertListReply>;

/** POST /staff/api/alerts/:id/resolve; …/ack takes no body. */
export const ResolveBody = z.strictObject({
  outcome: AlertOutcome,
  note: StaffText().max(2000).optional(),
});
export type ResolveBody = z.infer<typeof ResolveBody>;

/** The reply to ack and resolve: the alert as it is now. */
export const AlertReply = z.strictObject({ alert: StaffAlert });
export type AlertReply = z.infer<typeof AlertReply>;

/** The part of the collector's error reply (ErrorReply) that the page shows: the sentence. */
export const StaffErrorReply = z.object({
  error: z.string(),
  message: z.string(),
  /** A 400's field problems, for a form to show each next to its field. */
  problems: z.array(z.object({ field: z.string(), reason: z.string() })).optional(),
}) satisfies z.ZodType<Pick<ErrorReply, 'error' | 'message' | 'problems'>>;

/** POST /staff/api/enrolment-codes (admins): a code for an existing touchpoint. */
export const CreateEnrolmentCodeBody = z.strictObject({
  location: StaffText().trim().min(1).max(120),
  touchpoint: StaffText().trim().min(1).max(120),
  /** 24 by default; at most a week, as a code is a credential until it is spent. */
  expiresInHours: z.int().min(1).max(168).optional(),
});
export type CreateEnrolmentCodeBody = z.infer<typeof CreateEnrolmentCodeBody>;

/** A code that can still be spent, as the admin page lists it (the code itself is not kept). */
export const OpenEnrolmentCode = z.strictObject({
  id: z.string().min(1),
  location: z.string(),
  touchpoint: z.string(),
  createdAt: Instant,
  expiresAt: Instant,
});
export type OpenEnrolmentCode = z.infer<typeof OpenEnrolmentCode>;

/** The reply to creating one: the only time the code is shown. */
export const CreatedEnrolmentCode = z.strictObject({
  code: OpenEnrolmentCode.extend({ code: z.string().regex(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/) }),
});
export type CreatedEnrolmentCode = z.infer<typeof CreatedEnrolmentCode>;

/**
 * GET /staff/api/enrolment-codes: the open codes, soonest to expire first, and every touchpoint
 * a code can be made for.
 */
export const EnrolmentCodeListReply = z.strictObject({
  codes: z.array(OpenEnrolmentCode),
  places: z.array(z.strictObject({ location: z.string(), touchpoint: z.string() })),
});
export type EnrolmentCodeListReply = z.infer<typeof EnrolmentCodeListReply>;

/** GET /staff/api/comments: the shared report filter, the search text, and where to go on. */
export const CommentsQuery = z
  .strictObject({
    ...REPORT_FILTER_SHAPE,
    /** Words a comment must all hold (prefixes, stems); every comment when left out. */
    q: StaffText().max(200).optional(),
    /** The nextCursor of the page before; opaque. */
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).optional(),
  })
  .superRefine(checkPeriod);
export type CommentsQuery = z.infer<typeof CommentsQuery>;

/** One customer's comment with what they scored and chose, where, when, and what staff did. */
export const FeedComment = z.strictObject({
  answerId: z.string(),
  comment: z.string(),
  /** When the customer answered, in UTC and as local time at the place (with its offset). */
  answeredAt: Instant,
  localTime: z.string(),
  location: z.strictObject({ id: z.int(), name: z.string() }),
  touchpoint: z.strictObject({ id: z.int(), name: z.string() }).nullable(),
  language: z.string(),
  status: z.enum(['complete', 'partial']),
  smiley: z.int().min(1).max(5),
  nps: z.int().min(0).max(10).nullable(),
  ces: z.int().min(1).max(7).nullable(),
  /** By their labels in the survey version the answer was asked with. */
  reasons: z.array(z.strictObject({ id: z.string(), label: z.string() })),
  possibleRepeat: z.boolean(),
  /** The alert the answer raised, if any, as staff left it. */
  alert: z.strictObject({ status: StaffAlertStatus, outcome: AlertOutcome.nullable() }).nullable(),
  /** The customer asked to be contacted (left a contact with consent): a follow-up is possible. */
  contactable: z.literal(true).optional(),
  /** Messages staff sent the customer (shared/follow-up-api.ts), oldest first. */
  followUps: z.array(FollowUpEntry).optional(),
});
export type FeedComment = z.infer<typeof FeedComment>;

/** Newest first; nextCursor null on the last page. */
export const CommentsReply = z.strictObject({
  comments: z.array(FeedComment),
  nextCursor: z.string().nullable(),
});
export type CommentsReply = z.infer<typeof CommentsReply>;

/** GET /staff/api/places: the locations (and their touchpoints) the user may filter by. */
export const PlacesReply = z.strictObject({
  locations: z.array(
    z.strictObject({
      id: z.int(),
      name: z.string(),
      touchpoints: z.array(z.strictObject({ id: z.int(), name: z.string() })),
    }),
  ),
});
export type PlacesReply = z.infer<typeof PlacesReply>;
