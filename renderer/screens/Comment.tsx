// An optional comment, typed on the built-in keyboard, with the room left always in view.
import { Suspense, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roomLeft } from '../i18n/room-left.ts';
import { OnScreenKeyboard } from '../keyboard/index.ts';
import { useFlow, useKiosk, useText } from '../state/context.tsx';

export function Comment() {
  const { t } = useTranslation();
  const { comment } = useKiosk().config.survey;
  const text = useText();
  const submit = useFlow((f) => f.submitComment);
  const skip = useFlow((f) => f.skip);
  // The text itself lives in TypedComment, so a key press draws the text box and the keys again
  // and not the question and buttons around them; here only whether there is any, for Send.
  const typed = useRef('');
  const [canSend, setCanSend] = useState(false);
  const onTyped = useCallback((value: string) => {
    typed.current = value;
    setCanSend(value.trim() !== '');
  }, []);
  if (!comment) return null;
  return (
    <section className="screen screen-comment" aria-labelledby="comment-prompt">
      <h1 className="prompt" id="comment-prompt">
        {text(comment.prompt)}
      </h1>
      <TypedComment maxLength={comment.maxLength} onTyped={onTyped} />
      <div className="actions">
        <button type="button" className="secondary" onClick={skip}>
          {t('nav.skip')}
        </button>
        <button
          type="button"
          className="primary big"
          disabled={!canSend}
          onClick={() => submit(typed.current)}
        >
          {t('nav.send')}
        </button>
      </div>
    </section>
  );
}

/** The text typed so far, the room left and the keys: all that a key press changes. */
function TypedComment({
  maxLength,
  onTyped,
}: {
  maxLength: number;
  onTyped: (value: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = useFlow((f) => f.language);
  const [value, setValue] = useState('');
  const onChange = useCallback(
    (next: string) => {
      setValue(next);
      onTyped(next);
    },
    [onTyped],
  );
  const placeholder = useMemo(() => t('comment.placeholder'), [t]);
  const left = maxLength - value.length;
  return (
    <>
      <div className="typed">
        <textarea
          className="typed-text"
          aria-labelledby="comment-prompt"
          aria-describedby="comment-left"
          value={value}
          placeholder={placeholder}
          readOnly
          inputMode="none"
          dir="auto"
          rows={2}
        />
        <p className={`typed-left ${left < 20 ? 'few' : ''}`} id="comment-left" aria-live="polite">
          {roomLeft(t, i18n.language, left)}
        </p>
      </div>
      <Suspense fallback={<div className="keyboard placeholder" />}>
        <OnScreenKeyboard
          value={value}
          onChange={onChange}
          maxLength={maxLength}
          language={language}
        />
      </Suspense>
    </>
  );
}
