// The customer's journey as one store: which screen is up, what they answered, whether staff are
// coming. Screens read it and call its actions; the writes to the kiosk host happen here.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Contact } from '../../shared/answer.ts';
import type { SurveyDefinition } from '../../shared/survey.ts';
import type { BridgeClient } from '../bridge/client.ts';
import { openAnswer, type AnswerSession, type SessionFailure } from './answer-session.ts';
import { emptyDraft, nextScreen, type Draft, type Screen } from './steps.ts';

export type HelpState = 'none' | 'calling' | 'coming' | 'failed';

export interface FlowState {
  screen: Screen;
  /** Counts screen changes: the idle timer and the double-tap guard restart on each. */
  visit: number;
  language: string;
  defaultLanguage: string;
  highContrast: boolean;
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
  /** The customer walked away: keep what they gave as a partial answer and start over. */
  timeOut(): void;
  /** Back to the attract screen for the next customer. */
  reset(): void;
}

export type Flow = FlowState & FlowActions;
export type FlowStore = StoreApi<Flow>;

export interface FlowOptions {
  client: BridgeClient;
  survey: SurveyDefinition;
  defaultLanguage: string;
  /** Where failed writes are reported (the host logs its own side too). */
  report?: (failure: SessionFailure) => void;
  /**
   * Called each time the kiosk is back at its attract screen, with a promise that settles once
   * the previous answer's finish has reached the host: the moment a new survey may be applied.
   */
  onAttract?: (previousSettled: Promise<void>) => void;
}

export function createFlowStore({
  client,
  survey,
  defaultLanguage,
  report = logFailure,
  onAttract,
}: FlowOptions): FlowStore {
  let session: AnswerSession | null = null;
  // The last finish sent to the host; a config change waits for it (see onAttract).
  let lastFinish: Promise<void> = Promise.resolve();
  const finish = (status: 'complete' | 'partial') => {
    if (session) lastFinish = session.finish(status).catch(() => undefined);
    session = null;
  };
  // Bumped for every new customer, so a late reply about the previous one changes nothing.
  let customer = 0;

  return createStore<Flow>()((set, get) => {
    const fresh = (language: string): Omit<FlowState, 'visit'> => ({
      screen: 'attract',
      language,
      defaultLanguage: language,
      highContrast: false,
      draft: emptyDraft,
      help: 'none',
      notice: null,
    });

    const go = (screen: Screen, draft: Draft = get().draft) => {
      set({ screen, draft, visit: get().visit + 1 });
      if (screen === 'thanks') finish('complete');
    };
    const advance = (draft: Draft = get().draft) =>
      go(nextScreen(survey, draft, get().screen), draft);
    const update = (step: Parameters<AnswerSession['update']>[0]) => void session?.update(step);

    return {
      ...fresh(defaultLanguage),
      visit: 0,

      begin() {
        if (get().screen === 'attract') go('smiley');
      },

      chooseSmiley(smiley) {
        // A second tap while the first is being saved must not start a second answer.
        if (session || get().screen !== 'smiley') return;
        const mine = openAnswer(client, { smiley, language: get().language }, (failure) => {
          report(failure);
          if (failure.stage === 'start' && session === mine) {
            session = null;
            set({
              screen: 'smiley',
              draft: emptyDraft,
              help: 'none',
              notice: 'saveFailed',
              visit: get().visit + 1,
            });
          }
        });
        session = mine;
        set({ notice: null });
        advance({ ...emptyDraft, smiley });
      },

      toggleReason(id) {
        const { reasons } = get().draft;
        const next = reasons.includes(id) ? reasons.filter((r) => r !== id) : [...reasons, id];
        set({ draft: { ...get().draft, reasons: next } });
      },

      confirmReasons() {
        const { reasons } = get().draft;
        if (reasons.length) update({ reasons });
        advance();
      },

      chooseNps(nps) {
        update({ nps });
        advance({ ...get().draft, nps });
      },

      chooseCes(ces) {
        update({ ces });
        advance({ ...get().draft, ces });
      },

      submitComment(text) {
        const comment = text.trim();
        if (comment) update({ comment });
        advance({ ...get().draft, comment });
      },

      submitContact(contact) {
        update({ contact });
        advance({ ...get().draft, contact });
      },

      skip() {
        advance();
      },

      talkNow() {
        const { help } = get();
        if (!session || help === 'calling' || help === 'coming') return;
        const mine = customer;
        set({ help: 'calling', draft: { ...get().draft, helpRequested: true } });
        session.requestHelp().then(
          (raised) => {
            // Only a raised alert brings someone; anything else must not promise it.
            if (customer === mine) set({ help: raised ? 'coming' : 'failed' });
          },
          (error: unknown) => {
            report({ stage: 'help', error });
            if (customer === mine) set({ help: 'failed' });
          },
        );
      },

      setLanguage(language) {
        if (language === get().language) return;
        set({ language });
        update({ language });
      },

      setDefaultLanguage(language) {
        // Takes effect at the next reset, so the admin panel does not change language under them.
        set({ defaultLanguage: language });
      },

      toggleContrast() {
        set({ highContrast: !get().highContrast });
      },

      timeOut() {
        get().reset();
      },

      reset() {
        finish('partial');
        customer += 1;
        set({ ...fresh(get().defaultLanguage), visit: get().visit + 1 });
        onAttract?.(lastFinish);
      },
    };
  });
}

function logFailure(failure: SessionFailure): void {
  console.error(`[lastword] ${failure.stage} failed`, failure.error);
}
