// The last seconds before an idle screen starts over: large, counted down, and dismissed by any
// tap (the idle timer listens for taps anywhere).
import { useTranslation } from 'react-i18next';

export function StillThere({ secondsLeft, onStay }: { secondsLeft: number; onStay: () => void }) {
  const { t } = useTranslation();
  return (
    <div
      className="overlay still-there"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="still-there-title"
      aria-describedby="still-there-count"
    >
      <div className="overlay-card">
        <h2 id="still-there-title">{t('idle.title')}</h2>
        <p id="still-there-count" className="countdown" aria-live="assertive">
          {t('idle.countdown', { count: secondsLeft })}
        </p>
        <button type="button" className="primary big" onClick={onStay}>
          {t('idle.stay')}
        </button>
      </div>
    </div>
  );
}
