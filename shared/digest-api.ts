// The weekly huddle digest in the staff API, as both ends see it: one location's week against the
// week before, the best and worst comments, the top problems, how alerts were handled and who
// recovered customers. The same figures are e-mailed to subscribers (server/digest/) and shown as
// a printable poster at /staff/digest. Never contact details: comments are shown with any e-mail
// address or phone number in them blanked out.
import { z } from 'zod';
import { LoopRow, ResultsFigures } from './results-api.ts';

const LocalDate = z.iso.date();

export const DigestComment = z.strictObject({
  /** Local wall time at the location, with its offset. */
  at: z.string(),
  touchpoint: z.string().nullable(),
  language: z.string(),
  smiley: z.number().int(),
  nps: z.number().int().nullable(),
  text: z.string(),
});
export type DigestComment = z.infer<typeof DigestComment>;

export const DigestPerson = z.strictObject({
  name: z.string(),
  /** Unhappy customers they won back: alerts resolved as "recovered". */
  recovered: z.number().int().min(0),
  /** Happy answers given at their desk while they were on duty. */
  praise: z.number().int().min(0),
});
export type DigestPerson = z.infer<typeof DigestPerson>;

/** GET /staff/api/digest?location=<id>&week=<YYYY-MM-DD>: one location's week. */
export const DigestReply = z.strictObject({
  location: z.strictObject({ id: z.number().int(), name: z.string(), timeZone: z.string() }),
  /** The seven local days covered, both included, and the seven before. */
  week: z.strictObject({ from: LocalDate, to: LocalDate }),
  previous: z.strictObject({ from: LocalDate, to: LocalDate }),
  /** The newest weeks there are digests for, newest first (the page's week picker). */
  weeks: z.array(LocalDate),
  tiles: ResultsFigures.shape.tiles,
  /** What unhappy customers chose, most chosen first (at most five). */
  problems: ResultsFigures.shape.reasons.shape.unhappy,
  comments: z.strictObject({
    best: z.array(DigestComment).max(3),
    worst: z.array(DigestComment).max(3),
  }),
  alerts: LoopRow,
  recognition: z.strictObject({
    /** Answers on duty before someone is named for praise alone. */
    minSample: z.number().int(),
    people: z.array(DigestPerson),
  }),
  /**
   * When the digest is e-mailed: local weekday (1 = Monday) and time at the location; null when
   * the collector e-mails none (LASTWORD_DIGEST_AT=off) and the page is the only way to see it.
   */
  schedule: z
    .strictObject({ weekday: z.number().int().min(1).max(7), time: z.string() })
    .nullable(),
});
export type DigestReply = z.infer<typeof DigestReply>;

export const DigestQuery = z.strictObject({
  location: z.coerce.number().int().min(1).max(2_147_483_647),
  week: LocalDate.optional(),
});

const Email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ error: 'must be an e-mail address' }));

export const DigestSubscriber = z.strictObject({
  id: z.string(),
  email: z.string(),
  /** The account it belongs to, or null for an e-mail-only subscriber. */
  user: z.string().nullable(),
  since: z.iso.datetime(),
});
export type DigestSubscriber = z.infer<typeof DigestSubscriber>;

/** GET /staff/api/digest/subscriptions?location=<id>. */
export const SubscriptionsReply = z.strictObject({
  /** The signed-in person's own subscription to this location's digest, or null. */
  mine: z.strictObject({ email: z.string() }).nullable(),
  /** Managers and admins: everyone who gets it; null for staff. */
  all: z.array(DigestSubscriber).nullable(),
});
export type SubscriptionsReply = z.infer<typeof SubscriptionsReply>;

/** PUT /staff/api/digest/subscriptions/mine (subscribe or change the address). */
export const MySubscriptionBody = z.strictObject({
  location: z.number().int().min(1).max(2_147_483_647),
  email: Email,
});

/** POST /staff/api/digest/subscribers: an e-mail-only subscriber (managers and admins). */
export const SubscriberBody = MySubscriptionBody;
