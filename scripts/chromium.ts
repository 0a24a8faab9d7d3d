// How a Chromium shows the kiosk in browser-kiosk mode: which browser, and the command line. One
// place for the demo (an app window on a developer's screen) and `npm run kiosk -- serve` (the
// whole screen of a thin client), so both open the kiosk the same way.
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** CHROMIUM_PATH, else the first Chromium installed in the usual places; null if none. */
export function findChromium(env = process.env): string | null {
  return [env.CHROMIUM_PATH, ...CANDIDATES].find((p) => p && existsSync(p)) ?? null;
}

/**
 * Chromium's arguments. `app` is a window for a developer's desktop; `kiosk` takes the whole
 * screen with nothing to leave it by: no address bar, no error or restore bubbles, no pinch zoom
 * or swipe-back, no keyring prompt, no translate bar over the survey.
 */
export function chromiumArgs(url: string, profileDir: string, mode: 'app' | 'kiosk'): string[] {
  const common = [
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--disable-pinch',
    '--overscroll-history-navigation=0',
  ];
  if (mode === 'app') return [`--app=${url}`, ...common];
  return [
    '--kiosk',
    ...common,
    '--noerrdialogs',
    '--disable-infobars',
    '--disable-session-crashed-bubble',
    '--disable-features=Translate',
    '--password-store=basic',
    '--check-for-update-interval=31536000',
    // Wayland where there is one (the cage session in deploy/linux), X11 otherwise.
    '--ozone-platform-hint=auto',
    url,
  ];
}

/** A command line as a POSIX shell reads it back: words with anything unusual single-quoted. */
export function shellLine(words: readonly string[]): string {
  return words
    .map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replaceAll("'", `'\\''`)}'`))
    .join(' ');
}
