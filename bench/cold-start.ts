// Cold start in browser-kiosk mode, as the issue defines it: from starting the kiosk process to
// the faces on screen. The process is the thin client's own command (`node scripts/run.mjs kiosk
// serve --open`), which launches Chromium with its kiosk flags itself; the browser is only
// wrapped to run headless with a DevTools port (bench/kiosk-timing.ts).
//
// Nothing watches the page while it starts: a DevTools client attached during the start (as
// this bench did until 2026-12-03) pauses each new renderer until it has set up its domains, and
// cost the page 100-150 ms. The bench attaches ATTACH_AFTER_MS after the spawn and reads the
// start back from the page's own records: when the faces were first painted is the Element
// Timing entry of the faces (`elementtiming="faces"`, renderer/screens/Smiley.tsx), on the
// page's clock (navigation start + its startTime), against the wall clock at the spawn.
// `attached_before_faces` counts starts with no faces yet at the attach; those include it.
//
// Each run starts twice on one loopback port, as a kiosk does (its port is fixed): `first_start`
// in a fresh data folder (a new SQLite file and browser profile: the day the kiosk is
// installed), then `restart` in the same folder (the database and Chromium's profile and caches
// kept: every later power-on). The parts, each from the spawn: serve listening (`kiosk host:`
// printed), Chromium spawned, the host loaded (`config:` printed: its modules and config; the
// database next), navigation start (the browser up, the launch address asked for), its redirect
// answered, the kiosk page's HTML asked for and received, its script bundle, the config's bridge
// reply, the faces. Build first. Prints one JSON object.
//
//   node bench/cold-start.ts          (BENCH_RUNS=5, BENCH_ATTACH_AFTER_MS=4000)
import { tempDir } from '../tests/support/tmp.ts';
import { freePort, kioskPage, startOpenKiosk, summary } from './kiosk-timing.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ATTACH_AFTER_MS = Number(process.env.BENCH_ATTACH_AFTER_MS ?? 4000);
const PARTS = [
  'listening',
  'chromium_spawned',
  'host_loaded',
  'navigation_start',
  'launch_redirected',
  'html_requested',
  'html',
  'bundle',
  'config_reply',
  'faces',
] as const;
type Part = (typeof PARTS)[number];
let attachedBeforeFaces = 0;

/**
 * In the page: the moments of its start on the wall clock, once the faces have been painted.
 * Element Timing keeps its first entries for an observer that comes later (`buffered`).
 */
function readStart(): Promise<Record<string, number | null>> {
  return new Promise((resolve) => {
    new PerformanceObserver((list, observer) => {
      const faces = list
        .getEntries()
        .find((e) => (e as { identifier?: string }).identifier === 'faces');
      if (!faces) return;
      observer.disconnect();
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const end = (pattern: RegExp) => resources.find((r) => pattern.test(r.name))?.responseEnd;
      const at = (ms: number | undefined) =>
        ms === undefined ? null : performance.timeOrigin + ms;
      resolve({
        navigation_start: at(0),
        launch_redirected: at(nav.redirectEnd),
        html_requested: at(nav.requestStart),
        html: at(nav.responseEnd),
        bundle: at(end(/\/assets\/index-[\w-]+\.js$/)),
        config_reply: at(end(/\/bridge\/getConfig$/)),
        faces: at(faces.startTime),
      });
    }).observe({ type: 'element', buffered: true });
  });
}

/** One start of the kiosk in `dataDir` on `port`: each part's ms from the spawn. */
async function start(dataDir: string, port: number): Promise<Partial<Record<Part, number>>> {
  const kiosk = await startOpenKiosk(dataDir, port);
  try {
    await new Promise((resolve) => setTimeout(resolve, ATTACH_AFTER_MS));
    const browser = await kiosk.browser;
    const page = await kioskPage(browser);
    if (await page.evaluate(() => document.querySelector('.screen-smiley .face') === null))
      attachedBeforeFaces++;
    const read = page.evaluate(readStart);
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('no faces painted within 30 s')), 30_000).unref(),
    );
    const wall: Record<string, number | null | undefined> = {
      ...(await Promise.race([read, timeout])),
      listening: kiosk.printed.get('kiosk host'),
      chromium_spawned: kiosk.printed.get('chromium'),
      host_loaded: kiosk.printed.get('config'),
    };
    await browser.close();
    const parts: Partial<Record<Part, number>> = {};
    for (const p of PARTS) {
      const t = wall[p];
      if (typeof t === 'number') parts[p] = Math.round(t - kiosk.spawnedAt);
    }
    return parts;
  } finally {
    await kiosk.stop();
  }
}

const runs: Record<'first_start' | 'restart', Partial<Record<Part, number>>[]> = {
  first_start: [],
  restart: [],
};
for (let i = 0; i < RUNS; i++) {
  const dir = tempDir('lastword-cold-');
  const port = await freePort();
  try {
    runs.first_start.push(await start(dir.path, port));
    runs.restart.push(await start(dir.path, port));
  } finally {
    dir.remove();
  }
}

const report = (all: Partial<Record<Part, number>>[]) => ({
  start_to_faces: summary(all.flatMap((r) => r.faces ?? [])),
  from_start: Object.fromEntries(PARTS.map((p) => [p, summary(all.flatMap((r) => r[p] ?? []))])),
});
process.stdout.write(
  `${JSON.stringify({
    bench: 'cold-start',
    mode: 'browser-kiosk: node scripts/run.mjs kiosk serve --open',
    target_ms: 1500,
    first_start: report(runs.first_start),
    restart: report(runs.restart),
    attached_before_faces: attachedBeforeFaces,
  })}\n`,
);
