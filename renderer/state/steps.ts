// Which screen follows which, decided from the survey definition and what the customer has
// answered so far. Pure, so every path through the survey is cheap to test.
import type { Contact } from '../../shared/answer.ts';
import { isLowScore } from '../../shared/low-score.ts';
import type { Reason, SurveyDefinition } from '../../shared/survey.ts';

export type Screen =
  'attract' | 'smiley' | 'reasons' | 'nps' | 'ces' | 'comment' | 'contact' | 'thanks';

export interface Draft {
  smiley: number | null;
  reasons: string[];
  nps: number | null;
  ces: number | null;
  comment: string;
  contact: Contact | null;
  helpRequested: boolean;
}

export const emptyDraft: Draft = {
  smiley: null,
  reasons: [],
  nps: null,
  ces: null,
  comment: '',
  contact: null,
  helpRequested: false,
};

/** Unhappy by any measure the survey defines, or because they asked for a person. */
export function isUnhappy(survey: SurveyDefinition, d: Draft): boolean {
  return d.helpRequested || isLowScore(survey, d);
}

export function reasonsFor(survey: SurveyDefinition, smiley: number | null): Reason[] {
  return isLowScore(survey, { smiley }) ? survey.reasons.low : survey.reasons.high;
}

/**
 * The questions after the smiley. The callback offer goes to unhappy customers only: it is a
 * recovery step, and every extra screen costs a happy customer's patience for nothing.
 */
export function questionScreens(survey: SurveyDefinition, d: Draft): Screen[] {
  const screens: Screen[] = ['smiley', 'reasons', 'nps'];
  if (survey.ces) screens.push('ces');
  if (survey.comment) screens.push('comment');
  if (survey.contact && isUnhappy(survey, d)) screens.push('contact');
  return screens;
}

export function nextScreen(survey: SurveyDefinition, d: Draft, current: Screen): Screen {
  if (current === 'attract') return 'smiley';
  if (current === 'thanks') return 'attract';
  const screens = questionScreens(survey, d);
  const at = screens.indexOf(current);
  return screens[at + 1] ?? 'thanks';
}
