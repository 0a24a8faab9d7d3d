// The built-in keyboard (simple-keyboard), so nobody depends on the OS keyboard popping up over
// a kiosk window. The parent owns the text; this component mirrors it into simple-keyboard and
// reports every change. Pinyin layouts add a candidate bar above the keys.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyboardOptions } from 'simple-keyboard';
import SimpleKeyboard from 'simple-keyboard/build/index.modern.esm.js';
import { CandidateBar } from './CandidateBar.tsx';
import { addressLayout, layoutsFor, type LayoutId } from './layouts.ts';
import { keyOptions } from './options.ts';

export interface KeyboardProps {
  value: string;
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
  const keyboard = useRef<SimpleKeyboard | null>(null);
  const layouts = useMemo(
    () => (address ? [addressLayout] : layoutsFor(language)),
    [address, language],
  );
  const [chosen, setChosen] = useState<{ for: string; id: LayoutId } | null>(null);
  const [shift, setShift] = useState(false);

  // The customer's switch wins until the language or the field's preference changes.
  const context = `${language}|${preferLatin}`;
  const preferred = preferLatin ? 'latin' : (layouts[0]?.id ?? 'latin');
  const activeId = chosen?.for === context ? chosen.id : preferred;
  const layout = layouts.find((l) => l.id === activeId) ?? layouts[0];
  const other = layouts.find((l) => l.id !== layout?.id);

  const options = useMemo(
    () => (layout ? keyOptions({ layout, other, shift, maxLength, t }) : null),
    [layout, other, shift, maxLength, t],
  );
  // The options simple-keyboard last rendered with: each setOptions rebuilds every key.
  const applied = useRef<KeyboardOptions | null>(null);

  // simple-keyboard keeps the callbacks it was created with; they read the latest props here.
  const latest = useRef({ onChange, maxLength, context, other: other?.id, shift, options });
  useEffect(() => {
    latest.current = { onChange, maxLength, context, other: other?.id, shift, options };
  });

  useEffect(() => {
    if (!host.current) return;
    const initial = latest.current.options;
    const instance = new SimpleKeyboard(host.current, {
      ...initial,
      useButtonTag: true,
      // Holding a key must not repeat it: a hesitant finger would type "cccc".
      disableButtonHold: true,
      disableCaretPositioning: true,
      preventMouseDownDefault: true,
      // simple-keyboard replaces the element's classes with its own plus this theme.
      theme: 'hg-theme-default lw-keys',
      onChange: (input: string) =>
        latest.current.onChange(input.slice(0, latest.current.maxLength)),
      onKeyPress: (button: string) => {
        const now = latest.current;
        if (button === '{shift}') setShift(!now.shift);
        else if (button === '{switch}' && now.other) setChosen({ for: now.context, id: now.other });
        else if (now.shift && !button.startsWith('{')) setShift(false);
      },
    });
    applied.current = initial;
    keyboard.current = instance;
    return () => {
      instance.destroy();
      keyboard.current = null;
    };
  }, []);

  useEffect(() => {
    if (!options || !keyboard.current || applied.current === options) return;
    keyboard.current.setOptions(options);
    applied.current = options;
  }, [options]);

  useEffect(() => {
    const k = keyboard.current;
    if (k && k.getInput() !== value) k.setInput(value);
  }, [value]);

  return (
    <div className="keyboard" dir="ltr">
      {layout?.candidates && <CandidateBar value={value} onChange={onChange} />}
      <div ref={host} className="simple-keyboard" role="group" aria-label={t('keyboard.label')} />
    </div>
  );
}
