// A follow-up from the live board in real Chromium against the real collector and a real SMTP
// sink: a staff member opens the form on the card of a customer who asked to be contacted, edits
// the template's text, sends it, and sees "delivered" on the card; the customer got exactly one
// mail. A card without consent offers no follow-up at all. The comment feed offers the same.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.ts';
import { answer, call } from '../support/collector.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { loginOnPage, watchedPage, type WatchedPage } from '../support/staff-page.ts';
import { LOCATIONS, startStaffCollector, type StaffCollector } from '../support/staff.ts';

const TO = 'ada.customer@example.test';

describe('follow-ups from the staff page', () => {
  let c: StaffCollector;
  let smtp: SmtpSink;
  let browser: Browser;
  let watched: WatchedPage;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    c = await startStaffCollector({
      alerts: {
        smtp: { host: smtp.host, port: smtp.port, from: 'lw@example.test', allowPlaintext: true },
        tickIntervalMs: 0,
      },
    });
    await c.addUser('aino', 'staff', [LOCATIONS.main.location]);
    browser = await launchChromium();
    watched = await watchedPage(browser);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await c?.close();
    await smtp?.close();
  });

  it('sends the edited text to a consenting customer and shows it delivered', async () => {
    const consenting = await c.seedAlert('main', {
      answer: {
        comment: 'The queue was far too long',
        contact: { consentVersion: 'v1', name: 'Ada', email: TO },
      },
    });
    const silent = await c.seedAlert('main', { answer: { comment: 'No contact left' } });
    const page = watched.page;
    await loginOnPage(page, c.url, 'aino');
    const card = page.locator(`article[data-alert-id="${consenting.id}"]`);
    await card.waitFor({ timeout: 15_000 });
    const other = page.locator(`article[data-alert-id="${silent.id}"]`);
    await other.waitFor();
    expect(await other.getByRole('button', { name: 'Follow up…' }).count()).toBe(0);

    await card.getByRole('button', { name: 'Follow up…' }).click();
    const message = card.getByLabel('Message');
    await message.waitFor();
    expect(await message.inputValue()).toContain('Dear Ada');
    expect(await message.inputValue()).toContain('Aino, Main store');
    await message.fill('Dear Ada, we are sorry about the queue. A coffee is on us. Aino');
    await card.getByRole('button', { name: 'Send follow-up' }).click();

    await card
      .getByText(/Follow-up e-mailed by Aino at .* — delivered/)
      .waitFor({ timeout: 30_000 });
    await c.app.alerts.idle();
    const mails = smtp.mails.filter((m) => m.to.includes(TO));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.raw).toContain('A coffee is on us.');
    expect(await watched.problems()).toEqual([]);
  });

  it('follows up from the comment feed, and the feed then shows it delivered', async () => {
    const k = LOCATIONS.main;
    const to = 'feed.customer@example.test';
    const a = answer(k.kioskId, 500, {
      smiley: 2,
      comment: 'Nobody at the desk',
      contact: { consentVersion: 'v1', name: 'Ben', email: to },
    });
    const reply = await call({ url: c.url, token: c.tokens[k.kioskId]! }, 'POST', '/v1/answers', {
      kioskId: k.kioskId,
      sentAt: new Date().toISOString(),
      answers: [a],
    });
    expect(reply.status).toBe(200);
    const page = watched.page;
    await page.goto(`${c.url}/staff/comments`);
    const item = page.locator(`li[data-answer-id="${a.id}"]`);
    await item.waitFor({ timeout: 15_000 });
    await item.getByRole('button', { name: 'Follow up…' }).click();
    await item.getByLabel('Template').selectOption('thanks');
    expect(await item.getByLabel('Message').inputValue()).toContain('Dear Ben');
    await item.getByRole('button', { name: 'Send follow-up' }).click();
    await item.getByText('Follow-up queued.').waitFor();
    await c.app.alerts.idle();
    expect(smtp.mails.filter((m) => m.to.includes(to))).toHaveLength(1);
    await page.reload();
    await page
      .locator(`li[data-answer-id="${a.id}"]`)
      .getByText(/Follow-up e-mailed by Aino at .* — delivered/)
      .waitFor({ timeout: 15_000 });
    expect(await watched.problems()).toEqual([]);
  });
});
