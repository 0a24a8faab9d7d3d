// serve's recovery of its Chromium's tab, over the DevTools pipe: a crashed kiosk tab is loaded
// again at once, other targets' crashes are not the kiosk's, and past the crash budget the tab
// shows the out-of-service page. The browser's end of the pipe is played by the test (the real
// browser's crash and reload: tests/e2e/kiosk-serve.test.ts).
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { recoverCrashedPages } from '../../scripts/chromium-recovery.ts';

const KIOSK = 'http://127.0.0.1:4310/';

function fakeBrowser() {
  const toBrowser = new PassThrough();
  const fromBrowser = new PassThrough();
  const logged: string[] = [];
  /** Each page navigation serve asked for, by URL. */
  const navigations: string[] = [];
  let pending = '';
  toBrowser.setEncoding('utf8');
  toBrowser.on('data', (chunk: string) => {
    pending += chunk;
    for (let end = pending.indexOf('\0'); end >= 0; end = pending.indexOf('\0')) {
      const command = JSON.parse(pending.slice(0, end)) as {
        id: number;
        method: string;
        params: { url?: string };
      };
      pending = pending.slice(end + 1);
      if (command.method === 'Page.navigate') navigations.push(command.params.url!);
      const result = command.method === 'Target.attachToTarget' ? { sessionId: 'S' } : {};
      fromBrowser.write(`${JSON.stringify({ id: command.id, result })}\0`);
    }
  });
  recoverCrashedPages({
    toBrowser,
    fromBrowser,
    kioskUrl: KIOSK,
    log: (_level, message) => logged.push(message),
  });
  const event = (method: string, params: object) =>
    fromBrowser.write(`${JSON.stringify({ method, params })}\0`);
  event('Target.targetCreated', { targetInfo: { targetId: 'tab', type: 'page' } });
  event('Target.targetCreated', { targetInfo: { targetId: 'ui', type: 'browser_ui' } });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
  return { event, navigations, logged, settle };
}

describe("serve's recovery of a crashed kiosk tab", () => {
  it('loads the kiosk again in the tab whose renderer died, and only for a tab', async () => {
    const browser = fakeBrowser();
    browser.event('Target.targetCrashed', { targetId: 'ui', status: 'crashed' });
    await browser.settle();
    expect(browser.navigations).toEqual([]);
    browser.event('Target.targetCrashed', { targetId: 'tab', status: 'crashed' });
    await browser.settle();
    expect(browser.navigations).toEqual([KIOSK]);
    expect(browser.logged).toEqual(['kiosk screen failed (renderer crashed); reloading']);
  });

  it('shows the out-of-service page after more than five crashes in ten minutes', async () => {
    const browser = fakeBrowser();
    for (let i = 0; i < 6; i++) {
      browser.event('Target.targetCrashed', { targetId: 'tab', status: 'crashed' });
      await browser.settle();
    }
    expect(browser.navigations.slice(0, 5)).toEqual(Array(5).fill(KIOSK));
    const last = decodeURIComponent(browser.navigations[5]!);
    expect(last).toMatch(/^data:text\/html;charset=utf-8,/);
    expect(last).toContain('This kiosk is out of service');
    // The page's own stylesheet comes inline: a data: page loads nothing from anywhere.
    expect(last).toContain('<style>');
    expect(last).not.toContain('<link rel="stylesheet"');
    browser.event('Target.targetCrashed', { targetId: 'tab', status: 'crashed' });
    await browser.settle();
    expect(browser.navigations).toHaveLength(6);
  });
});
