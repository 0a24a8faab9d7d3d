// The goodbye. Taps are ignored for the first seconds, so the customer's last tap (or the next
// person's impatient one) cannot fall through into a new answer; then back to attract.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Face } from '../components/Face.tsx';
import { useFlow, useKiosk, useText } from '../state/context.tsx';
import { isUnhappy } from '../state/steps.ts';

export const THANKS_LOCK_MS = 3000;
export const THANKS_SHOWN_MS = 8000;

export function ThankYou() {
  const { t } = useTranslation();
  const { survey } = useKiosk().config;
  const text = useText();
  const unhappy = useFlow((f) => isUnhappy(survey, f.draft));
  const reset = useFlow((f) => f.reset);
  const [locked, setLocked] = useState(true);

  useEffect(() => {
    const unlock = setTimeout(() => setLocked(false), THANKS_LOCK_MS);
    const done = setTimeout(reset, THANKS_SHOWN_MS);
    return () => {
      clearTimeout(unlock);
      clearTimeout(done);
    };
  }, [reset]);

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
      {locked ? (
        <div
          className="input-lock"
          data-testid="input-lock"
          aria-hidden="true"
          onPointerDown={(e) => e.preventDefault()}
        />
      ) : (
        <div className="actions">
          <button type="button" className="secondary" onClick={reset}>
            {t('nav.done')}
          </button>
        </div>
      )}
    </section>
  );
}
