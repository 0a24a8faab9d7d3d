// One simple-keyboard, built while the kiosk is idle and lent to whichever screen shows a
// keyboard. Built inside the tap that opens the comment screen, its ~50 keys (innerHTML, a
// listener per key, then their layout) held back that screen's first frame by far the most of
// any tap (bench/tap-latency.ts); lent, the screen only moves a finished element into place.
// When the screen goes the keyboard is parked again, cleared, for the next customer.
// Parked, or lent to a screen drawn ahead and not shown yet, it also stops listening to the page:
// simple-keyboard ends key presses from handlers on the whole document, so every tap on every
// screen (pointerup, touchend) walked all of its keys to drop a pressed class no key had: 4-6 ms
// of main thread per tap at 4x CPU throttling (a trace of the CES -> comment tap), before the
// frame that answers it. The document's key-release handlers belong to the one keyboard shown.
// Its caret listeners (key, mouse and touch ends, selection changes) are never kept: with caret
// positioning off, all they can do is unset a caret that is never set, and they ran on every
// tap while a keyboard was shown (the Send tap's included).
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
  /** Starts hearing a finger lift anywhere on the page, once it is shown; giveBack stops. */
  listen(): void;
  giveBack(): void;
}

interface Built {
  keyboard: SimpleKeyboard;
  element: HTMLDivElement;
  applied: string;
  handlers: KeyHandlers | null;
  /** Its key-release handlers, as its first render made them. */
  release: DocumentHandlers;
}

let parked: Built | null = null;
/** The keyboard on the screen shown, whose key releases the document reports. */
let listening: Built | null = null;

/** The document handler properties simple-keyboard's render sets (its key-release handling). */
const DOCUMENT_HANDLERS = ['onpointerup', 'ontouchend', 'ontouchcancel', 'onmouseup'] as const;
type DocumentHandlers = Partial<Pick<Document, (typeof DOCUMENT_HANDLERS)[number]>>;

/** Puts the listening keyboard's key-release handlers on the document, or none. */
function handDocumentToListening(): void {
  const release = listening?.release ?? {};
  Object.assign(
    document,
    Object.fromEntries(DOCUMENT_HANDLERS.map((n) => [n, release[n] ?? null])),
  );
}

/**
 * simple-keyboard's first render sets its key-release handlers on the document and adds its
 * caret listeners: keeps the handlers aside, gives the document back to the keyboard that is
 * listening, and drops the caret listeners. Later renders (new options) touch neither.
 */
function takeDocumentBack(built: Built): void {
  for (const name of DOCUMENT_HANDLERS) Object.assign(built.release, { [name]: document[name] });
  handDocumentToListening();
  const k = built.keyboard;
  for (const [type, listener] of [
    ['keyup', k.handleKeyUp],
    ['keydown', k.handleKeyDown],
    ['mouseup', k.handleMouseUp],
    ['touchend', k.handleTouchEnd],
    ['selectionchange', k.handleSelectionChange],
    ['select', k.handleSelect],
  ] as const)
    document.removeEventListener(type, listener);
}

function listen(built: Built): void {
  listening = built;
  handDocumentToListening();
}

function quiet(built: Built): void {
  if (listening !== built) return;
  listening = null;
  handDocumentToListening();
}

function park(built: Built): void {
  quiet(built);
  parked = built;
}

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
  const built: Built = {
    keyboard,
    element,
    applied: JSON.stringify(options),
    handlers: null,
    release: {},
  };
  takeDocumentBack(built);
  return built;
}

/** Builds the parked keyboard ahead of time, for the options the next screen will most likely ask. */
export function prepareKeyboard(options: KeyboardOptions): void {
  if (!parked) park(build(options));
}

/**
 * The parked keyboard (or a new one if it is out already), showing `options`, quiet until
 * `listen()`: a screen drawn ahead borrows it before it is shown.
 */
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
    listen: () => listen(built),
    giveBack() {
      built.handlers = null;
      built.keyboard.setInput('');
      built.element.remove();
      if (!parked) return park(built);
      quiet(built);
      // destroy() empties the document's key-release handlers, whoever they belonged to.
      built.keyboard.destroy();
      handDocumentToListening();
    },
  };
  lent.apply(options);
  return lent;
}
