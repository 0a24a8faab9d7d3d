// The one question every customer answers: a face, labelled in words, one tap.
import { useTranslation } from 'react-i18next';
import { Face, moodsFor } from '../components/Face.tsx';
import { useFlow, useKiosk, useText } from '../state/context.tsx';

export function Smiley() {
  const { t } = useTranslation();
  const { smiley } = useKiosk().config.survey;
  const text = useText();
  const choose = useFlow((f) => f.chooseSmiley);
  const notice = useFlow((f) => f.notice);
  const moods = moodsFor(smiley.faces);
  return (
    <section className="screen screen-smiley" aria-labelledby="smiley-prompt">
      <h1 className="prompt" id="smiley-prompt">
        {text(smiley.prompt)}
      </h1>
      {notice === 'saveFailed' ? (
        <p className="notice" role="alert">
          {t('error.saveFailed')}
        </p>
      ) : (
        <p className="hint">{t('smiley.hint')}</p>
      )}
      <div className={`faces count-${moods.length}`}>
        {smiley.labels.map((label, i) => (
          <button
            key={i}
            type="button"
            className={`face mood-${moods[i]}`}
            onClick={() => choose(i + 1)}
          >
            <Face mood={moods[i] ?? 3} />
            <span className="face-label">{text(label)}</span>
          </button>
        ))}
      </div>
    </section>
  );
}
