// The follow_ups table (migration 019) as Kysely sees it.
import type { FollowUpChannel, FollowUpStatus } from '../../shared/follow-up-api.ts';
import type { Instant, NullableInstant } from '../db/columns.ts';

export interface FollowUpTable {
  id: string;
  answer_id: string;
  /** The alert card it was sent from; null when sent from the comment feed. */
  alert_id: string | null;
  channel: FollowUpChannel;
  /** The built-in template the text started from (server/follow-up/templates.ts). */
  template: string;
  /** The answer's language, which chose the template's words. */
  language: string;
  subject: string | null;
  /** What staff sent, as they edited it: personal data, null once redacted. */
  body: string | null;
  /** The staff account's id. */
  sent_by: string;
  created_at: Instant;
  updated_at: Instant;
  status: FollowUpStatus;
  /** What went wrong, in words that never hold the address or the text. */
  error: string | null;
  attempts: number;
  redacted_at: NullableInstant;
}

export interface FollowUpTables {
  follow_ups: FollowUpTable;
}
