// The setup screen of a kiosk without a config: shown instead of an error, the address, code and
// PIN typed on the kiosk's own keyboard, each refusal said in the page's language, and the survey
// started once the host has enrolled the kiosk (no reload).
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Boot } from '../../renderer/Boot.tsx';
import { BridgeError } from '../../renderer/bridge/errors.ts';
import type { EnrolOutcome } from '../../shared/enrolment.ts';
import { exampleConfig } from './support/config.ts';
import { createFakeBridge } from './support/fake-bridge.ts';

type User = ReturnType<typeof userEvent.setup>;

async function tap(user: User, ...keys: string[]) {
  const keyboard = await screen.findByRole('group', { name: /keyboard|клавиатура/i });
  for (const key of keys)
    await user.click(await within(keyboard).findByRole('button', { name: key }));
}

function newKiosk(outcomes: EnrolOutcome[]) {
  let enrolled = false;
  return createFakeBridge({
    getConfig: async () => {
      if (enrolled) return exampleConfig();
      throw new BridgeError({ code: 'not_found', message: 'this kiosk has no config yet' });
    },
    enrol: async () => {
      const outcome = outcomes.shift()!;
      enrolled = outcome.ok;
      return outcome;
    },
  });
}

async function fill(user: User) {
  await user.click(screen.getByLabelText('Collector address'));
  await tap(user, 'c', 'o', '.', 'e', 'u');
  await user.click(screen.getByLabelText('Enrolment code'));
  await tap(user, 'a', 'b', 'c', 'd', '2', '3', '4', '5');
  await user.click(screen.getByLabelText(/New admin PIN/));
  await tap(user, '1', '3', '5', '7', '9', '2');
}

describe('the setup screen', () => {
  it('enrols on the kiosk keyboard and starts the survey without a reload', async () => {
    const user = userEvent.setup();
    const fake = newKiosk([{ ok: true, kioskId: 'kiosk-new' }]);
    const reloadPage = vi.fn();
    render(<Boot client={fake.client} reloadPage={reloadPage} />);
    expect(await screen.findByRole('heading', { name: 'Set up this kiosk' })).toBeTruthy();
    await fill(user);
    expect((screen.getByLabelText('Enrolment code') as HTMLInputElement).value).toBe('ABCD-2345');
    expect((screen.getByLabelText(/New admin PIN/) as HTMLInputElement).value).toBe('••••••');
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect(await screen.findByRole('heading', { name: 'How was your visit today?' })).toBeTruthy();
    expect(fake.calls.filter(([c]) => c === 'enrol').map(([, r]) => r)).toEqual([
      { collector: 'co.eu', code: 'ABCD-2345', pin: '135792' },
    ]);
    expect(reloadPage).not.toHaveBeenCalled();
  });

  it('says why a code was refused, in the page language, and lets IT try again', async () => {
    const user = userEvent.setup();
    const fake = newKiosk([
      { ok: false, reason: 'enrolment_code_used', message: 'used already' },
      { ok: false, reason: 'rate_limited', message: 'too many', retryAfterSeconds: 90 },
    ]);
    render(<Boot client={fake.client} reloadPage={vi.fn()} browserLanguage="ru" />);
    expect(await screen.findByRole('heading', { name: 'Настройка киоска' })).toBeTruthy();
    await user.click(screen.getByLabelText('Адрес сервера сбора'));
    await tap(user, 'c', 'o', '.', 'e', 'u');
    await user.click(screen.getByLabelText('Код регистрации'));
    await tap(user, 'a', 'b', 'c', 'd', '2', '3', '4', '5');
    await user.click(screen.getByLabelText(/PIN-код администратора/));
    await tap(user, '1', '3', '5', '7', '9', '2');
    await user.click(screen.getByRole('button', { name: 'Подключить' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Этот код уже использован. Запросите новый.',
    );
    await user.click(screen.getByRole('button', { name: 'Подключить' }));
    expect(await screen.findByText(/Повторите через 90 с/)).toBeTruthy();
  });

  it('asks for a PIN of 6-12 digits before calling the host', async () => {
    const user = userEvent.setup();
    const fake = newKiosk([]);
    render(<Boot client={fake.client} reloadPage={vi.fn()} />);
    await screen.findByRole('heading', { name: 'Set up this kiosk' });
    await user.click(screen.getByLabelText('Collector address'));
    await tap(user, 'c', 'o', '.', 'e', 'u');
    await user.click(screen.getByLabelText('Enrolment code'));
    await tap(user, 'a', 'b', 'c', 'd', '2', '3', '4', '5');
    await user.click(screen.getByLabelText(/New admin PIN/));
    await tap(user, '1', '2', '3');
    await user.click(screen.getByRole('button', { name: 'Connect' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/6 to 12 digits/);
    expect(fake.calls.some(([c]) => c === 'enrol')).toBe(false);
  });
});
