// How the kiosk speaks and looks for this customer: language, contrast and text size.
import type { FlowActions } from '../flow.ts';
import type { SliceKit } from './kit.ts';

type PreferenceActions = Pick<
  FlowActions,
  'setLanguage' | 'setDefaultLanguage' | 'toggleContrast' | 'toggleLargeText'
>;

export function preferencesSlice({ get, set, answer }: SliceKit): PreferenceActions {
  return {
    setLanguage(language) {
      if (language === get().language) return;
      set({ language });
      answer.update({ language });
    },
    setDefaultLanguage(language) {
      // Takes effect at the next reset, so the admin panel does not change language under them.
      set({ defaultLanguage: language });
    },
    toggleContrast() {
      set({ highContrast: !get().highContrast });
    },
    toggleLargeText() {
      set({ largeText: !get().largeText });
    },
  };
}
