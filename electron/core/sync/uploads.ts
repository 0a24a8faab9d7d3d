// Outbox rows as the wire wants them: snake_case columns become protocol fields, JSON text
// columns are parsed, NULLs become absent optionals. Every item is checked with the protocol's
// own schema before it leaves: one that cannot be valid goes to dead letters here, with the
// reason, instead of costing a round trip and coming back rejected (or failing its batch).
import type { z } from 'zod';
import { describeIssues } from '../../../shared/config.ts';
import { AlertUpload, AnswerUpload } from '../../../shared/protocol.ts';

export type ItemKind = 'answer' | 'alert';

/** An answer's outbox row joined with the answer (column names as stored). */
export interface AnswerRow {
  outbox_id: number;
  id: string;
  seq: number;
  kiosk_id: string;
  survey_version: string;
  status: string;
  language: string;
  started_at: string;
  finalized_at: string | null;
  smiley: number;
  reasons: string | null;
  nps: number | null;
  ces: number | null;
  comment: string | null;
  contact: string | null;
  talk_now: number;
  possible_repeat: number;
}

/** An alert's outbox row joined with the alert. */
export interface AlertRow {
  outbox_id: number;
  id: string;
  answer_id: string | null;
  kind: string;
  created_at: string;
  detail: string;
}

export type Prepared<T> =
  | { ok: true; outboxId: number; id: string; item: T }
  /** payload: the item as it would have been sent, or the raw row when even that failed. */
  | { ok: false; outboxId: number; id: string; reason: string; payload: unknown };

function parseJson(text: string, column: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`${column}: stored text is not valid JSON`);
  }
}

function check<T>(
  schema: z.ZodType<T>,
  outboxId: number,
  id: string,
  build: () => unknown,
  row: object,
): Prepared<T> {
  let candidate: unknown;
  try {
    candidate = build();
  } catch (error) {
    return { ok: false, outboxId, id, reason: (error as Error).message, payload: row };
  }
  const parsed = schema.safeParse(candidate);
  if (parsed.success) return { ok: true, outboxId, id, item: parsed.data };
  const reason = describeIssues(parsed.error)
    .map((p) => `${p.field}: ${p.reason}`)
    .join('; ');
  return {
    ok: false,
    outboxId,
    id,
    reason: `not valid for the collector: ${reason}`,
    payload: candidate,
  };
}

export function prepareAnswer(r: AnswerRow): Prepared<AnswerUpload> {
  return check(
    AnswerUpload,
    r.outbox_id,
    r.id,
    () => ({
      id: r.id,
      kioskId: r.kiosk_id,
      seq: r.seq,
      surveyVersion: r.survey_version,
      status: r.status,
      language: r.language,
      startedAt: r.started_at,
      finalizedAt: r.finalized_at,
      smiley: r.smiley,
      // A customer who never reached the reasons step has none: the wire wants an empty list.
      reasons: r.reasons === null ? [] : parseJson(r.reasons, 'reasons'),
      ...(r.nps !== null && { nps: r.nps }),
      ...(r.ces !== null && { ces: r.ces }),
      ...(r.comment !== null && { comment: r.comment }),
      ...(r.contact !== null && { contact: parseJson(r.contact, 'contact') }),
      talkNow: r.talk_now === 1,
      possibleRepeat: r.possible_repeat === 1,
    }),
    r,
  );
}

export function prepareAlert(r: AlertRow): Prepared<AlertUpload> {
  return check(
    AlertUpload,
    r.outbox_id,
    r.id,
    () => ({
      id: r.id,
      answerId: r.answer_id,
      kind: r.kind,
      createdAt: r.created_at,
      detail: parseJson(r.detail, 'detail'),
    }),
    r,
  );
}
