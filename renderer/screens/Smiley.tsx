// The one question every customer answers: a face, labelled in words, one tap. It is also the
// idle screen: the welcome line above, a calm motion on the faces, and the first tap on a face
// is the answer (unless the config asks for a "tap anywhere" screen first).
import { useTranslation } from 'react-i18next';
import { Face, moodsFor } from '../components/Face.tsx';
import { Greeting } from '../components/Greeting.tsx';
import { useFlow, useKiosk, useText } from '../state/context.tsx';

export function Smiley() {
  const { t } = useTranslation();
  const { smiley } = useKiosk().config.survey;
  const text = useText();
  const choose = useFlow((f) => f.chooseSmiley);
  const notice = useFlow((f) => f.notice);
  const idle = useFlow((f) => f.idleScreen === 'smiley');
  const moods = moodsFor(smiley.faces);
  return (
    <section
      className={`screen screen-smiley ${idle ? 'idle' : ''}`}
      aria-labelledby="smiley-prompt"
    >
      {idle && <Greeting />}
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
            <span className="face-halo">
              <Face mood={moods[i] ?? 3} />
            </span>
            {/* The browser records when each label was first painted: cold start's finish line
                (bench/cold-start.ts reads it afterwards, without watching the start). */}
            <span className="face-label" elementtiming="faces">
              {text(label)}
            </span>
          </button>
        ))}
      </div>
    </section>
  );
}
