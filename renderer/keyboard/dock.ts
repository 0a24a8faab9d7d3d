// One simple-keyboard, built while the kiosk is idle and lent to whichever screen shows a
// keyboard. Built inside the tap that opens the comment screen, its ~50 keys (innerHTML, a
// listener per key, then their layout) held back that screen's first frame by far the most of
// any tap (bench/tap-latency.ts); lent, the screen only moves a finished element into place.
// When the screen goes the keyboard is parked again, cleared, for the next customer.
import type { KeyboardOptions } from 'simple-keyboard';
import SimpleKeyboard from 'simple-keyboard/build/index.modern.esm.js';

/** Where the lent keyboard's keys report to: the screen showing it. */
export interface KeyHandlers {
  onChange(input: string): void;
  onKeyPress(button: string): void;
}

export interface LentKeyboard {
  keyboard: SimpleKeyboard;
  element: HTMLDivElement;
  /** Shows `options`: rebuilds the keys only when they differ from those on it now. */
  apply(options: KeyboardOptions): void;
  giveBack(): void;
}

interface Built {
  keyboard: SimpleKeyboard;
  element: HTMLDivElement;
  applied: string;
  handlers: KeyHandlers | null;
}

let parked: Built | null = null;

function build(options: KeyboardOptions): Built {
  const element = document.createElement('div');
  // simple-keyboard names its instance after the element's first class, and needs one.
  element.className = 'simple-keyboard';
  const keyboard = new SimpleKeyboard(element, {
    ...options,
    useButtonTag: true,
    // Holding a key must not repeat it: a hesitant finger would type "cccc".
    disableButtonHold: true,
    disableCaretPositioning: true,
    preventMouseDownDefault: true,
    // The pinyin candidates are our own bar (CandidateBar.tsx), not simple-keyboard's box.
    enableLayoutCandidates: false,
    // simple-keyboard replaces the element's classes with its own plus this theme.
    theme: 'hg-theme-default lw-keys',
    onChange: (input: string) => built.handlers?.onChange(input),
    onKeyPress: (button: string) => built.handlers?.onKeyPress(button),
  });
  const built: Built = { keyboard, element, applied: JSON.stringify(options), handlers: null };
  return built;
}

/** Builds the parked keyboard ahead of time, for the options the next screen will most likely ask. */
export function prepareKeyboard(options: KeyboardOptions): void {
  parked ??= build(options);
}

/** The parked keyboard (or a new one if it is out already), showing `options`. */
export function borrowKeyboard(options: KeyboardOptions, handlers: KeyHandlers): LentKeyboard {
  const built = parked ?? build(options);
  parked = null;
  built.handlers = handlers;
  const lent: LentKeyboard = {
    keyboard: built.keyboard,
    element: built.element,
    apply(next) {
      const json = JSON.stringify(next);
      if (json === built.applied) return;
      built.keyboard.setOptions(next);
      built.applied = json;
    },
    giveBack() {
      built.handlers = null;
      built.keyboard.setInput('');
      built.element.remove();
      if (parked) built.keyboard.destroy();
      else parked = built;
    },
  };
  lent.apply(options);
  return lent;
}
