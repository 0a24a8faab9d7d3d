// The proof, end to end in real Chromium: a low score tapped on the real kiosk page reaches the
// staff live screen of a logged-in staff member of that location, who acknowledges and resolves
// it there; the webhook and the e-mail went out once each.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { button } from './kiosk-page.ts';
import { STAFF_USER, startStaffStack, type StaffStack } from '../support/staff-page.ts';

describe('a low score on the kiosk, handled on the staff live screen', () => {
  let s: StaffStack;
  beforeAll(async () => {
    s = await startStaffStack();
  });
  afterAll(async () => s?.close());

  it('shows the card, acknowledges and resolves it, and notified each outside channel once', async () => {
    const kiosk = s.kioskPage.page;
    const staff = s.staffPage.page;
    await staff.getByText('All quiet').waitFor();

    await button(kiosk, 'Very bad').click();

    const card = staff.locator('article[data-alert-id]');
    await card.waitFor({ timeout: 15_000 });
    await expect.poll(() => card.count()).toBe(1);
    await expect.poll(() => card.textContent()).toMatch(/Low score/i);
    expect(await card.locator('.where').textContent()).toBe(`${s.location} · Service desk 1`);
    expect(await card.locator('.scores').textContent()).toContain('1/5 · Very bad');
    expect(await card.locator('.since').textContent()).toMatch(/just now|\d+ s ago/);
    const id = (await card.getAttribute('data-alert-id'))!;

    await card.getByRole('button', { name: /Acknowledge/ }).click();
    await card.getByText('Acknowledged by Dana at').waitFor();
    await expect.poll(() => card.getByRole('button', { name: /Acknowledge/ }).count()).toBe(0);

    await card.getByLabel('Outcome').selectOption('recovered');
    await card.getByLabel('Note').fill('Spoke to the customer, fixed the order');
    await card.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => staff.locator(`article[data-alert-id="${id}"]`).count()).toBe(0);
    await staff.getByText('All quiet').waitFor();

    const row = await s.collector.storage.db
      .selectFrom('staff_alerts')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    // Recorded by account id (migration 004); the card showed the name.
    const dana = await s.collector.storage.db
      .selectFrom('staff_users')
      .select('id')
      .where('username', '=', STAFF_USER)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'resolved',
      acknowledged_by_id: dana.id,
      resolved_by_id: dana.id,
      outcome: 'recovered',
      note: 'Spoke to the customer, fixed the order',
    });

    await s.collector.app.alerts.idle();
    expect(s.webhook.received.map((r) => r.path)).toEqual(['/lastword']);
    expect(s.smtp.mails.map((m) => m.to)).toEqual([['manager@example.com']]);

    expect(await s.kioskPage.problems()).toEqual([]);
    expect(await s.staffPage.problems()).toEqual([]);
  });
});
