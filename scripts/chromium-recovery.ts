// The kiosk screen's recovery where serve runs Chromium itself (`serve --open`). Chromium shows a
// "sad tab" when the page's renderer process dies, and nothing brings the survey back: the
// browser itself still runs, so serve's reopen-on-exit never fires. serve starts Chromium with
// `--remote-debugging-pipe` (DevTools on two pipes only serve holds: no port, nothing another
// process can reach), hears `Target.targetCrashed` the moment the renderer is gone and loads the
// kiosk again in that tab (the bridge cookie lives in the browser, so it still holds). The same
// policy as the Electron shell (electron/main/policy/recovery.ts): more than five failures in
// ten minutes and the tab shows the out-of-service page instead of a crash loop.
import type { Readable, Writable } from 'node:stream';
import type { Logger } from '../electron/core/log.ts';
import { backgroundTimers } from '../electron/core/timers.ts';
import { createCrashBudget } from '../electron/main/policy/crash-budget.ts';
import { OUT_OF_SERVICE_PATH, SHELL_FILES } from '../electron/main/policy/out-of-service.ts';
import { createRecovery } from '../electron/main/policy/recovery.ts';

/** The Chromium flag that opens DevTools on file descriptors 3 (commands) and 4 (replies). */
export const DEVTOOLS_PIPE_FLAG = '--remote-debugging-pipe';

interface Message {
  id?: number;
  method?: string;
  params?: { targetId?: string; targetInfo?: { targetId: string; type: string } };
  result?: { sessionId?: string };
  error?: { message: string };
}

/** The out-of-service page as one data: address: the tab loads nothing else once it shows. */
function outOfServiceUrl(): string {
  const css = Object.values(SHELL_FILES).find((f) => f.type.startsWith('text/css'))!.body;
  const html = SHELL_FILES[OUT_OF_SERVICE_PATH]!.body.replace(
    /<link rel="stylesheet"[^>]*>/,
    `<style>${css}</style>`,
  );
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

export function recoverCrashedPages(opts: {
  toBrowser: Writable;
  fromBrowser: Readable;
  /** The kiosk page; a reload needs no launch address, the cookie is set already. */
  kioskUrl: string;
  log: Logger;
}): void {
  let nextId = 0;
  const replies = new Map<number, (message: Message) => void>();
  const send = (method: string, params: object, sessionId?: string): Promise<Message> =>
    new Promise((resolve) => {
      const id = ++nextId;
      replies.set(id, resolve);
      opts.toBrowser.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
    });
  // Browser windows' own UI pages are targets too; only the tabs carry the kiosk.
  const tabs = new Set<string>();
  let crashed: string | null = null;
  const navigate = async (url: string): Promise<void> => {
    if (!crashed) return;
    const attached = await send('Target.attachToTarget', { targetId: crashed, flatten: true });
    const sessionId = attached.result?.sessionId;
    const done = sessionId ? await send('Page.navigate', { url }, sessionId) : attached;
    if (done.error)
      opts.log('error', 'could not reload the kiosk tab', { error: done.error.message });
  };
  const recovery = createRecovery({
    budget: createCrashBudget({ max: 5, windowMs: 10 * 60_000, now: Date.now }),
    timers: backgroundTimers,
    actions: {
      reload: () => void navigate(opts.kioskUrl),
      // Hangs are not watched here, so nothing asks for this.
      killRenderer: () => undefined,
      outOfService: () => void navigate(outOfServiceUrl()),
      log: (message) => opts.log('warn', message),
    },
  });

  let buffered = '';
  opts.fromBrowser.setEncoding('utf8');
  opts.fromBrowser.on('data', (chunk: string) => {
    buffered += chunk;
    for (let end = buffered.indexOf('\0'); end >= 0; end = buffered.indexOf('\0')) {
      const message = JSON.parse(buffered.slice(0, end)) as Message;
      buffered = buffered.slice(end + 1);
      if (message.id !== undefined) {
        replies.get(message.id)?.(message);
        replies.delete(message.id);
      } else if (message.method === 'Target.targetCreated') {
        const info = message.params?.targetInfo;
        if (info?.type === 'page') tabs.add(info.targetId);
      } else if (message.method === 'Target.targetDestroyed') {
        tabs.delete(message.params?.targetId ?? '');
      } else if (message.method === 'Target.targetCrashed') {
        if (!tabs.has(message.params?.targetId ?? '')) continue;
        crashed = message.params!.targetId!;
        recovery.rendererGone('crashed');
      }
    }
  });
  // Chromium closes its end when it exits; serve opens a new one with new pipes.
  opts.fromBrowser.on('error', () => undefined);
  opts.toBrowser.on('error', () => undefined);
  void send('Target.setDiscoverTargets', { discover: true });
}
