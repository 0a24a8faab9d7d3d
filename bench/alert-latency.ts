// Alert latency end to end: a tap on "Very bad" on the real kiosk page (real Chromium, built
// renderer, kiosk host on SQLite, its sync engine) → collector (/v1/alerts, alert router, hub) →
// server-sent event → the card in the DOM of the staff live screen (real Chromium, logged in).
// Both pages run in one browser on one machine, so both timestamps are
// performance.timeOrigin + a high-resolution offset on the same clock: the tap from the
// pointerdown event's timeStamp, the card from a MutationObserver on the staff grid (and the
// next animation frame after it, ≈ first paint). Loopback; prints one JSON object.
//
//   node bench/alert-latency.ts        (BENCH_ALERTS=100)
import Database from 'better-sqlite3';
import { setRouting } from '../server/alerts/routing-store.ts';
import { button } from '../tests/e2e/kiosk-page.ts';
import { startStaffStack } from '../tests/support/staff-page.ts';
import { latencyStats } from './latency-stats.ts';

const ALERTS = Math.max(100, Number(process.env.BENCH_ALERTS ?? 100));

declare global {
  interface Window {
    __tapAt?: number;
    __cards?: Record<string, { dom: number; frame?: number }>;
  }
}

// The kiosk flags an answer started within 10 s of the previous one as a possible repeated press
// and raises no alert for it. Rather than wait 10 s a round, the kiosk's clock runs behind real
// time and jumps 11 s ahead each round (routing's lateAfterMinutes is raised to match, so these
// alerts are not marked late).
const STEP_MS = 11_000;
let kioskOffsetMs = -(ALERTS * STEP_MS + 60_000);
const s = await startStaffStack({ kioskNow: () => new Date(Date.now() + kioskOffsetMs) });
try {
  // Every tap must make its own card: a window far shorter than the pause between taps, and no
  // outside channels (their deliveries are measured by the alert tests, not here).
  await setRouting(
    s.collector.storage,
    s.location,
    {
      thresholds: {},
      aggregationMinutes: 0.001,
      lateAfterMinutes: Math.min(1440, -kioskOffsetMs / 60_000 + 5),
    },
    new Date(),
  );
  const kiosk = s.kioskPage.page;
  const staff = s.staffPage.page;
  await kiosk.addInitScript(() => {
    document.addEventListener(
      'pointerdown',
      (e) => (window.__tapAt = performance.timeOrigin + e.timeStamp),
      { capture: true },
    );
  });
  await staff.evaluate(() => {
    window.__cards = {};
    const grid = document.querySelector('section.grid')!;
    new MutationObserver((records) => {
      const dom = performance.timeOrigin + performance.now();
      for (const r of records) {
        for (const node of r.addedNodes) {
          const id = node instanceof HTMLElement ? node.dataset.alertId : undefined;
          if (!id || window.__cards![id]) continue;
          const entry: { dom: number; frame?: number } = { dom };
          window.__cards![id] = entry;
          requestAnimationFrame(() => (entry.frame = performance.timeOrigin + performance.now()));
        }
      }
    }).observe(grid, { childList: true });
  });

  const dom: number[] = [];
  const frame: number[] = [];
  const kioskDb = new Database(s.kiosk.databasePath, { readonly: true, fileMustExist: true });
  for (let i = 0; i < ALERTS; i++) {
    // The host resumes an unfinished answer on reload; finish the last one (as the idle timer
    // would, as partial) so that each round starts a new answer and raises a new alert.
    const draft = kioskDb.prepare(`SELECT id FROM answers WHERE status = 'draft'`).get() as
      { id: string } | undefined;
    if (draft) await s.kiosk.host.handle('finishAnswer', { answerId: draft.id, status: 'partial' });
    // reload, not goto: the launch address opens the page once (its cookie stays for reloads).
    await kiosk.reload();
    kioskOffsetMs += STEP_MS;
    const before = await staff.evaluate(() => Object.keys(window.__cards!).length);
    const target = button(kiosk, 'Very bad');
    await target.waitFor();
    // Past the kiosk's 300 ms guard against a double tap carrying over from the start screen.
    await kiosk.waitForTimeout(350);
    const box = (await target.boundingBox())!;
    await kiosk.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    const tapAt = await kiosk.evaluate(() => window.__tapAt!);
    await staff
      .waitForFunction(
        (n) =>
          Object.keys(window.__cards!).length > n &&
          Object.values(window.__cards!).every((c) => c.frame),
        before,
        { timeout: 15_000 },
      )
      .catch(async (error: Error) => {
        const rows = await s.collector.storage.db
          .selectFrom('staff_alerts')
          .select(['id', 'suppressed'])
          .execute();
        throw new Error(
          `round ${i}: no new card (${rows.length} staff alerts stored, ${before} cards seen): ${error.message}`,
        );
      });
    const card = await staff.evaluate(
      () => Object.values(window.__cards!).sort((a, b) => b.dom - a.dom)[0]!,
    );
    dom.push(card.dom - tapAt);
    frame.push(card.frame! - tapAt);
  }
  kioskDb.close();
  const cards = await staff.locator('article[data-alert-id]').count();
  const problems = [...(await s.kioskPage.problems()), ...(await s.staffPage.problems())];
  const result = {
    bench: 'alert-latency',
    chromium: s.browser.version(),
    alerts: ALERTS,
    cards_on_staff_page: cards,
    path: 'kiosk tap (pointerdown) → kiosk host SQLite → sync engine POST /v1/alerts → alert router → hub → SSE → staff page DOM',
    transport:
      'loopback, SQLite collector, one Chromium (kiosk and staff page in separate contexts)',
    tap_to_card_dom_ms: latencyStats(dom),
    tap_to_card_frame_ms: latencyStats(frame),
    problems,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await s.close();
}
