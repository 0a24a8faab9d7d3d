import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  button,
  keyboard,
  openKiosk,
  facesReady,
  typeOnKeyboard,
  type KioskPage,
} from './kiosk-page.ts';

describe('typing on the on-screen keyboard, end to end', () => {
  let k: KioskPage;
  beforeAll(async () => {
    k = await openKiosk();
  });
  afterAll(async () => k?.close());

  async function toComment(language: string, done: string) {
    await button(k.page, 'Good').click();
    await button(k.page, language).click();
    await button(k.page, done).click();
    await button(k.page, '8').click();
    await button(k.page, '6').click();
    await keyboard(k.page).waitFor();
  }

  it('stores an Estonian comment with its own letters', async () => {
    await toComment('Eesti', 'Valmis');
    await typeOnKeyboard(k.page, ['Suurtäht', 'Ä', 'g', 'e', 'd', 'a', 'Tühik', 'õ', 'ü', 'ž']);
    await button(k.page, 'Saada').click();
    await expect
      .poll(() => k.answers()[0])
      .toMatchObject({ status: 'complete', comment: 'Ägeda õüž', language: 'et' });
    await facesReady(k.page);
  });

  it('stores a Chinese comment typed in pinyin and picked from the candidate bar', async () => {
    await toComment('简体中文', '完成');
    const bar = k.page.getByRole('group', { name: '候选汉字' });
    await typeOnKeyboard(k.page, ['n', 'i']);
    await bar.getByRole('button', { name: '你', exact: true }).click();
    await typeOnKeyboard(k.page, ['h', 'a', 'o']);
    await bar.getByRole('button', { name: '好', exact: true }).click();
    expect(await k.page.getByRole('textbox').inputValue()).toBe('你好');
    await button(k.page, '发送').click();
    await expect
      .poll(() => k.answers()[1])
      .toMatchObject({ status: 'complete', comment: '你好', language: 'zh-Hans' });
    expect(await k.problems()).toEqual([]);
  });
});
