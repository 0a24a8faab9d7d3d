// What every slice of the flow store shares: the store's set/get, the survey, the customer's
// answer and the two moves between screens.
import type { StoreApi } from 'zustand/vanilla';
import type { SurveyDefinition } from '../../../shared/survey.ts';
import type { SessionFailure } from '../answer-session.ts';
import type { CurrentAnswer } from '../current-answer.ts';
import type { Flow } from '../flow.ts';
import { nextScreen, type Draft, type Screen } from '../steps.ts';

export interface SliceKit {
  set: StoreApi<Flow>['setState'];
  get: StoreApi<Flow>['getState'];
  survey: SurveyDefinition;
  answer: CurrentAnswer;
  report: (failure: SessionFailure) => void;
  /** Shows `screen` (a new visit) with `draft`; the thank-you screen finishes the answer. */
  go(screen: Screen, draft?: Draft): void;
  /** Goes to the screen after the current one, decided from `draft`. */
  advance(draft?: Draft): void;
}

export function sliceKit(
  set: SliceKit['set'],
  get: SliceKit['get'],
  survey: SurveyDefinition,
  answer: CurrentAnswer,
  report: SliceKit['report'],
): SliceKit {
  const go = (screen: Screen, draft: Draft = get().draft) => {
    set({ screen, draft, visit: get().visit + 1 });
    if (screen === 'thanks') answer.finish('complete');
  };
  return {
    set,
    get,
    survey,
    answer,
    report,
    go,
    advance: (draft = get().draft) => go(nextScreen(survey, draft, get().screen), draft),
  };
}
