// Cold start in browser-kiosk mode: from spawning the kiosk host process to the faces painted in
// Chromium, which (as `npm start` does) is launched once the host listens. Each run uses a fresh
// data directory (new SQLite file) and a fresh browser. Also the parts: host ready, browser
// launched, page load to faces, and of that the part on the page's own clock (navigation start
// to faces: the redirect, the bundle, the config and the first frame, without the browser's
// process and tab set-up). Build the renderer first. Prints one JSON object.
//
//   node bench/cold-start.ts          (BENCH_RUNS=5)
import { launchChromium } from '../tests/support/chromium.ts';
import { tempDir } from '../tests/support/tmp.ts';
import { facesPainted, startHostProcess, summary } from './kiosk-timing.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const total: number[] = [];
const hostReady: number[] = [];
const browserLaunch: number[] = [];
const pageToFaces: number[] = [];
const navigationToFaces: number[] = [];

for (let i = 0; i < RUNS; i++) {
  const dir = tempDir('lastword-cold-');
  const t0 = performance.now();
  const host = startHostProcess(dir.path);
  try {
    const url = await host.url;
    const t1 = performance.now();
    const browser = await launchChromium();
    const t2 = performance.now();
    try {
      const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await page.goto(url, { waitUntil: 'commit' });
      navigationToFaces.push(await facesPainted(page));
      const t3 = performance.now();
      total.push(Math.round(t3 - t0));
      hostReady.push(Math.round(t1 - t0));
      browserLaunch.push(Math.round(t2 - t1));
      pageToFaces.push(Math.round(t3 - t2));
    } finally {
      await browser.close();
    }
  } finally {
    await host.stop();
    dir.remove();
  }
}

process.stdout.write(
  `${JSON.stringify({
    bench: 'cold-start',
    mode: 'browser-kiosk',
    target_ms: 1500,
    start_to_faces: summary(total),
    host_ready: summary(hostReady),
    browser_launch: summary(browserLaunch),
    page_to_faces: summary(pageToFaces),
    navigation_to_faces: summary(navigationToFaces),
  })}\n`,
);
