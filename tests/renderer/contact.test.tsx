import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderKiosk, startWith } from './support/render.tsx';

type User = Awaited<ReturnType<typeof renderKiosk>>['user'];

async function toContact(user: User) {
  await startWith(user, 'Very bad');
  await user.click(await screen.findByRole('button', { name: 'Done' }));
  await user.click(await screen.findByRole('button', { name: '3' }));
  await user.click(await screen.findByRole('button', { name: '2' }));
  await user.click(await screen.findByRole('button', { name: 'Skip' }));
  await screen.findByRole('heading', { name: 'Would you like us to contact you?' });
  return screen.findByRole('group', { name: 'On-screen keyboard' });
}

async function type(user: User, keyboard: HTMLElement, text: string) {
  for (const ch of text)
    await user.click(within(keyboard).getByRole('button', { name: ch === ' ' ? 'Space' : ch }));
}

describe('the callback offer', () => {
  it('insists on the consent box and says what is missing', async () => {
    const { user, answerCalls } = await renderKiosk();
    await toContact(user);
    await user.click(screen.getByRole('button', { name: 'Send' }));
    const alerts = screen.getAllByRole('alert').map((a) => a.textContent);
    expect(alerts).toEqual([
      'Please tick the box first.',
      'Please enter your name.',
      'Please enter a phone number or an e-mail address.',
    ]);
    expect(answerCalls().some(([, r]) => 'step' in r && 'contact' in r.step)).toBe(false);
  });

  it('rejects a phone number that is not one', async () => {
    const { user } = await renderKiosk();
    const keyboard = await toContact(user);
    await user.click(screen.getByRole('checkbox'));
    await type(user, keyboard, 'ann');
    await user.click(screen.getByRole('textbox', { name: 'Phone number or e-mail' }));
    await type(user, keyboard, '12');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(screen.getByRole('alert').textContent).toBe('This phone number does not look right.');
    expect(
      screen.getByRole('textbox', { name: 'Phone number or e-mail' }).getAttribute('aria-invalid'),
    ).toBe('true');
  });

  it('sends name, e-mail and the consent version the customer saw', async () => {
    const { user, answerCalls } = await renderKiosk();
    const keyboard = await toContact(user);
    await user.click(screen.getByRole('checkbox', { name: /I agree/ }));
    await type(user, keyboard, 'ann lee');
    await user.click(screen.getByRole('textbox', { name: 'Phone number or e-mail' }));
    await type(user, keyboard, 'ann@example.com');
    expect((screen.getByRole('textbox', { name: 'Your name' }) as HTMLInputElement).value).toBe(
      'ann lee',
    );
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByRole('heading', { name: 'Thank you for telling us' });
    await waitFor(() =>
      expect(answerCalls().find(([, r]) => 'step' in r && 'contact' in r.step)?.[1]).toMatchObject({
        step: { contact: { consentVersion: '2026-11', name: 'ann lee', email: 'ann@example.com' } },
      }),
    );
  });
});
