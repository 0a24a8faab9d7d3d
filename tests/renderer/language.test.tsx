import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { exampleConfig } from './support/config.ts';
import { renderKiosk, startWith } from './support/render.tsx';

const config = exampleConfig();

describe('languages', () => {
  it.each([
    ['Русский', 'ru', 'Коснитесь лица'],
    ['简体中文', 'zh-Hans', '请轻触一个表情'],
    ['Eesti', 'et', 'Puuduta nägu'],
    ['العربية', 'ar', 'المس أحد الوجوه'],
  ] as const)('%s shows the survey and the UI in that language', async (name, code, hint) => {
    const { user } = await renderKiosk();
    await user.click(screen.getByRole('button', { name }));
    expect(
      await screen.findByRole('heading', { name: config.survey.smiley.prompt[code] }),
    ).toBeTruthy();
    expect(screen.getByText(hint)).toBeTruthy();
    for (const label of config.survey.smiley.labels)
      expect(screen.getByRole('button', { name: label[code] })).toBeTruthy();
  });

  it('lays Arabic out right to left, on the page root too', async () => {
    const { user, view } = await renderKiosk();
    await user.click(screen.getByRole('button', { name: 'العربية' }));
    const root = view.container.querySelector('.kiosk');
    expect(root?.getAttribute('dir')).toBe('rtl');
    expect(root?.getAttribute('lang')).toBe('ar');
    expect(document.documentElement.dir).toBe('rtl');
    await user.click(screen.getByRole('button', { name: 'English' }));
    expect(root?.getAttribute('dir')).toBe('ltr');
    expect(document.documentElement.dir).toBe('ltr');
  });

  it('records a switch in the middle of an answer on that answer', async () => {
    const { user, answerCalls } = await renderKiosk();
    await startWith(user, 'Okay');
    await user.click(await screen.findByRole('button', { name: 'Eesti' }));
    expect(
      await screen.findByRole('heading', { name: config.survey.reasons.prompt.et }),
    ).toBeTruthy();
    await waitFor(() =>
      expect(answerCalls().at(-1)).toMatchObject(['updateAnswer', { step: { language: 'et' } }]),
    );
    expect(answerCalls()[0]).toEqual(['startAnswer', { smiley: 3, language: 'en' }]);
  });

  it('names each language in its own script', async () => {
    await renderKiosk();
    const nav = screen.getByRole('navigation', { name: 'Language' });
    expect([...nav.querySelectorAll('button')].map((b) => b.textContent)).toEqual([
      'English',
      'Русский',
      '简体中文',
      'Eesti',
      'العربية',
    ]);
  });
});

describe('high contrast', () => {
  it('is one tap away on every screen', async () => {
    const { user, view } = await renderKiosk();
    const toggle = screen.getByRole('button', { name: 'High contrast' });
    await user.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(view.container.querySelector('.kiosk')?.classList.contains('high-contrast')).toBe(true);
  });
});
