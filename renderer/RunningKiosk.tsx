// A kiosk with a valid config: one flow store and one i18next instance for the page's life.
import { useEffect, useMemo, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { Recover } from './components/Recover.tsx';
import type { PublicKioskConfig } from '../shared/config.ts';
import type { BridgeClient } from './bridge/client.ts';
import { directionOf } from './i18n/languages.ts';
import { roomLeft } from './i18n/room-left.ts';
import { createI18n } from './i18n/setup.ts';
import { loadKeyboard, prepareCommentKeyboard } from './keyboard/index.ts';
import { ScreenFrame, loadContact } from './ScreenFrame.tsx';
import { counterOptions } from './state/counter-options.ts';
import { FlowContext, KioskContext, type Kiosk } from './state/context.tsx';
import { createFlowStore } from './state/flow.ts';

interface Props {
  config: PublicKioskConfig;
  client: BridgeClient;
  reloadPage: () => void;
  onAttract?: (previousSettled: Promise<void>) => void;
}

/**
 * Classes on <html> that pick its font size, which every size in rem follows (styles/base.css):
 * larger text, and the typing screens, which shrink it back in landscape. Set in the same store
 * update as the screen, so they change in the frame that shows it. `:root:has(...)` rules did
 * this before, and also matched the comment screen drawn ahead, hidden, under the CES question,
 * which then lost its larger text (and Arabic its 8%).
 */
function sizeRoot({ largeText, screen }: { largeText: boolean; screen: string }) {
  const root = document.documentElement.classList;
  root.toggle('large-text', largeText);
  root.toggle('typing', screen === 'comment' || screen === 'contact');
}

function setup(config: PublicKioskConfig, client: BridgeClient, onAttract?: Props['onAttract']) {
  const i18n = createI18n(config.languages.default);
  const store = createFlowStore({
    client,
    survey: config.survey,
    defaultLanguage: config.languages.default,
    tapToStart: counterOptions(config).tapToStart,
    ...(onAttract && { onAttract }),
  });
  // Switch i18next inside the same store update that changes the language, so React renders the
  // new language once instead of one frame of the old text first.
  store.subscribe((now, before) => {
    if (now.largeText !== before.largeText || now.screen !== before.screen) sizeRoot(now);
    if (now.language === before.language) return;
    void i18n.changeLanguage(now.language);
    document.documentElement.lang = now.language;
    document.documentElement.dir = directionOf(now.language);
  });
  document.documentElement.lang = config.languages.default;
  document.documentElement.dir = directionOf(config.languages.default);
  sizeRoot(store.getState());
  return { i18n, store };
}

export function RunningKiosk({ config, client, reloadPage, onAttract }: Props) {
  const [{ i18n, store }] = useState(() => setup(config, client, onAttract));
  const kiosk = useMemo<Kiosk>(
    () => ({ config, client, reloadPage }),
    [config, client, reloadPage],
  );

  useEffect(() => {
    // Fetch the typing screens' code and build the keyboard while the panel is idle, so opening
    // the comment screen is as quick as any other tap.
    const timer = setTimeout(() => {
      const { comment } = config.survey;
      const language = config.languages.default;
      if (comment) {
        const t = i18n.getFixedT(language);
        void prepareCommentKeyboard(language, comment.maxLength, t);
        // The room-left line is the first plural the customer sees: i18next builds the language's
        // Intl.PluralRules on first use, 5-10 ms at 4x CPU throttling inside that tap.
        roomLeft(t, language, comment.maxLength);
      } else void loadKeyboard();
      void loadContact();
    }, 1000);
    return () => clearTimeout(timer);
  }, [config, i18n]);

  return (
    <KioskContext.Provider value={kiosk}>
      <FlowContext.Provider value={store}>
        <I18nextProvider i18n={i18n}>
          <Recover
            message={() => i18n.t('error.crashed')}
            onRecover={() => store.getState().reset()}
          >
            <ScreenFrame />
          </Recover>
        </I18nextProvider>
      </FlowContext.Provider>
    </KioskContext.Provider>
  );
}
