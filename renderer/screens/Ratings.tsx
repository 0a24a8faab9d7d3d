// The numeric questions: NPS (0-10) always, CES (1-7) when the survey asks it.
import { useTranslation } from 'react-i18next';
import { Scale } from '../components/Scale.tsx';
import { useFlow, useKiosk, useText } from '../state/context.tsx';

function SkipButton() {
  const { t } = useTranslation();
  const skip = useFlow((f) => f.skip);
  return (
    <div className="actions">
      <button type="button" className="secondary" onClick={skip}>
        {t('nav.skip')}
      </button>
    </div>
  );
}

export function Nps() {
  const { nps } = useKiosk().config.survey;
  const text = useText();
  const choose = useFlow((f) => f.chooseNps);
  return (
    <section className="screen screen-nps">
      <Scale
        from={0}
        to={10}
        prompt={text(nps.prompt)}
        lowLabel={text(nps.ends.low)}
        highLabel={text(nps.ends.high)}
        onChoose={choose}
      />
      <SkipButton />
    </section>
  );
}

export function Ces() {
  const { ces } = useKiosk().config.survey;
  const text = useText();
  const choose = useFlow((f) => f.chooseCes);
  if (!ces) return null;
  return (
    <section className="screen screen-ces">
      <Scale
        from={1}
        to={7}
        prompt={text(ces.prompt)}
        lowLabel={text(ces.ends.low)}
        highLabel={text(ces.ends.high)}
        onChoose={choose}
      />
      <SkipButton />
    </section>
  );
}
