// Crash recovery in browser-kiosk mode: the kiosk runs as the thin client runs it (`node
// scripts/run.mjs kiosk serve --open`, Chromium launched by serve; bench/kiosk-timing.ts), the
// faces are up, and the page's renderer process is killed (DevTools `Page.crash`). Nothing in
// the bench reloads it: the clock stops when serve's own recovery has the faces painted again in
// that tab, read on the new page's clock (its navigation start + performance.now() at the first
// frame with the faces) against the wall clock when the crash was asked for. The host keeps
// running, as it does in the kiosk; a fresh kiosk every five crashes, serve's crash budget. Raw DevTools over a WebSocket (Node's own), since Playwright
// gives up on a page once it crashed. Build first. Prints one JSON object.
//
//   node bench/crash-recovery.ts          (BENCH_RUNS=10)
import { tempDir } from '../tests/support/tmp.ts';
import { startOpenKiosk, summary } from './kiosk-timing.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
/** A crashed tab that serve does not bring back within this counts as never recovered. */
const GIVE_UP_MS = 15_000;
/** In the page: resolves at the first frame with the faces, on the wall clock. */
const FACES_AT = `new Promise((resolve) => {
  const frame = () => document.querySelector('.screen-smiley .face')
    ? resolve(performance.timeOrigin + performance.now())
    : requestAnimationFrame(frame);
  frame();
})`;

/** One DevTools connection to the kiosk's tab; `call` rejects when it closes or times out. */
async function connect(url: string) {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = reject;
  });
  let nextId = 0;
  type Reply = { id?: number; result?: { result?: { value?: unknown } }; error?: unknown };
  const waiting = new Map<number, (reply: Reply) => void>();
  socket.onmessage = (event) => {
    const reply = JSON.parse(String(event.data)) as Reply;
    if (reply.id !== undefined) waiting.get(reply.id)?.(reply);
  };
  const call = (method: string, params: object, timeoutMs: number) =>
    new Promise<Reply>((resolve, reject) => {
      const id = ++nextId;
      const timer = setTimeout(() => reject(new Error(`${method} timed out`)), timeoutMs);
      socket.addEventListener('close', () => reject(new Error('connection closed')));
      waiting.set(id, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      socket.send(JSON.stringify({ id, method, params }));
    });
  return { call, close: () => socket.close() };
}

/** The DevTools address of the kiosk's tab, once the browser has one. */
async function kioskTab(port: string): Promise<string> {
  for (;;) {
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
      type: string;
      url: string;
      webSocketDebuggerUrl: string;
    }[];
    const tab = targets.find((t) => t.type === 'page' && t.url.startsWith('http://127.0.0.1:'));
    if (tab) return tab.webSocketDebuggerUrl;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The wall-clock moment of the first frame with the faces of a document newer than `after`. */
async function facesAfter(tabUrl: string, after: number): Promise<number | null> {
  const deadline = after + GIVE_UP_MS;
  while (Date.now() < deadline) {
    const tab = await connect(tabUrl).catch(() => null);
    try {
      const reply = await tab?.call(
        'Runtime.evaluate',
        { expression: FACES_AT, awaitPromise: true, returnByValue: true },
        2000,
      );
      const at = reply?.result?.result?.value;
      if (typeof at === 'number' && at > after) return at;
    } catch {
      // The tab has no page yet (crashed, or loading again): ask again.
    } finally {
      tab?.close();
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return null;
}

/** serve's crash budget: a sixth crash within ten minutes shows the out-of-service page. */
const CRASHES_PER_START = 5;
const recovered: number[] = [];
let neverRecovered = 0;
while (recovered.length + neverRecovered < RUNS) {
  const dir = tempDir('lastword-crash-');
  const kiosk = await startOpenKiosk(dir.path);
  try {
    const tabUrl = await kioskTab(await kiosk.devtoolsPort);
    await facesAfter(tabUrl, 0);
    for (let i = 0; i < CRASHES_PER_START && recovered.length + neverRecovered < RUNS; i++) {
      const tab = await connect(tabUrl);
      const crashedAt = Date.now();
      await tab.call('Page.crash', {}, 2000).catch(() => undefined);
      tab.close();
      const at = await facesAfter(tabUrl, crashedAt);
      if (at === null) neverRecovered++;
      else recovered.push(Math.round(at - crashedAt));
    }
  } finally {
    await kiosk.stop();
    dir.remove();
  }
}

process.stdout.write(
  `${JSON.stringify({
    bench: 'crash-recovery',
    mode: 'browser-kiosk: serve --open; renderer killed, serve reloads the tab',
    target_ms: 2000,
    crash_to_faces: summary(recovered),
    never_recovered: neverRecovered,
    gave_up_after_ms: GIVE_UP_MS,
  })}\n`,
);
