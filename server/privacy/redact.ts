// The one place that knows which columns hold personal text and how it is removed, for the
// retention pass (retention.ts) and erasure on request (person.ts): the customer's comment and
// contact on answers with the follow-ups staff wrote to that contact, and the staff note on staff
// alerts (staff write what they did for whom).
// Scores, reasons, seq and timestamps stay for trends; redacted_at records when the text went, so
// a reader can tell "removed" from "never given". Only rows that still hold text change, so the
// counts say what was removed and a second run changes nothing.
import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import type { CollectorDb } from '../db/open.ts';
import type { CollectorTables } from '../db/tables.ts';

/** Ids, or a query that selects them (a retention batch). */
type Ids<T extends keyof CollectorTables> =
  readonly string[] | SelectQueryBuilder<CollectorTables, T, { id: string }>;

/** Answers that still hold a comment or contact (the partial index of migration 006 holds these). */
export const answerHoldsText = (eb: ExpressionBuilder<CollectorTables, 'answers'>) =>
  eb.or([eb('comment', 'is not', null), eb('contact', 'is not', null)]);

/** Staff alerts that still hold a note (the partial index of migration 006 holds these). */
export const alertHoldsNote = (eb: ExpressionBuilder<CollectorTables, 'staff_alerts'>) =>
  eb('note', 'is not', null);

const none = (ids: Ids<keyof CollectorTables>) => Array.isArray(ids) && ids.length === 0;

/** Removes comment, contact and follow-up texts from these answers; resolves to how many held any. */
export async function redactAnswers(
  db: CollectorDb,
  ids: Ids<'answers'>,
  at: Date,
): Promise<number> {
  if (none(ids)) return 0;
  // The follow-ups written to them go with them (first: `ids` may select by what is still held).
  await db
    .updateTable('follow_ups')
    .set({ subject: null, body: null, redacted_at: at.toISOString() })
    .where('answer_id', 'in', ids)
    .where('body', 'is not', null)
    .execute();
  const result = await db
    .updateTable('answers')
    .set({ comment: null, contact: null, redacted_at: at.toISOString() })
    .where('id', 'in', ids)
    .where(answerHoldsText)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Removes the staff note from these staff alerts; resolves to how many had one. */
export async function redactNotes(
  db: CollectorDb,
  ids: Ids<'staff_alerts'>,
  at: Date,
): Promise<number> {
  if (none(ids)) return 0;
  const result = await db
    .updateTable('staff_alerts')
    .set({ note: null, redacted_at: at.toISOString() })
    .where('id', 'in', ids)
    .where(alertHoldsNote)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
