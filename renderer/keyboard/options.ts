// What simple-keyboard is told for a layout: rows, labels on the special keys and accessible
// names for the keys whose face is a symbol.
import type { KeyboardOptions } from 'simple-keyboard';
import {
  addressLayout,
  layoutsFor,
  withoutSwitch,
  type KioskLayout,
  type LayoutId,
} from './layouts.ts';

interface KeyOptionsInput {
  layout: KioskLayout;
  other: KioskLayout | undefined;
  shift: boolean;
  maxLength: number;
  t: (key: string) => string;
}

export function keyOptions({
  layout,
  other,
  shift,
  maxLength,
  t,
}: KeyOptionsInput): KeyboardOptions {
  const shifted = shift && layout.rows.shift ? layout.rows.shift : layout.rows.default;
  const rows = other ? shifted : withoutSwitch(shifted);
  return {
    layout: { default: rows },
    layoutName: 'default',
    maxLength,
    display: {
      '{bksp}': '⌫',
      '{shift}': '⇧',
      '{space}': t('keyboard.space'),
      '{switch}': other?.label ?? '',
    },
    buttonAttributes: [
      { attribute: 'aria-label', value: t('keyboard.backspace'), buttons: '{bksp}' },
      { attribute: 'aria-label', value: t('keyboard.shift'), buttons: '{shift}' },
      { attribute: 'aria-pressed', value: String(shift), buttons: '{shift}' },
      {
        attribute: 'aria-label',
        value: `${other?.label ?? ''} — ${t('keyboard.switchLayout')}`,
        buttons: '{switch}',
      },
    ],
    buttonTheme: [
      { class: 'key-wide', buttons: '{bksp} {shift} {switch}' },
      { class: 'key-space', buttons: '{space}' },
    ],
  };
}

interface SetupInput {
  address: boolean;
  language: string;
  preferLatin: boolean;
  /** The layout the customer switched to, if they did. */
  chosen: LayoutId | null;
  shift: boolean;
  maxLength: number;
  t: (key: string) => string;
}

/** The layout on the keys, the one the switch key goes to, and simple-keyboard's options. */
export function keyboardSetup({
  address,
  language,
  preferLatin,
  chosen,
  shift,
  maxLength,
  t,
}: SetupInput): {
  layout: KioskLayout;
  other: KioskLayout | undefined;
  options: KeyboardOptions;
} {
  const layouts = address ? [addressLayout] : layoutsFor(language);
  const preferred = preferLatin ? 'latin' : layouts[0]!.id;
  const layout = layouts.find((l) => l.id === (chosen ?? preferred)) ?? layouts[0]!;
  const other = layouts.find((l) => l.id !== layout.id);
  return { layout, other, options: keyOptions({ layout, other, shift, maxLength, t }) };
}
