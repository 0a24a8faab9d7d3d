// Renders the whole kiosk page against a fake bridge, the way a customer meets it.
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { Boot } from '../../../renderer/Boot.tsx';
import { createFakeBridge } from './fake-bridge.ts';

type Fake = ReturnType<typeof createFakeBridge>;

export async function renderKiosk(
  options: { fake?: Fake; fakeTimers?: boolean; idle?: 'faces' | 'tapToStart' } = {},
) {
  const fake = options.fake ?? createFakeBridge();
  if (options.fakeTimers) vi.useFakeTimers({ shouldAdvanceTime: true });
  const user = userEvent.setup(
    options.fakeTimers ? { advanceTimers: vi.advanceTimersByTime.bind(vi) } : {},
  );
  const reloadPage = vi.fn();
  const view = render(<Boot client={fake.client} reloadPage={reloadPage} />);
  if (options.idle === 'tapToStart')
    await screen.findByRole('button', { name: /Tap anywhere to start/ });
  else await idleScreen();
  // The screen is up; let React run its effects (the touch guard, the idle timer) as it would
  // long before a person's finger lands.
  await act(async () => undefined);
  return { ...fake, user, reloadPage, view };
}

/** The idle screen in English: the faces, waiting for the next customer. */
export const idleScreen = () => screen.findByRole('heading', { name: 'How was your visit today?' });

/** From the idle screen to the reasons screen: one tap on the face of the given label. */
export async function startWith(user: ReturnType<typeof userEvent.setup>, face: string) {
  await user.click(await screen.findByRole('button', { name: face }));
}
