import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleConfig } from '../support/config.ts';
import { button, openKiosk, type KioskPage } from './kiosk-page.ts';

const survey = exampleConfig().survey;

describe('switching language, end to end', () => {
  let k: KioskPage;
  beforeAll(async () => {
    k = await openKiosk();
  });
  afterAll(async () => k?.close());

  it('lays Arabic out right to left and stores the language the customer ended in', async () => {
    const { page } = k;
    await button(page, 'العربية').click();
    expect(
      await page.evaluate(() => [document.documentElement.dir, document.documentElement.lang]),
    ).toEqual(['rtl', 'ar']);
    await page.getByRole('heading', { name: survey.smiley.prompt.ar }).waitFor();

    // Right to left: the first face (worst) is on the right.
    const worst = await button(page, survey.smiley.labels[0]!.ar!).boundingBox();
    const best = await button(page, survey.smiley.labels[4]!.ar!).boundingBox();
    expect(worst!.x).toBeGreaterThan(best!.x);

    await button(page, survey.smiley.labels[3]!.ar!).click();
    await expect.poll(() => k.answers()[0]?.language).toBe('ar');

    await button(page, 'Eesti').click();
    await page.getByRole('heading', { name: survey.reasons.prompt.et }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    await expect.poll(() => k.answers()[0]?.language).toBe('et');
    expect(await k.problems()).toEqual([]);
  });

  it('keeps every language button where it was when another is chosen', async () => {
    const { page } = k;
    // Continues from Estonian above, left to right like English.
    const languages = page.locator('.language');
    const boxes = () =>
      languages.evaluateAll((all) => all.map((b) => b.getBoundingClientRect().toJSON()));
    const before = await boxes();
    await button(page, 'English').click();
    await page.getByRole('heading', { name: survey.reasons.prompt.en }).waitFor();
    await expect
      .poll(() => page.locator('.language[aria-pressed="true"]').textContent())
      .toBe('English');
    await expect.poll(boxes).toEqual(before);
  });
});
