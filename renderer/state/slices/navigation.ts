// Moving between screens without answering: starting, skipping, walking away, starting over.
import type { FlowActions, FlowState } from '../flow.ts';
import { emptyDraft } from '../steps.ts';
import type { SliceKit } from './kit.ts';

type NavigationActions = Pick<FlowActions, 'begin' | 'skip' | 'timeOut' | 'reset'>;

/** The state of an untouched kiosk in `language`. */
export function freshState(language: string): Omit<FlowState, 'visit'> {
  return {
    screen: 'attract',
    language,
    defaultLanguage: language,
    highContrast: false,
    draft: emptyDraft,
    help: 'none',
    notice: null,
  };
}

export function navigationSlice(
  { get, set, go, advance, answer }: SliceKit,
  onAttract?: (previousSettled: Promise<void>) => void,
): NavigationActions {
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
      answer.finish('partial');
      answer.nextCustomer();
      set({ ...freshState(get().defaultLanguage), visit: get().visit + 1 });
      onAttract?.(answer.lastFinish());
    },
  };
}
