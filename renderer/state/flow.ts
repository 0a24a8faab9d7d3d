// The customer's journey as one store: which screen is up, what they answered, whether staff are
// coming. Screens read it and call its actions. The store is put together from small slices
// (slices/), one per concern; the writes to the kiosk host go through current-answer.ts.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Contact } from '../../shared/answer.ts';
import type { SurveyDefinition } from '../../shared/survey.ts';
import type { BridgeClient } from '../bridge/client.ts';
import type { SessionFailure } from './answer-session.ts';
import { currentAnswer } from './current-answer.ts';
import { answersSlice } from './slices/answers.ts';
import { helpSlice } from './slices/help.ts';
import { sliceKit } from './slices/kit.ts';
import { freshState, navigationSlice } from './slices/navigation.ts';
import { preferencesSlice } from './slices/preferences.ts';
import type { Draft, Screen } from './steps.ts';

export type HelpState = 'none' | 'calling' | 'coming' | 'failed';

/** The warm goodbye the last customer still sees over the faces, once the kiosk is ready again. */
export interface Farewell {
  /** The language the customer answered in, which is not the next customer's. */
  language: string;
  unhappy: boolean;
  helpComing: boolean;
}

export interface FlowState {
  screen: Screen;
  /** Where a new customer starts: the faces, or "tap anywhere" if the config asks for it. */
  idleScreen: Screen;
  /** The goodbye over the idle screen; shown only there, so it may outlive that screen. */
  farewell: Farewell | null;
  /** Counts screen changes: the idle timer and the double-tap guard restart on each. */
  visit: number;
  language: string;
  defaultLanguage: string;
  highContrast: boolean;
  largeText: boolean;
  draft: Draft;
  help: HelpState;
  notice: 'saveFailed' | null;
}

export interface FlowActions {
  begin(): void;
  chooseSmiley(smiley: number): void;
  toggleReason(id: string): void;
  confirmReasons(): void;
  chooseNps(nps: number): void;
  chooseCes(ces: number): void;
  submitComment(text: string): void;
  submitContact(contact: Contact): void;
  skip(): void;
  talkNow(): void;
  setLanguage(language: string): void;
  setDefaultLanguage(language: string): void;
  toggleContrast(): void;
  toggleLargeText(): void;
  /** The customer walked away: keep what they gave as a partial answer and start over. */
  timeOut(): void;
  /** Back to the idle screen for the next customer. */
  reset(): void;
  /** The thank-you screen is done: the faces are back, with the goodbye still in view. */
  welcomeNext(): void;
  dismissFarewell(): void;
}

export type Flow = FlowState & FlowActions;
export type FlowStore = StoreApi<Flow>;

export interface FlowOptions {
  client: BridgeClient;
  survey: SurveyDefinition;
  defaultLanguage: string;
  /** Start on a "tap anywhere" screen instead of the faces. */
  tapToStart?: boolean;
  /** Where failed writes are reported (the host logs its own side too). */
  report?: (failure: SessionFailure) => void;
  /**
   * Called each time the kiosk is back at its idle screen, with a promise that settles once
   * the previous answer's finish has reached the host: the moment a new survey may be applied.
   */
  onAttract?: (previousSettled: Promise<void>) => void;
}

export function createFlowStore({
  client,
  survey,
  defaultLanguage,
  tapToStart = false,
  report = logFailure,
  onAttract,
}: FlowOptions): FlowStore {
  const answer = currentAnswer(client, report);
  return createStore<Flow>()((set, get) => {
    const kit = sliceKit(set, get, survey, answer, report);
    return {
      ...freshState(defaultLanguage, tapToStart ? 'attract' : 'smiley'),
      visit: 0,
      ...navigationSlice(kit, onAttract),
      ...answersSlice(kit),
      ...helpSlice(kit),
      ...preferencesSlice(kit),
    };
  });
}

function logFailure(failure: SessionFailure): void {
  console.error(`[lastword] ${failure.stage} failed`, failure.error);
}
