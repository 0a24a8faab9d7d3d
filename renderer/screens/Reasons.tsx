// Why: chips from the low or the high list depending on the face, any number of them, then Done.
import { useTranslation } from 'react-i18next';
import { useFlow, useKiosk, useText } from '../state/context.tsx';
import { reasonsFor } from '../state/steps.ts';

export function Reasons() {
  const { t } = useTranslation();
  const { survey } = useKiosk().config;
  const text = useText();
  // The list itself, not the face: drawn ahead while the faces wait, this screen is then not
  // rendered again by the tap on a face unless that face changes the list.
  const reasons = useFlow((f) => reasonsFor(survey, f.draft.smiley));
  const chosen = useFlow((f) => f.draft.reasons);
  const toggle = useFlow((f) => f.toggleReason);
  const confirm = useFlow((f) => f.confirmReasons);
  return (
    <section className="screen screen-reasons" aria-labelledby="reasons-prompt">
      <h1 className="prompt" id="reasons-prompt">
        {text(survey.reasons.prompt)}
      </h1>
      <p className="hint">{t('reasons.hint')}</p>
      <div className="chips" role="group" aria-labelledby="reasons-prompt">
        {reasons.map((reason) => {
          const on = chosen.includes(reason.id);
          return (
            <button
              key={reason.id}
              type="button"
              className="chip"
              aria-pressed={on}
              onClick={() => toggle(reason.id)}
            >
              {/* Both marks are always there, one hidden (questions.css): choosing a reason
                  changes no text, so the chip keeps its size and nothing is laid out again. */}
              <span className="chip-mark" aria-hidden="true">
                <span className="chip-add">+</span>
                <span className="chip-chosen">✓</span>
              </span>
              {text(reason.label)}
            </button>
          );
        })}
      </div>
      <div className="actions">
        <button type="button" className="primary big" onClick={confirm}>
          {t('nav.done')}
        </button>
      </div>
    </section>
  );
}
