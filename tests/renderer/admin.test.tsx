import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { BridgeError } from '../../renderer/bridge/errors.ts';
import { createFakeBridge, SESSION } from './support/fake-bridge.ts';
import { renderKiosk } from './support/render.tsx';

type User = Awaited<ReturnType<typeof renderKiosk>>['user'];

function tapCorner(times: number) {
  const corner = screen.getByTestId('admin-corner');
  for (let i = 0; i < times; i++) fireEvent.pointerDown(corner);
}

async function enterPin(user: User, pin: string) {
  const pad = screen.getByRole('dialog', { name: 'Admin access' });
  for (const d of pin) await user.click(within(pad).getByRole('button', { name: d }));
  await user.click(within(pad).getByRole('button', { name: 'Unlock' }));
}

describe('the admin panel', () => {
  it('opens after five taps in the corner, not four, and not by starting a survey', async () => {
    const { answerCalls } = await renderKiosk();
    tapCorner(4);
    expect(screen.queryByRole('dialog')).toBeNull();
    tapCorner(1);
    expect(screen.getByRole('dialog', { name: 'Admin access' })).toBeTruthy();
    expect(answerCalls()).toEqual([]);
  });

  it('shows the attempts left after a wrong PIN and the lock time when locked', async () => {
    let tries = 0;
    const fake = createFakeBridge({
      unlockAdmin: async () => {
        tries += 1;
        return tries < 5
          ? { session: null, attemptsLeft: 5 - tries, lockedUntil: null }
          : { session: null, attemptsLeft: 0, lockedUntil: '2030-01-01T14:05:00.000Z' };
      },
    });
    const { user } = await renderKiosk({ fake });
    tapCorner(5);
    await enterPin(user, '111111');
    expect(await screen.findByText('Wrong PIN. 4 attempts left.')).toBeTruthy();
    for (let i = 0; i < 3; i++) await enterPin(user, '111111');
    expect(await screen.findByText('Wrong PIN. 1 attempt left.')).toBeTruthy();
    await enterPin(user, '111111');
    const time = new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit' }).format(
      new Date('2030-01-01T14:05:00.000Z'),
    );
    expect(await screen.findByText(`Too many wrong PINs. Locked until ${time}.`)).toBeTruthy();
  });

  it('says locked when the host refuses with the locked code', async () => {
    const fake = createFakeBridge({
      unlockAdmin: async () => {
        throw new BridgeError({ code: 'locked', message: 'locked' });
      },
    });
    const { user } = await renderKiosk({ fake });
    tapCorner(5);
    await enterPin(user, '246810');
    expect(await screen.findByText('Too many wrong PINs. Try again later.')).toBeTruthy();
  });

  it('offers Unlock only once 6 digits are in', async () => {
    const { user, calls } = await renderKiosk();
    tapCorner(5);
    const pad = screen.getByRole('dialog', { name: 'Admin access' });
    const unlock = within(pad).getByRole('button', { name: 'Unlock' }) as HTMLButtonElement;
    for (const d of '24681') await user.click(within(pad).getByRole('button', { name: d }));
    expect(unlock.disabled).toBe(true);
    await user.click(within(pad).getByRole('button', { name: '0' }));
    expect(unlock.disabled).toBe(false);
    expect(calls.filter(([c]) => c === 'unlockAdmin')).toEqual([]);
  });

  it('shows the kiosk status and runs every action through the bridge with the session', async () => {
    const fake = createFakeBridge({
      exitKiosk: async () => {
        throw new BridgeError({
          code: 'unsupported',
          message: 'exit is not available in browser mode',
        });
      },
    });
    const { user, calls, reloadPage } = await renderKiosk({ fake });
    tapCorner(5);
    await enterPin(user, '246810');
    const panel = await screen.findByRole('dialog', { name: 'Kiosk administration' });
    expect(await within(panel).findByText('demo-kiosk-1')).toBeTruthy();
    expect(within(panel).getByText('/var/lib/lastword/kiosk.sqlite')).toBeTruthy();
    expect(within(panel).getByText('collector unreachable')).toBeTruthy();
    expect(within(panel).getByText('Offline')).toBeTruthy();

    await user.click(within(panel).getByRole('button', { name: 'Send a test alert' }));
    expect(await within(panel).findByText('Test alert sent.')).toBeTruthy();

    await user.click(within(panel).getByRole('button', { name: 'Eesti' }));
    expect(await within(panel).findByText('Default language is now Eesti.')).toBeTruthy();

    await user.click(within(panel).getByRole('button', { name: 'Exit the kiosk' }));
    await user.click(within(panel).getByRole('button', { name: 'Yes, exit' }));
    expect(
      await within(panel).findByText('That did not work: exit is not available in browser mode'),
    ).toBeTruthy();

    await user.click(within(panel).getByRole('button', { name: 'Reload the kiosk' }));
    await waitFor(() => expect(reloadPage).toHaveBeenCalledTimes(1));

    const admin = calls.filter(([c]) =>
      ['sendTestAlert', 'setDefaultLanguage', 'exitKiosk', 'reloadKiosk'].includes(c),
    );
    expect(admin).toEqual([
      ['sendTestAlert', { session: SESSION }],
      ['setDefaultLanguage', { session: SESSION, language: 'et' }],
      ['exitKiosk', { session: SESSION }],
      ['reloadKiosk', { session: SESSION }],
    ]);

    // The new default applies to the next customer.
    await user.click(within(panel).getByRole('button', { name: 'Close' }));
    expect(
      await screen.findByRole('heading', { name: 'Kuidas teie tänane külastus möödus?' }),
    ).toBeTruthy();
  });

  it('asks for the PIN again when the admin session has ended', async () => {
    const fake = createFakeBridge({
      sendTestAlert: async () => {
        throw new BridgeError({ code: 'unauthorized', message: 'session expired' });
      },
    });
    const { user } = await renderKiosk({ fake });
    tapCorner(5);
    await enterPin(user, '246810');
    await user.click(await screen.findByRole('button', { name: 'Send a test alert' }));
    expect(
      await screen.findByText('The admin session has ended. Enter the PIN again.'),
    ).toBeTruthy();
  });
});
