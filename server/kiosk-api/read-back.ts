// Reading stored items back in the wire shape, whichever engine holds them: the proof that
// nothing valid is lost on the way in, and the base for reports and the staff view.
import type { Selectable } from 'kysely';
import type { AlertDetail, AlertUpload, AnswerUpload } from '../../shared/protocol.ts';
import type { Contact } from '../../shared/answer.ts';
import type { Storage } from '../db/open.ts';
import { fromJson, toFlag, toIso } from '../db/values.ts';
import type { AnswerTable } from './tables.ts';

export interface Received {
  /** The batch's sentAt by the device clock, and our clock when it arrived. */
  deviceSentAt: string;
  receivedAt: string;
}

/** An answer as stored: as sent, when it came, and when its comment and contact were removed. */
export type StoredAnswer = AnswerUpload & Received & { redactedAt?: string };

export async function readAnswers(storage: Storage, kioskId: string): Promise<StoredAnswer[]> {
  const rows = await storage.db
    .selectFrom('answers')
    .selectAll()
    .where('kiosk_id', '=', kioskId)
    .orderBy('seq')
    .execute();
  return rows.map(storedAnswer);
}

export function storedAnswer(r: Selectable<AnswerTable>): StoredAnswer {
  return {
    id: r.id,
    kioskId: r.kiosk_id,
    seq: r.seq,
    surveyVersion: r.survey_version,
    status: r.status,
    language: r.language,
    startedAt: toIso(r.started_at)!,
    finalizedAt: toIso(r.finalized_at)!,
    smiley: r.smiley,
    reasons: fromJson<string[]>(r.reasons),
    ...(r.nps !== null && { nps: r.nps }),
    ...(r.ces !== null && { ces: r.ces }),
    ...(r.comment !== null && { comment: r.comment }),
    ...(r.contact !== null && { contact: fromJson<Contact>(r.contact) }),
    talkNow: toFlag(r.talk_now),
    possibleRepeat: toFlag(r.possible_repeat),
    deviceSentAt: toIso(r.device_sent_at)!,
    receivedAt: toIso(r.received_at)!,
    ...(r.redacted_at !== null && { redactedAt: toIso(r.redacted_at)! }),
  };
}

export async function readAlerts(
  storage: Storage,
  kioskId: string,
): Promise<(AlertUpload & Received)[]> {
  const rows = await storage.db
    .selectFrom('alerts')
    .selectAll()
    .where('kiosk_id', '=', kioskId)
    .orderBy('received_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    answerId: r.answer_id,
    kind: r.kind,
    createdAt: toIso(r.created_at)!,
    detail: fromJson<AlertDetail>(r.detail),
    deviceSentAt: toIso(r.device_sent_at)!,
    receivedAt: toIso(r.received_at)!,
  }));
}
