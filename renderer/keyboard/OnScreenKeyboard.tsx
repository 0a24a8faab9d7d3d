// The built-in keyboard (simple-keyboard), so nobody depends on the OS keyboard popping up over
// a kiosk window. It reports every change of the text. A parent that owns the text passes it as
// `value`, and this component mirrors it into simple-keyboard; without `value` the keyboard keeps
// the text itself, and a key press renders nothing here (the comment box, Comment.tsx). Pinyin
// layouts add a candidate bar above the keys. The keyboard itself is built ahead of time and
// borrowed (dock.ts).
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { afterPaint } from '../after-paint.ts';
import { useIsCurrentScreen } from '../ScreenSlot.tsx';
import { CandidateBar } from './CandidateBar.tsx';
import { borrowKeyboard, type LentKeyboard } from './dock.ts';
import type { LayoutId } from './layouts.ts';
import { keyboardSetup } from './options.ts';

export interface KeyboardProps {
  /** The text, when the parent owns it; without it the keyboard keeps the text. */
  value?: string;
  onChange: (value: string) => void;
  maxLength: number;
  language: string;
  /** Start on the Latin layout (e-mail addresses and phone numbers). */
  preferLatin?: boolean;
  /** The setup screen's keys for addresses, codes and PINs (layouts.ts addressLayout). */
  address?: boolean;
}

export default function OnScreenKeyboard({
  value,
  onChange,
  maxLength,
  language,
  preferLatin = false,
  address = false,
}: KeyboardProps) {
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const lent = useRef<LentKeyboard | null>(null);
  const [chosen, setChosen] = useState<{ for: string; id: LayoutId } | null>(null);
  const [shift, setShift] = useState(false);
  // The text as typed, for the candidate bar when the parent does not own the text.
  const [typed, setTyped] = useState('');
  const current = useIsCurrentScreen();

  // The customer's switch wins until the language or the field's preference changes.
  const context = `${language}|${preferLatin}`;
  const { layout, other, options } = useMemo(
    () =>
      keyboardSetup({
        address,
        language,
        preferLatin,
        chosen: chosen?.for === context ? chosen.id : null,
        shift,
        maxLength,
        t,
      }),
    [address, language, preferLatin, chosen, context, shift, maxLength, t],
  );

  // simple-keyboard keeps the callbacks it was given; they read the latest props here.
  const candidates = Boolean(layout.candidates);
  const fresh = { onChange, maxLength, context, other: other?.id, shift, options, candidates };
  const latest = useRef(fresh);
  useEffect(() => {
    latest.current = fresh;
  });

  /** A new text from the keys or the candidate bar: kept, and reported. */
  const changed = useCallback((input: string) => {
    const now = latest.current;
    const text = input.slice(0, now.maxLength);
    if (text !== input) lent.current?.keyboard.setInput(text);
    // Only the candidate bar draws the text here: other layouts render nothing per key press.
    if (now.candidates) setTyped(text);
    now.onChange(text);
  }, []);
  const pick = useCallback(
    (text: string) => {
      lent.current?.keyboard.setInput(text);
      changed(text);
    },
    [changed],
  );

  // Before the frame is painted, so the keys are on the screen's first frame.
  useLayoutEffect(() => {
    if (!host.current) return;
    const keyboard = borrowKeyboard(latest.current.options, {
      onChange: changed,
      onKeyPress: (button) => {
        const now = latest.current;
        if (button === '{shift}') setShift(!now.shift);
        else if (button === '{switch}' && now.other) setChosen({ for: now.context, id: now.other });
        else if (now.shift && !button.startsWith('{')) setShift(false);
      },
    });
    host.current.append(keyboard.element);
    lent.current = keyboard;
    return () => {
      lent.current = null;
      keyboard.giveBack();
    };
  }, [changed]);

  // Before the frame that shows the screen, so the first key press already counts. A screen
  // being left stops listening when it gives the keyboard back, after the next frame: hidden and
  // inert, it gets no key presses, and stopping cost the Send tap's frame 1 ms at 4x CPU
  // throttling (bench/tap-latency.ts).
  useLayoutEffect(() => {
    if (current) lent.current?.listen();
  }, [current]);

  // The keys are drawn the frame after their screen is shown. Rasterizing some forty keys was
  // most of the frame the customer's tap waited for (the effort question to the comment screen:
  // about 20 ms of raster at 4x CPU throttling, bench/tap-latency.ts); one frame later they come
  // within the 300 ms in which the new screen ignores taps anyway (ScreenFrame's SETTLE_MS).
  const [keysDrawn, setKeysDrawn] = useState(false);
  useEffect(() => (current ? afterPaint(() => setKeysDrawn(true)) : undefined), [current]);

  useEffect(() => {
    lent.current?.apply(options);
  }, [options]);

  useLayoutEffect(() => {
    const k = lent.current?.keyboard;
    if (k && value !== undefined && k.getInput() !== value) k.setInput(value);
  }, [value]);

  // A layout with candidates (a switch to Chinese mid-comment) starts from the text typed so far.
  useLayoutEffect(() => {
    if (candidates) setTyped(lent.current?.keyboard.getInput() ?? '');
  }, [candidates]);

  return (
    <div className={keysDrawn ? 'keyboard' : 'keyboard undrawn'} dir="ltr">
      {candidates && <CandidateBar value={value ?? typed} onChange={pick} />}
      <div ref={host} role="group" aria-label={t('keyboard.label')} />
    </div>
  );
}
