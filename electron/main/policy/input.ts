// Keys a customer (or a passer-by with a keyboard) could use to leave, reload, print, zoom or
// inspect the kiosk. Filtered in before-input-event, which sees keys before the page and
// before Chromium's own shortcuts. OS-level combinations (Alt+Tab, Ctrl+Alt+Del, the Windows
// key) never reach the app; the kiosk session of the OS has to lock those down.

/** The parts of Electron's `Input` this filter reads. */
export interface KeyInput {
  type: string;
  key: string;
  alt: boolean;
  control: boolean;
  meta: boolean;
  shift: boolean;
}

/** With Ctrl/Cmd held, only text editing stays available: select all, copy, cut, paste, undo, redo, word moves. */
const EDITING_WITH_MODIFIER = new Set([
  'a',
  'c',
  'x',
  'v',
  'z',
  'y',
  'backspace',
  'delete',
  'arrowleft',
  'arrowright',
  'arrowup',
  'arrowdown',
  'home',
  'end',
]);

/** Alt + these navigate history, open the window menu or close the window. */
const BLOCKED_WITH_ALT = new Set([
  'arrowleft',
  'arrowright',
  'home',
  ' ',
  'spacebar',
  'tab',
  'enter',
  'escape',
]);

/** Blocked whatever the modifiers: Esc leaves fullscreen, the rest are browser/system keys. */
const ALWAYS_BLOCKED = new Set([
  'escape',
  'contextmenu',
  'help',
  'browserback',
  'browserforward',
  'browserrefresh',
  'browserhome',
  'browsersearch',
  'browserstop',
  'browserfavorites',
  'print',
  'close',
  'new',
  'open',
  'save',
  'zoomin',
  'zoomout',
  'zoomtoggle',
]);

const FUNCTION_KEY = /^f([1-9]|1[0-9]|2[0-4])$/;

/** A modifier pressed on its own does nothing yet; refusing it could confuse the combination that follows. */
const MODIFIER_ONLY = new Set(['control', 'alt', 'altgraph', 'shift', 'meta', 'os', 'capslock']);

export function shouldBlockInput(input: KeyInput, platform: NodeJS.Platform): boolean {
  const key = input.key.toLowerCase();
  // F1-F24 in any combination: F5 reload, F11 fullscreen, F12 devtools, F7 caret browsing, Alt+F4 close.
  if (FUNCTION_KEY.test(key) || ALWAYS_BLOCKED.has(key)) return true;
  if (MODIFIER_ONLY.has(key)) return false;

  // AltGr arrives as Ctrl+Alt on Windows and Linux; what it types ("@", "€", "{") is text, not a shortcut.
  const altGrText =
    platform !== 'darwin' &&
    input.control &&
    input.alt &&
    !input.meta &&
    [...input.key].length === 1 &&
    !/[a-z0-9]/i.test(input.key);
  if (altGrText) return false;

  if (input.control || input.meta) return !EDITING_WITH_MODIFIER.has(key);
  // On macOS Option+letter types accented characters, so only the navigation keys are refused.
  if (input.alt) return BLOCKED_WITH_ALT.has(key);
  return false;
}
