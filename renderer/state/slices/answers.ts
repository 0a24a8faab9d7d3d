// The customer's answers, one screen at a time: each is written to the host as it is given and
// the screen moves on at once.
import type { FlowActions } from '../flow.ts';
import { emptyDraft } from '../steps.ts';
import type { SliceKit } from './kit.ts';

type AnswerActions = Pick<
  FlowActions,
  | 'chooseSmiley'
  | 'toggleReason'
  | 'confirmReasons'
  | 'chooseNps'
  | 'chooseCes'
  | 'submitComment'
  | 'submitContact'
>;

export function answersSlice({ get, set, advance, answer }: SliceKit): AnswerActions {
  return {
    chooseSmiley(smiley) {
      if (get().screen !== 'smiley') return;
      // A second tap while the first is being saved must not start a second answer.
      const opened = answer.open({ smiley, language: get().language }, () =>
        set({
          screen: 'smiley',
          draft: emptyDraft,
          help: 'none',
          notice: 'saveFailed',
          farewell: null,
          visit: get().visit + 1,
        }),
      );
      if (!opened) return;
      // The last customer's goodbye stays in the state: it leaves with the faces' screen, and
      // clearing it here drew that leaving screen again inside the tap (2-3 ms at 4x CPU
      // throttling, when the next customer in a queue taps). The next start over replaces it.
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
      if (reasons.length) answer.update({ reasons });
      advance();
    },
    chooseNps(nps) {
      answer.update({ nps });
      advance({ ...get().draft, nps });
    },
    chooseCes(ces) {
      answer.update({ ces });
      advance({ ...get().draft, ces });
    },
    submitComment(text) {
      const comment = text.trim();
      if (comment) answer.update({ comment });
      advance({ ...get().draft, comment });
    },
    submitContact(contact) {
      answer.update({ contact });
      advance({ ...get().draft, contact });
    },
  };
}
