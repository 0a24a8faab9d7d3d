// The retention period on the collector (GDPR): comment, contact and staff notes received longer
// ago than LASTWORD_REDACT_AFTER_DAYS (default 365) are redacted (redact.ts), by receive time;
// the scores stay for trends. The pass works in small batches, each one UPDATE over at most
// `batchSize` rows found through the partial indexes of migration 006, with a turn of the event
// loop between them, so a first pass over a million old rows never holds the table for long and
// kiosks' batches go in between.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Storage } from '../db/open.ts';
import { alertHoldsNote, answerHoldsText, redactAnswers, redactNotes } from './redact.ts';

export const DEFAULT_REDACT_AFTER_DAYS = 365;
export const DEFAULT_BATCH_SIZE = 500;
const DAY_MS = 24 * 60 * 60_000;

export interface Redacted {
  /** Answers whose comment or contact was removed. */
  answers: number;
  /** Staff alerts whose note was removed. */
  notes: number;
}

export interface RetentionPass {
  afterDays: number;
  now: Date;
  batchSize?: number;
  /** Asked between batches: true stops the pass (the collector is closing). */
  stopped?: () => boolean;
}

/** Redacts everything received more than `afterDays` before `now`; resolves to the counts. */
export async function redactExpired(storage: Storage, pass: RetentionPass): Promise<Redacted> {
  const { db } = storage;
  const cutoff = new Date(pass.now.getTime() - pass.afterDays * DAY_MS).toISOString();
  const size = pass.batchSize ?? DEFAULT_BATCH_SIZE;
  const batches = async (redactBatch: () => Promise<number>) => {
    let total = 0;
    for (;;) {
      if (pass.stopped?.()) return total;
      const n = await redactBatch();
      total += n;
      if (n < size) return total;
      await nextTurn();
    }
  };
  const answers = await batches(() =>
    redactAnswers(
      db,
      db
        .selectFrom('answers')
        .select('id')
        .where(answerHoldsText)
        .where('received_at', '<', cutoff)
        .limit(size),
      pass.now,
    ),
  );
  const notes = await batches(() =>
    redactNotes(
      db,
      db
        .selectFrom('staff_alerts')
        .select('id')
        .where(alertHoldsNote)
        .where('received_at', '<', cutoff)
        .limit(size),
      pass.now,
    ),
  );
  return { answers, notes };
}
