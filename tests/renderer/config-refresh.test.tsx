// A survey the collector sends (or a default language set on the admin screen) reaches the
// customer at the next idle screen, after the previous answer is final — never mid-survey.
import { act, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PublicKioskConfig } from '../../shared/config.ts';
import { exampleConfig } from './support/config.ts';
import { createFakeBridge } from './support/fake-bridge.ts';
import { idleScreen, renderKiosk, startWith } from './support/render.tsx';

afterEach(() => vi.useRealTimers());

describe('a new kiosk config', () => {
  it('is applied at the next idle screen, not during the survey in progress', async () => {
    let current: PublicKioskConfig = exampleConfig();
    const fake = createFakeBridge({ getConfig: async () => current });
    const { user, calls } = await renderKiosk({ fake, fakeTimers: true });
    await startWith(user, 'Good');
    expect(
      await screen.findByRole('heading', { name: 'What influenced your rating?' }),
    ).toBeTruthy();

    current = exampleConfig((c) => {
      c.survey.version = 'v2';
      c.survey.reasons.prompt.en = 'What made the difference?';
      c.branding.welcome.en = 'Tell us about today';
    });
    // The customer goes on with the survey they started.
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(await screen.findByRole('button', { name: '7' })).toBeTruthy();

    act(() => vi.advanceTimersByTime(31_000)); // walks away: finished as partial, back to the faces
    await waitFor(() => expect(screen.getByText('Tell us about today')).toBeTruthy());
    const order = calls.map(([c]) => c);
    expect(order.lastIndexOf('getConfig')).toBeGreaterThan(order.indexOf('finishAnswer'));

    await startWith(user, 'Good');
    expect(await screen.findByRole('heading', { name: 'What made the difference?' })).toBeTruthy();
  });

  it('keeps the config in use when the host cannot be asked', async () => {
    let fail = false;
    const fake = createFakeBridge({
      getConfig: async () => {
        if (fail) throw new Error('host gone');
        return exampleConfig();
      },
    });
    const { user } = await renderKiosk({ fake, fakeTimers: true });
    fail = true;
    await startWith(user, 'Good');
    act(() => vi.advanceTimersByTime(31_000));
    await idleScreen();
    await startWith(user, 'Good');
    expect(
      await screen.findByRole('heading', { name: 'What influenced your rating?' }),
    ).toBeTruthy();
  });
});
