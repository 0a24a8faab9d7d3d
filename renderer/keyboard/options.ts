// What simple-keyboard is told for a layout: rows, labels on the special keys and accessible
// names for the keys whose face is a symbol.
import type { KeyboardOptions } from 'simple-keyboard';
import { withoutSwitch, type KioskLayout } from './layouts.ts';

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
