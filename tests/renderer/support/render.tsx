// Renders the whole kiosk page against a fake bridge, the way a customer meets it.
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { Boot } from '../../../renderer/Boot.tsx';
import { createFakeBridge } from './fake-bridge.ts';

type Fake = ReturnType<typeof createFakeBridge>;

export async function renderKiosk(options: { fake?: Fake; fakeTimers?: boolean } = {}) {
  const fake = options.fake ?? createFakeBridge();
  if (options.fakeTimers) vi.useFakeTimers({ shouldAdvanceTime: true });
  const user = userEvent.setup(
    options.fakeTimers ? { advanceTimers: vi.advanceTimersByTime.bind(vi) } : {},
  );
  const reloadPage = vi.fn();
  const view = render(<Boot client={fake.client} reloadPage={reloadPage} />);
  await screen.findByRole('button', { name: /Tap anywhere to start/ });
  return { ...fake, user, reloadPage, view };
}

/** From the attract screen to the reasons screen with the face of the given label. */
export async function startWith(user: ReturnType<typeof userEvent.setup>, face: string) {
  await user.click(screen.getByRole('button', { name: /Tap anywhere to start/ }));
  await user.click(await screen.findByRole('button', { name: face }));
}
