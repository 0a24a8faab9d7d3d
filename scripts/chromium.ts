// How a Chromium shows the kiosk in browser-kiosk mode: which browser, and the command line. One
// place for the demo (an app window on a developer's screen) and `npm run kiosk -- serve` (the
// whole screen of a thin client), so both open the kiosk the same way.
import { existsSync } from 'node:fs';

const CANDIDATES = [
  // Debian's chromium package (what deploy/linux installs) puts the browser here and a shell
  // launcher at /usr/bin/chromium. The launcher checks the CPU, sources /etc/chromium.d and adds
  // desktop flags (extensions, API keys) the kiosk does not want, before it execs this binary:
  // about 100 ms of every cold start on a thin client's two cores (bench/cold-start.ts).
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** CHROMIUM_PATH, else the first Chromium installed in the usual places; null if none. */
export function findChromium(
  env = process.env,
  exists: (path: string) => boolean = existsSync,
): string | null {
  return [env.CHROMIUM_PATH, ...CANDIDATES].find((p) => p && exists(p)) ?? null;
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
    // Cold start: the network stack runs in the browser process instead of a process of its own.
    // The launch request waited for that process to start (most of the 0.4-2.5 s from navigation
    // start to the request, bench/cold-start.ts), and the start is CPU-bound on a thin client's
    // two cores: in-process it takes about 0.5 s less CPU and the faces came 0.3-1.3 s sooner.
    // The kiosk only ever loads its own loopback address, so the network stack loses no
    // isolation that matters here; the page's renderer stays sandboxed.
    '--enable-features=NetworkServiceInProcess2',
    '--password-store=basic',
    '--check-for-update-interval=31536000',
    // Wayland where there is one (the cage session in deploy/linux), X11 otherwise.
    '--ozone-platform-hint=auto',
    // The kiosk page as an app window, not a tab: an app window has no toolbar, so Chromium does
    // not load the address bar's suggestion popup (a WebUI page in a renderer of its own) at
    // start. That renderer took about a second of CPU while the kiosk page loaded beside it; as
    // an app window the faces came 300-500 ms sooner (bench/cold-start.ts). Full screen as before.
    `--app=${url}`,
  ];
}

/** A command line as a POSIX shell reads it back: words with anything unusual single-quoted. */
export function shellLine(words: readonly string[]): string {
  return words
    .map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replaceAll("'", `'\\''`)}'`))
    .join(' ');
}
