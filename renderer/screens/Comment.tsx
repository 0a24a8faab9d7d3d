// An optional comment, typed on the built-in keyboard, with the room left always in view.
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OnScreenKeyboard } from '../keyboard/index.ts';
import { useFlow, useKiosk, useText } from '../state/context.tsx';

export function Comment() {
  const { t } = useTranslation();
  const { comment } = useKiosk().config.survey;
  const text = useText();
  const language = useFlow((f) => f.language);
  const submit = useFlow((f) => f.submitComment);
  const skip = useFlow((f) => f.skip);
  const [value, setValue] = useState('');
  if (!comment) return null;
  const left = comment.maxLength - value.length;
  return (
    <section className="screen screen-comment" aria-labelledby="comment-prompt">
      <h1 className="prompt" id="comment-prompt">
        {text(comment.prompt)}
      </h1>
      <div className="typed">
        <textarea
          className="typed-text"
          aria-labelledby="comment-prompt"
          aria-describedby="comment-left"
          value={value}
          placeholder={t('comment.placeholder')}
          readOnly
          inputMode="none"
          dir="auto"
          rows={2}
        />
        <p className={`typed-left ${left < 20 ? 'few' : ''}`} id="comment-left" aria-live="polite">
          {t('comment.remaining', { count: left })}
        </p>
      </div>
      <Suspense fallback={<div className="keyboard placeholder" />}>
        <OnScreenKeyboard
          value={value}
          onChange={setValue}
          maxLength={comment.maxLength}
          language={language}
        />
      </Suspense>
      <div className="actions">
        <button type="button" className="secondary" onClick={skip}>
          {t('nav.skip')}
        </button>
        <button
          type="button"
          className="primary big"
          disabled={!value.trim()}
          onClick={() => submit(value)}
        >
          {t('nav.send')}
        </button>
      </div>
    </section>
  );
}
