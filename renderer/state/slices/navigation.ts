// Moving between screens without answering: starting, skipping, walking away, starting over.
import type { Farewell, FlowActions, FlowState } from '../flow.ts';
import { emptyDraft, isUnhappy, type Screen } from '../steps.ts';
import type { SliceKit } from './kit.ts';

type NavigationActions = Pick<
  FlowActions,
  'begin' | 'skip' | 'timeOut' | 'reset' | 'welcomeNext' | 'dismissFarewell'
>;

/** The state of an untouched kiosk in `language`. */
export function freshState(language: string, idleScreen: Screen): Omit<FlowState, 'visit'> {
  return {
    screen: idleScreen,
    idleScreen,
    farewell: null,
    language,
    defaultLanguage: language,
    highContrast: false,
    largeText: false,
    draft: emptyDraft,
    help: 'none',
    notice: null,
  };
}

export function navigationSlice(
  { get, set, go, advance, answer, survey }: SliceKit,
  onAttract?: (previousSettled: Promise<void>) => void,
): NavigationActions {
  const startOver = (farewell: Farewell | null) => {
    answer.finish('partial');
    answer.nextCustomer();
    const { defaultLanguage, idleScreen, visit } = get();
    set({ ...freshState(defaultLanguage, idleScreen), farewell, visit: visit + 1 });
    onAttract?.(answer.lastFinish());
  };
  return {
    begin() {
      if (get().screen === 'attract') go('smiley');
    },
    skip() {
      advance();
    },
    timeOut() {
      get().reset();
    },
    reset() {
      startOver(null);
    },
    welcomeNext() {
      const { screen, draft, help, language } = get();
      if (screen !== 'thanks') return;
      startOver({ language, unhappy: isUnhappy(survey, draft), helpComing: help === 'coming' });
    },
    dismissFarewell() {
      if (get().farewell) set({ farewell: null });
    },
  };
}
