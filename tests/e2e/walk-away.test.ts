import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleConfig } from '../support/config.ts';
import { button, idleFaces, openKiosk, type KioskPage } from './kiosk-page.ts';

describe('a customer who walks away after the first tap, end to end', () => {
  let k: KioskPage;
  beforeAll(async () => {
    // The shortest idle time the config allows, so the test waits 10 s rather than 30.
    k = await openKiosk({ config: { ...exampleConfig(), idleTimeoutSeconds: 10 } });
  });
  afterAll(async () => k?.close());

  it('is asked "Still there?", then the answer is kept as partial and the screen resets', async () => {
    const { page } = k;
    await button(page, 'Русский').click();
    await button(page, 'Хорошо').click();
    await expect.poll(() => k.answers().map((a) => a.status)).toEqual(['draft']);

    const dialog = page.getByRole('alertdialog', { name: 'Вы ещё здесь?' });
    await dialog.waitFor({ timeout: 9_000 });
    expect(await dialog.textContent()).toMatch(/Начинаем заново через [1-5] секунд/);

    // Back to the start, in the default language, and the tap is kept.
    await idleFaces(page).waitFor({ timeout: 8_000 });
    await expect
      .poll(() => k.answers())
      .toMatchObject([{ status: 'partial', smiley: 4, language: 'ru', nps: null }]);
    expect(await k.problems()).toEqual([]);
  });
});
