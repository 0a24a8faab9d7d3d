// The line above the faces on the idle screen: the brand's welcome, or, right after an answer,
// the warm goodbye to the customer who just gave it (peak-end: the last moment is the one they
// remember), in their language, until the next customer taps or it fades after a few seconds.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { directionOf } from '../i18n/languages.ts';
import { pickText, useFlow, useKiosk, useText } from '../state/context.tsx';

/** How long the goodbye stays over the faces: with the 3 s lock, about the old 8 s. */
export const FAREWELL_MS = 5000;

export function Greeting() {
  const { i18n } = useTranslation();
  const { branding, survey, languages } = useKiosk().config;
  const text = useText();
  const farewell = useFlow((f) => f.farewell);
  const dismiss = useFlow((f) => f.dismissFarewell);

  useEffect(() => {
    if (!farewell) return;
    const timer = setTimeout(dismiss, FAREWELL_MS);
    return () => clearTimeout(timer);
  }, [farewell, dismiss]);

  if (!farewell) return <span className="greeting">{text(branding.welcome)}</span>;
  const { language, unhappy, helpComing } = farewell;
  const t = i18n.getFixedT(language);
  const thanks = unhappy ? survey.thankYou.unhappy : survey.thankYou.happy;
  return (
    <span
      className={`greeting farewell ${unhappy ? 'unhappy' : 'happy'}`}
      lang={language}
      dir={directionOf(language)}
    >
      <span className="farewell-title">
        {t(unhappy ? 'thanks.unhappyTitle' : 'thanks.happyTitle')}
      </span>{' '}
      <span className="farewell-text">
        {helpComing ? t('help.coming') : pickText(thanks, language, languages.default)}
      </span>
    </span>
  );
}
