// Typing a comment on the built-in keyboard, in the layouts the kiosk ships.
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { exampleConfig } from './support/config.ts';
import { createFakeBridge } from './support/fake-bridge.ts';
import { idleScreen, renderKiosk, startWith } from './support/render.tsx';

type User = Awaited<ReturnType<typeof renderKiosk>>['user'];

/** Happy path up to the comment screen, switching language on the way if asked. */
async function toComment(user: User, language?: string) {
  await startWith(user, 'Good');
  if (language) await user.click(screen.getByRole('button', { name: language }));
  await user.click(await screen.findByRole('button', { name: /Done|Готово|完成|Valmis|تم/ }));
  await user.click(await screen.findByRole('button', { name: '8' }));
  await user.click(await screen.findByRole('button', { name: '5' }));
  return screen.findByRole('group', { name: /keyboard|клавиатура|键盘|klaviatuur|لوحة المفاتيح/i });
}

async function tap(user: User, keyboard: HTMLElement, ...keys: string[]) {
  // find, not get: simple-keyboard builds its keys in an effect after the group is rendered.
  for (const key of keys)
    await user.click(await within(keyboard).findByRole('button', { name: key }));
}

describe('the on-screen keyboard', () => {
  it('types a comment, shows the room left, and sends it', async () => {
    const { user, answerCalls } = await renderKiosk();
    const keyboard = await toComment(user);
    await tap(user, keyboard, 'Shift', 'H', 'i', 'Space', 'm', 'a', 'Delete', 'e');
    const box = screen.getByRole('textbox', {
      name: 'Anything else you would like to tell us?',
    }) as HTMLTextAreaElement;
    expect(box.value).toBe('Hi me');
    expect(screen.getByText('295 characters left')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByRole('heading', { name: 'Thank you!' });
    await waitFor(() =>
      expect(answerCalls().find(([, r]) => 'step' in r && 'comment' in r.step)).toMatchObject([
        'updateAnswer',
        { step: { comment: 'Hi me' } },
      ]),
    );
  });

  it('has the Estonian letters', async () => {
    const { user } = await renderKiosk();
    const keyboard = await toComment(user, 'Eesti');
    await tap(user, keyboard, 'õ', 'ä', 'ö', 'ü', 'š', 'ž');
    expect(
      (
        screen.getByRole('textbox', {
          name: exampleConfig().survey.comment?.prompt.et,
        }) as HTMLTextAreaElement
      ).value,
    ).toBe('õäöüšž');
  });

  it('keeps the text typed when the language changes, and counts on in the new one', async () => {
    const { user } = await renderKiosk();
    const keyboard = await toComment(user);
    await tap(user, keyboard, 'o', 'k');
    await user.click(screen.getByRole('button', { name: 'Eesti' }));
    const box = screen.getByRole('textbox') as HTMLTextAreaElement;
    expect(box.value).toBe('ok');
    expect(screen.getByText('Jäänud on 298 märki')).toBeTruthy();
    await tap(user, keyboard, 'õ');
    expect(box.value).toBe('okõ');
    expect(screen.getByText('Jäänud on 297 märki')).toBeTruthy();
  });

  it('types Cyrillic in Russian and switches to Latin for an address', async () => {
    const { user } = await renderKiosk();
    const keyboard = await toComment(user, 'Русский');
    await tap(user, keyboard, 'п', 'р', 'и');
    expect(within(keyboard).queryByRole('button', { name: 'q' })).toBeNull();
    await tap(user, keyboard, 'ABC — Сменить раскладку', 'o', 'k');
    expect((screen.getByRole('textbox') as HTMLTextAreaElement).value).toBe('приok');
  });

  it('turns pinyin into Chinese characters through the candidate bar', async () => {
    const { user } = await renderKiosk();
    const keyboard = await toComment(user, '简体中文');
    await tap(user, keyboard, 'n', 'i');
    const bar = await screen.findByRole('group', { name: '候选汉字' });
    // The bar fills as the pinyin grows ("n", then "ni"): wait for the character, not the bar.
    await user.click(await within(bar).findByRole('button', { name: '你' }));
    await tap(user, keyboard, 'h', 'a', 'o');
    await user.click(await within(bar).findByRole('button', { name: '好' }));
    expect((screen.getByRole('textbox') as HTMLTextAreaElement).value).toBe('你好');
    expect(screen.getByText('还可输入 298 个字')).toBeTruthy();
  });

  it('offers characters for pinyin typed before the switch to Chinese', async () => {
    const { user } = await renderKiosk();
    const keyboard = await toComment(user);
    await tap(user, keyboard, 'n', 'i');
    await user.click(screen.getByRole('button', { name: '简体中文' }));
    const bar = await screen.findByRole('group', { name: '候选汉字' });
    await user.click(await within(bar).findByRole('button', { name: '你' }));
    expect((screen.getByRole('textbox') as HTMLTextAreaElement).value).toBe('你');
  });

  it('stops at the length the survey allows', async () => {
    const config = exampleConfig((c) => {
      if (c.survey.comment) c.survey.comment.maxLength = 10;
    });
    const { user } = await renderKiosk({ fake: createFakeBridge({}, config) });
    const keyboard = await toComment(user);
    await tap(user, keyboard, ...'abcdefghijkl'.split(''));
    expect((screen.getByRole('textbox') as HTMLTextAreaElement).value).toBe('abcdefghij');
    expect(screen.getByText('0 characters left')).toBeTruthy();
  });

  it('is built once: the next customer gets the same keys, cleared, typing into their box', async () => {
    const { user, answerCalls } = await renderKiosk({ fakeTimers: true });
    const first = await toComment(user);
    await tap(user, first, 'a', 'b');
    const key = within(first).getByRole('button', { name: 'a' });
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByRole('heading', { name: 'Thank you!' });
    act(() => vi.advanceTimersByTime(3_500)); // the thank-you lock ends: the faces are back
    await idleScreen();
    // Parked, it no longer hears every tap on the page (its key-release handler on the document).
    expect(document.onpointerup).toBeNull();

    const second = await toComment(user);
    expect(within(second).getByRole('button', { name: 'a' })).toBe(key);
    const box = screen.getByRole('textbox') as HTMLTextAreaElement;
    expect(box.value).toBe('');
    await tap(user, second, 'c');
    expect(box.value).toBe('c');
    // Lent again, it hears the finger lift again (a key's pressed look ends on it).
    expect(document.onpointerup).not.toBeNull();
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() =>
      expect(
        answerCalls()
          .filter(([, r]) => 'step' in r && 'comment' in r.step)
          .map(([, r]) => 'step' in r && r.step.comment),
      ).toEqual(['ab', 'c']),
    );
  });
});
