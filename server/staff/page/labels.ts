// Words for the values the API sends, in one place.
import type { StaffAlert } from '../../alerts/hub.ts';

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

export const OUTCOMES: [string, string][] = [
  ['recovered', 'Recovered'],
  ['not_reachable', 'Not reachable'],
  ['other', 'Other'],
];

export const SMILEY_LABEL = ['', 'Very bad', 'Bad', 'Okay', 'Good', 'Very good'];
