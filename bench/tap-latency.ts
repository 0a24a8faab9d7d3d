// Tap -> next paint on the kiosk UI, in Chromium with 4x CPU throttling, measured by the browser's
// Event Timing API: for each interaction the longest of its event entries (input delay +
// handlers + rendering until the next frame is presented), overall and per screen (the on-screen
// keyboard is a screen of its own). The same customer on the same survey rendered by SurveyJS
// (survey-core + survey-react-ui) is driven in the same run (bench/tap-journeys.ts), then a page
// with one button, the browser's own floor. `targets` holds each kiosk screen against the issue's
// targets. Also the gzipped size of both UIs' JavaScript. Prints one JSON object.
//
//   node bench/tap-latency.ts          (BENCH_JOURNEYS=40 -> 480 kiosk taps, 560 SurveyJS)
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { exampleConfig } from '../tests/support/config.ts';
import { RENDERER_DIR, startKiosk } from '../tests/support/kiosk.ts';
import { FLOOR_PAGE, floorJourney, lastwordJourney, surveyJsJourney } from './tap-journeys.ts';
import { measure, METHOD } from './tap-measure.ts';

/**
 * Each journey taps the faces, NPS, CES and Send once: 40 taps a screen, so a screen's p95 is its
 * 38th fastest tap. With 15 it was its slowest (one thread preempted once decided it).
 */
const JOURNEYS = Number(process.env.BENCH_JOURNEYS ?? 40);
/** 120 taps of the floor page's button. */
const FLOOR_JOURNEYS = 10;
/** The targets (13): p95 <= 50 ms on every screen, and <= 0.5x SurveyJS's p95. */
const TARGET_P95_MS = 50;
const TARGET_RATIO = 0.5;
/** A kiosk screen's name in the SurveyJS journey (tap-journeys.ts): its faces are not idle. */
const surveyJsScreen = (screen: string) => (screen === 'idle faces' ? 'faces' : screen);

type Measured = Awaited<ReturnType<typeof measure>>;

/**
 * Every kiosk screen against both targets. The ratio is to SurveyJS's p95 of the whole run, as
 * the issue states it; the same screen's p95 in SurveyJS is printed beside it. The keyboard has
 * no SurveyJS counterpart (SurveyJS has no on-screen keyboard; its comment is typed with key
 * presses), and no screen can go under the floor: the browser's own p95 for one button.
 */
function targets(lastword: Measured, surveyjs: Measured) {
  const ratio = (a: number | null, b: number | null) =>
    a === null || !b ? null : Math.round((a / b) * 100) / 100;
  const screens = Object.entries(lastword.per_screen).map(([screen, { p95_ms }]) => {
    const same = surveyjs.per_screen[surveyJsScreen(screen)]?.p95_ms ?? null;
    const toRun = ratio(p95_ms, surveyjs.p95_ms);
    return [
      screen,
      {
        p95_ms,
        ratio_to_surveyjs_p95: toRun,
        met: p95_ms !== null && p95_ms <= TARGET_P95_MS && toRun !== null && toRun <= TARGET_RATIO,
        surveyjs_same_screen_p95_ms: same,
        ratio_to_same_screen: ratio(p95_ms, same),
      },
    ] as const;
  });
  return {
    p95_ms_at_most: TARGET_P95_MS,
    ratio_at_most: TARGET_RATIO,
    all_screens_met: screens.every(([, s]) => s.met),
    per_screen: Object.fromEntries(screens),
  };
}

function gzipSizes(dir: string, initialFiles: string[] = []) {
  const assets = join(dir, 'assets');
  const gz = (file: string) => gzipSync(readFileSync(join(assets, file)), { level: 9 }).length;
  const files = readdirSync(assets);
  const js = files.filter((f) => f.endsWith('.js'));
  const sum = (list: string[]) => list.reduce((n, f) => n + gz(f), 0);
  return {
    js_gzip_bytes: {
      initial: initialFiles.length ? sum(initialFiles) : sum(js),
      all_chunks: sum(js),
    },
    css_gzip_bytes: sum(files.filter((f) => f.endsWith('.css'))),
  };
}

/** The entry script and its modulepreloads: what must load before the first screen. */
function initialScripts(dir: string): string[] {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  return [...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+\.js)"/g)].map((m) => m[1]!);
}

function serveStatic(dir: string): Promise<{ url: string; server: Server }> {
  const types: Record<string, string> = {
    '.html': 'text/html',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.svg': 'image/svg+xml',
    '.woff2': 'font/woff2',
  };
  const server = createServer((req, res) => {
    const path = join(
      dir,
      (req.url ?? '/').split('?')[0] === '/' ? 'index.html' : (req.url ?? '').split('?')[0]!,
    );
    if (!path.startsWith(dir) || !existsSync(path)) return void res.writeHead(404).end();
    res
      .writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' })
      .end(readFileSync(path));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, server }),
    ),
  );
}

await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
const surveyJsDir = mkdtempSync(join(tmpdir(), 'lastword-surveyjs-'));
await build({
  configFile: false,
  root: 'bench/surveyjs',
  base: './',
  plugins: [react()],
  logLevel: 'error',
  build: { outDir: surveyJsDir, emptyOutDir: true, target: 'chrome120' },
});

const kiosk = await startKiosk({ config: exampleConfig() });
const surveyJs = await serveStatic(surveyJsDir);
try {
  const lastword = await measure(kiosk.url, lastwordJourney, JOURNEYS);
  const surveyjs = await measure(surveyJs.url, surveyJsJourney, JOURNEYS);
  const floor = await measure(FLOOR_PAGE, floorJourney, FLOOR_JOURNEYS);
  const result = {
    bench: 'tap-latency',
    chromium: lastword.chromium,
    ...METHOD,
    targets: targets(lastword, surveyjs),
    lastword: {
      ...lastword,
      chromium: undefined,
      ...gzipSizes(RENDERER_DIR, initialScripts(RENDERER_DIR)),
    },
    surveyjs: {
      ...surveyjs,
      chromium: undefined,
      ...gzipSizes(surveyJsDir, initialScripts(surveyJsDir)),
      comment_typed_with: 'physical key presses (SurveyJS has no on-screen keyboard)',
    },
    floor: { ...floor, chromium: undefined, per_screen: undefined, page: 'one button, touchend' },
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  surveyJs.server.close();
  await kiosk.close();
  rmSync(surveyJsDir, { recursive: true, force: true });
}
