// Words for the values the API sends, in one place.
import type { AlertOutcome, StaffAlert } from '../../../shared/staff-api.ts';

export const KIND_LABEL: Record<StaffAlert['kind'], string> = {
  low_score: 'Low score',
  talk_now: 'Wants to talk now',
  test: 'Test alert',
  window: 'Several low scores',
};

export const PRIORITY_LABEL: Record<StaffAlert['priority'], string> = {
  urgent: 'Urgent',
  high: 'High',
  normal: 'Normal',
};

export const OUTCOME_LABEL: Record<AlertOutcome, string> = {
  recovered: 'Recovered',
  not_reachable: 'Not reachable',
  other: 'Other',
};

/** The outcome picker's value, once one is chosen. */
export function isOutcome(value: string): value is AlertOutcome {
  return Object.hasOwn(OUTCOME_LABEL, value);
}

export const SMILEY_LABEL = ['', 'Very bad', 'Bad', 'Okay', 'Good', 'Very good'];
