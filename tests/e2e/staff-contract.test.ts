// The staff page reads what the collector sends through the contract in shared/staff-api.ts, in
// real Chromium under the page's strict CSP (zod runs jitless, so parsing trips no policy). A
// reply or stream event that does not fit (changed here by a proxy between page and collector)
// is shown as such: the page neither crashes nor draws a card from data it cannot trust.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.ts';
import { startRewriteProxy, type RewriteProxy } from '../support/rewrite-proxy.ts';
import { loginOnPage, watchedPage, type WatchedPage } from '../support/staff-page.ts';
import { startStaffCollector, type StaffCollector } from '../support/staff.ts';

describe('replies the staff page cannot read', () => {
  let c: StaffCollector;
  let proxy: RewriteProxy;
  let browser: Browser;
  let staff: WatchedPage;
  beforeAll(async () => {
    c = await startStaffCollector();
    await c.addUser('mo', 'manager');
    proxy = await startRewriteProxy(c.url);
    browser = await launchChromium();
    staff = await watchedPage(browser, { width: 1280, height: 800 });
    await loginOnPage(staff.page, proxy.url, 'mo');
  });
  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await c?.close();
  });

  it('parses replies and events under the CSP without a violation', async () => {
    const alert = await c.seedAlert('main', { answer: { comment: 'Queue too long' } });
    const card = staff.page.locator(`article[data-alert-id="${alert.id}"]`);
    await card.getByRole('button', { name: /Acknowledge/ }).click();
    await card.getByText('Acknowledged by Mo at').waitFor();
    expect(await staff.page.locator('.error-banner').isVisible()).toBe(false);
    expect(await staff.problems()).toEqual([]);
  });

  it('shows a stream event that breaks the contract as a warning, and stays live', async () => {
    const page = staff.page;
    proxy.rewrite = (path, text) =>
      path === '/staff/api/stream'
        ? text.replaceAll('"priority":"normal"', '"priority":"soon"')
        : text;
    await page.reload();
    await page.getByText('Live', { exact: true }).waitFor();
    const cards = page.locator('article[data-alert-id]');
    const before = await cards.count();

    const unreadable = await c.seedAlert('main', { priority: 'normal' });
    await page.getByText(/An update from the collector could not be read/).waitFor();
    expect(await page.locator(`article[data-alert-id="${unreadable.id}"]`).count()).toBe(0);

    const fine = await c.seedAlert('outlet', { kind: 'talk_now', priority: 'urgent' });
    await page.locator(`article[data-alert-id="${fine.id}"]`).waitFor();
    expect(await cards.count()).toBe(before + 1);
    expect(await page.locator('.conn').textContent()).toBe('Live');
    expect(await staff.problems()).toEqual([]);
  });

  it('shows a reply that breaks the contract as a clear error instead of a broken screen', async () => {
    const page = staff.page;
    proxy.rewrite = (path, text) =>
      path === '/staff/api/me' ? text.replace('"role":"manager"', '"role":"owner"') : text;
    await page.reload();
    const fatal = page.getByRole('alert');
    await fatal.getByText(/The collector sent a reply this screen cannot read/).waitFor();
    expect(await fatal.textContent()).toContain('GET me: user.role');
    expect(await page.locator('article, form').count()).toBe(0);
    expect(await staff.problems()).toEqual([]);
  });
});
