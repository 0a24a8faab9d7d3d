// Endurance: many customers in a row through the real kiosk UI, with the page's timers
// fast-forwarded (Playwright's clock), against the real kiosk host in its own process on a real
// SQLite file. Each customer taps a face, confirms the reasons, answers NPS and CES, skips the
// comment, and the thank-you lock is fast-forwarded until the faces are back. The taps are DOM
// clicks on the real buttons (real handlers, store, bridge and host; no synthetic input delay).
// Every 100 customers the bench waits until the host has stored them all, so no backlog hides
// in the page. Measured after a warm-up and again at the end, both after a forced GC: the
// renderer's JS heap, the idle screen's DOM nodes (the document's; `renderer_dom_nodes` is
// Chromium's count, which also holds nodes out of the document that JS still reaches, such as
// the parked keyboard), and the host's RSS.
// Build the renderer first. Prints one JSON object.
//
//   node bench/endurance.ts          (BENCH_CUSTOMERS=10000)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../tests/support/chromium.ts';
import { tempDir } from '../tests/support/tmp.ts';
import { startHostProcess } from './kiosk-timing.ts';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 10_000);
const WARM_UP = Math.min(200, Math.floor(CUSTOMERS / 10));
const BATCH = 100;
/** Past the thank-you lock (3 s) and the screen-change guard. */
const THANKS_MS = 3500;

/** One customer, inside the page: from the idle faces to the thank-you screen. */
async function customer(): Promise<void> {
  // React renders in tasks posted on a MessageChannel; yielding a task lets a click's render land.
  const yieldTask = () =>
    new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(0);
    });
  const find = async (selector: string): Promise<HTMLElement> => {
    for (let i = 0; i < 500; i++) {
      const el = document.querySelector<HTMLElement>(selector);
      if (el) return el;
      await yieldTask();
    }
    throw new Error(`${selector} never appeared`);
  };
  (await find('.screen-smiley .face:nth-child(4)')).click();
  (await find('.screen-reasons .primary')).click();
  (await find('.scale-buttons.count-11 .scale-button:nth-child(10)')).click();
  (await find('.scale-buttons.count-7 .scale-button:nth-child(6)')).click();
  (await find('.screen-comment .actions .secondary')).click();
  await find('.screen-thanks');
}

async function measure(page: Page, cdp: CDPSession, hostPid: number) {
  // The idle screen at rest: the goodbye over the faces fades after a few seconds (of the page's
  // clock, which also runs in real time while the bench waits for the host), so without this the
  // two counts could catch the screen with and without it: 4 nodes apart, no leak.
  while (await page.locator('.farewell').count()) await page.clock.runFor(500);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${hostPid}/status`, 'utf8'))?.[1];
  return {
    js_heap_used_bytes: heap.usedSize,
    dom_nodes: await page.evaluate(() => {
      const walker = document.createTreeWalker(document);
      let nodes = 1;
      while (walker.nextNode()) nodes++;
      return nodes;
    }),
    renderer_dom_nodes: dom.nodes,
    page_elements: await page.evaluate(() => document.getElementsByTagName('*').length),
    host_rss_bytes: Number(rss) * 1024,
  };
}

const dir = tempDir('lastword-endurance-');
const host = startHostProcess(dir.path);
const browser = await launchChromium();
try {
  const url = await host.url;
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await page.clock.install();
  await page.goto(url);
  while (!(await page.locator('.screen-smiley').count())) await page.clock.runFor(50);
  const cdp = await context.newCDPSession(page);
  const db = new Database(join(dir.path, 'kiosk.sqlite'), { readonly: true });
  const stored = () =>
    (
      db.prepare(`SELECT count(*) AS n FROM answers WHERE status = 'complete'`).get() as {
        n: number;
      }
    ).n;

  const started = performance.now();
  let before: Awaited<ReturnType<typeof measure>> | null = null;
  for (let n = 1; n <= CUSTOMERS; n++) {
    await page.evaluate(customer);
    await page.clock.runFor(THANKS_MS);
    if (n % BATCH === 0 || n === WARM_UP || n === CUSTOMERS) {
      while (stored() < n) await new Promise((r) => setTimeout(r, 20));
    }
    if (n === WARM_UP) before = await measure(page, cdp, host.child.pid!);
  }
  const seconds = (performance.now() - started) / 1000;
  const after = await measure(page, cdp, host.child.pid!);
  db.close();
  process.stdout.write(
    `${JSON.stringify({
      bench: 'endurance',
      customers: CUSTOMERS,
      answers_stored: CUSTOMERS,
      seconds: Math.round(seconds),
      measured_after_warm_up_of: WARM_UP,
      before,
      after,
      js_heap_growth_bytes: after.js_heap_used_bytes - before!.js_heap_used_bytes,
      dom_nodes_growth: after.dom_nodes - before!.dom_nodes,
      renderer_dom_nodes_growth: after.renderer_dom_nodes - before!.renderer_dom_nodes,
      page_elements_growth: after.page_elements - before!.page_elements,
      host_rss_growth_bytes: after.host_rss_bytes - before!.host_rss_bytes,
      targets: { js_heap_growth_bytes: 5 * 1024 * 1024, dom_nodes_growth: 0 },
    })}\n`,
  );
} finally {
  await browser.close();
  await host.stop();
  dir.remove();
}
