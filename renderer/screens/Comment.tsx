// An optional comment, typed on the built-in keyboard, with the room left always in view.
import { Suspense, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
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

/**
 * The text typed so far, the room left and the keys: all that a key press changes. The keyboard
 * keeps the text, and a key press writes the text box and the room-left line itself, without a
 * render: the render of these and of the keyboard component was a sixth of a key press's
 * JavaScript (CPU profiles at 4x CPU throttling, bench/tap-latency.ts's journey: 13.5 ms a press
 * with it, 11.2 without). A new language draws both again from the same text.
 */
function TypedComment({
  maxLength,
  onTyped,
}: {
  maxLength: number;
  onTyped: (value: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = useFlow((f) => f.language);
  const typed = useRef('');
  const box = useRef<HTMLTextAreaElement>(null);
  const left = useRef<HTMLParagraphElement>(null);
  /** Writes the text box and the room-left line for `text`. */
  const show = useCallback(
    (text: string) => {
      const room = maxLength - text.length;
      if (box.current) box.current.value = text;
      if (!left.current) return;
      left.current.textContent = roomLeft(t, i18n.language, room);
      left.current.classList.toggle('few', room < 20);
    },
    [maxLength, t, i18n.language],
  );
  // Drawn first, and again in a new language, before the frame.
  useLayoutEffect(() => show(typed.current), [show]);
  const onChange = useCallback(
    (next: string) => {
      typed.current = next;
      show(next);
      onTyped(next);
    },
    [show, onTyped],
  );
  const placeholder = useMemo(() => t('comment.placeholder'), [t]);
  return (
    <>
      <div className="typed">
        <textarea
          ref={box}
          className="typed-text"
          aria-labelledby="comment-prompt"
          aria-describedby="comment-left"
          placeholder={placeholder}
          readOnly
          inputMode="none"
          dir="auto"
          rows={2}
        />
        <p ref={left} className="typed-left" id="comment-left" aria-live="polite" />
      </div>
      <Suspense fallback={<div className="keyboard placeholder" />}>
        <OnScreenKeyboard onChange={onChange} maxLength={maxLength} language={language} />
      </Suspense>
    </>
  );
}
