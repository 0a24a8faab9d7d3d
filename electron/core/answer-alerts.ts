// Which alert an answer's step raises and what it tells staff. The answer lifecycle writes the
// alert in the same transaction as the step; the rules for raising one are kept here, on their
// own, so they read apart from the storage. No customer text goes into an alert.
import type { AlertKind, AnswerStep } from '../../shared/answer.ts';
import type { KioskConfig } from '../../shared/config.ts';
import type { NewAlert } from './answer-store.ts';

/** What an open draft remembers for its alerts. */
export interface AlertMemory {
  possibleRepeat: boolean;
  alerts: Set<AlertKind>;
}

/**
 * The alert this step raises, one of each kind per answer. A possible repeated press still
 * raises its low score, marked so the collector can fold it into the kiosk's open alert; a
 * request to talk to someone is never taken for a repeat.
 */
export function newAlert(
  config: KioskConfig,
  draft: AlertMemory,
  newId: () => string,
  answerId: string,
  kind: AlertKind,
  at: string,
  step: AnswerStep,
): NewAlert | null {
  if (draft.alerts.has(kind)) return null;
  const detail = alertDetail(config, step, kind === 'low_score' && draft.possibleRepeat);
  return { id: newId(), answerId, kind, createdAt: at, detail };
}

/** What staff need to act on an alert: where, the scores and reason ids so far. No customer text. */
export function alertDetail(
  config: KioskConfig,
  step: AnswerStep,
  possibleRepeat = false,
): Record<string, unknown> {
  return {
    kioskId: config.kioskId,
    location: config.location,
    touchpoint: config.touchpoint,
    ...(step.smiley !== undefined && { smiley: step.smiley }),
    ...(step.nps !== undefined && { nps: step.nps }),
    ...(step.ces !== undefined && { ces: step.ces }),
    ...(step.reasons?.length && { reasons: step.reasons }),
    ...(possibleRepeat && { possibleRepeat }),
  };
}
