// The goodbye. Taps are ignored while it is up, so the customer's last tap (or the next person's
// impatient one) cannot fall through into a new answer; as soon as that lock ends the faces are
// back for the next customer, with the goodbye still over them (see Greeting).
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Face } from '../components/Face.tsx';
import { useIsCurrentScreen } from '../ScreenSlot.tsx';
import { useFlow, useKiosk, useText } from '../state/context.tsx';
import { counterOptions } from '../state/counter-options.ts';
import { isUnhappy } from '../state/steps.ts';

export function ThankYou() {
  const { t } = useTranslation();
  const { config } = useKiosk();
  const { survey } = config;
  const text = useText();
  const unhappy = useFlow((f) => isUnhappy(survey, f.draft));
  const welcomeNext = useFlow((f) => f.welcomeNext);
  const { thanksLockMs } = counterOptions(config);
  const current = useIsCurrentScreen();

  // The lock starts when the goodbye is shown, not while it is drawn ahead.
  useEffect(() => {
    if (!current) return;
    const done = setTimeout(welcomeNext, thanksLockMs);
    return () => clearTimeout(done);
  }, [current, welcomeNext, thanksLockMs]);

  return (
    <section
      className={`screen screen-thanks ${unhappy ? 'unhappy' : 'happy'}`}
      aria-labelledby="thanks-title"
    >
      <div className="thanks-art" aria-hidden="true">
        <Face mood={unhappy ? 3 : 5} />
      </div>
      <h1 className="prompt" id="thanks-title">
        {t(unhappy ? 'thanks.unhappyTitle' : 'thanks.happyTitle')}
      </h1>
      <p className="thanks-text">
        {text(unhappy ? survey.thankYou.unhappy : survey.thankYou.happy)}
      </p>
      {/* Only on the goodbye being shown: one drawn ahead or on its way out locks nothing. */}
      {current && (
        <div
          className="input-lock"
          data-testid="input-lock"
          aria-hidden="true"
          onPointerDown={(e) => e.preventDefault()}
        />
      )}
    </section>
  );
}
