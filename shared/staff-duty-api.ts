// Duty and recognition in the staff API (/staff/api/duty, /staff/api/recognition), as both ends
// see it: staff check in at a touchpoint, and the answers given there while they are on duty are
// credited to them. Recognition rests on customers recovered and on praise; low scores are shown
// to the person alone, never ranked.
import { z } from 'zod';

const Instant = z.iso.datetime();

export const DutyTouchpoint = z.strictObject({
  id: z.number().int(),
  name: z.string(),
  location: z.string(),
});
export type DutyTouchpoint = z.infer<typeof DutyTouchpoint>;

/** GET /staff/api/duty, and the reply to checking in (POST) and out (DELETE). */
export const DutyReply = z.strictObject({
  onDuty: z
    .strictObject({
      touchpointId: z.number().int(),
      touchpoint: z.string(),
      location: z.string(),
      since: Instant,
    })
    .nullable(),
  /** Where this account may check in. */
  touchpoints: z.array(DutyTouchpoint),
});
export type DutyReply = z.infer<typeof DutyReply>;

/** POST /staff/api/duty. */
export const CheckInBody = z.strictObject({
  touchpointId: z.number().int().min(1).max(2_147_483_647),
});
export type CheckInBody = z.infer<typeof CheckInBody>;

/** One person's figures for the period, from the answers given while they were on duty. */
export const PersonFigures = z.strictObject({
  name: z.string(),
  /** Answers given at their touchpoint while they were on duty. */
  answers: z.number().int().min(0),
  /** Of those, happy (smiley 4 or 5): praise for the service. */
  praise: z.number().int().min(0),
  /** praise / answers, or null below the minimum sample: too few answers to say. */
  happyShare: z.number().min(0).max(1).nullable(),
  /** Alerts they resolved as "recovered": unhappy customers won back. */
  recovered: z.number().int().min(0),
});
export type PersonFigures = z.infer<typeof PersonFigures>;

/** GET /staff/api/recognition?days=7|30|90. */
export const RecognitionReply = z.strictObject({
  from: Instant,
  to: Instant,
  /** Answers a person needs before a share is shown or they are named to the team. */
  minSample: z.number().int(),
  /** The signed-in person, with their own low scores (shown to them alone). */
  me: PersonFigures.extend({ lowScores: z.number().int().min(0) }),
  /**
   * Managers and admins: the people with enough answers, or at least one recovered customer, best
   * recoveries first; `others` counts the rest, who are not named. Null for staff.
   */
  team: z.strictObject({ people: z.array(PersonFigures), others: z.number().int() }).nullable(),
});
export type RecognitionReply = z.infer<typeof RecognitionReply>;
