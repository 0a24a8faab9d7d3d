// Crash recovery: the kiosk page's renderer process is killed (CDP Page.crash) while the faces
// are up, the kiosk is loaded again at once in a fresh renderer (what the Electron shell's
// recovery does on render-process-gone), and the clock stops when the faces are painted again. The host keeps
// running, as it does in the kiosk. Build the renderer first. Prints one JSON object.
//
//   node bench/crash-recovery.ts          (BENCH_RUNS=10)
import { launchChromium } from '../tests/support/chromium.ts';
import { tempDir } from '../tests/support/tmp.ts';
import { facesPainted, startHostProcess, summary } from './kiosk-timing.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const dir = tempDir('lastword-crash-');
const host = startHostProcess(dir.path);
const browser = await launchChromium();
const recovered: number[] = [];
try {
  const url = await host.url;
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  // The launch address opens the kiosk once; the page it leads to is what a reload loads.
  const first = await context.newPage();
  await first.goto(url);
  await facesPainted(first);
  const kioskUrl = first.url();
  await first.close();
  for (let i = 0; i < RUNS; i++) {
    const page = await context.newPage();
    await page.goto(kioskUrl);
    await facesPainted(page);
    const cdp = await context.newCDPSession(page);
    const crashed = new Promise<void>((resolve) => page.once('crash', () => resolve()));
    const t0 = performance.now();
    void cdp.send('Page.crash').catch(() => undefined);
    await crashed;
    // Playwright cannot navigate a crashed page: a new page in the same browser context is the
    // same thing the shell's reload gets, a fresh renderer process with the warm HTTP cache.
    const again = await context.newPage();
    await again.goto(kioskUrl, { waitUntil: 'commit' });
    await facesPainted(again);
    recovered.push(Math.round(performance.now() - t0));
    await page.close();
    await again.close();
  }
} finally {
  await browser.close();
  await host.stop();
  dir.remove();
}

process.stdout.write(
  `${JSON.stringify({
    bench: 'crash-recovery',
    mode: 'browser-kiosk, renderer process killed, page reloaded at once',
    target_ms: 2000,
    crash_to_faces: summary(recovered),
  })}\n`,
);
