// "Talk to someone now" for an unhappy customer who is still standing here. The button turns
// into a status line only once the host confirms the staff alert is raised: we never tell
// someone help is coming when it is not.
import { useTranslation } from 'react-i18next';
import { useFlow, useKiosk } from '../state/context.tsx';
import { isUnhappy } from '../state/steps.ts';

export function TalkNow() {
  const { t } = useTranslation();
  const { config } = useKiosk();
  const help = useFlow((f) => f.help);
  const unhappy = useFlow((f) => isUnhappy(config.survey, f.draft));
  const screen = useFlow((f) => f.screen);
  const talkNow = useFlow((f) => f.talkNow);

  if (screen === 'attract' || screen === 'smiley') return null;
  if (help === 'calling') {
    return (
      <div className="talk-now status" role="status">
        {t('help.calling')}
      </div>
    );
  }
  if (help === 'coming') {
    return (
      <div className="talk-now status coming" role="status">
        <strong>{t('help.coming')}</strong>
        <span>{t('help.comingDetail')}</span>
      </div>
    );
  }
  if (!unhappy || screen === 'thanks') return null;
  return (
    <div className="talk-now">
      {help === 'failed' && (
        <p className="talk-now-failed" role="alert">
          {t('help.failed')}
        </p>
      )}
      <button type="button" className="talk-now-button" onClick={talkNow}>
        <span aria-hidden="true" className="talk-now-icon">
          ☎
        </span>
        {t('help.button')}
      </button>
    </div>
  );
}
