import { screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BridgeError } from '../../renderer/bridge/errors.ts';
import { createFakeBridge, fakeAnswerId } from './support/fake-bridge.ts';
import { renderKiosk, startWith } from './support/render.tsx';

describe('an unhappy customer', () => {
  beforeEach(() => {
    // Failed writes are logged for the technician; here they are expected.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  it('gets the low reasons, can call staff at once, leaves a callback and a kind goodbye', async () => {
    const { user, answerCalls } = await renderKiosk();
    await startWith(user, 'Very bad');

    expect(await screen.findByRole('button', { name: /Waiting time/ })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Fast service/ })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Talk to someone now' }));
    expect(await screen.findByText('Someone is on their way')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Talk to someone now' })).toBeNull();
    const id = (answerCalls()[1]?.[1] as { answerId: string }).answerId;
    expect(answerCalls()[1]).toEqual(['requestHelp', { answerId: id }]);

    await user.click(screen.getByRole('button', { name: /Waiting time/ }));
    await user.click(screen.getByRole('button', { name: 'Done' }));
    await user.click(await screen.findByRole('button', { name: '2' }));
    // The help status stays in view on the next screens: the customer is waiting.
    expect(screen.getByText('Someone is on their way')).toBeTruthy();
    await user.click(await screen.findByRole('button', { name: '1' }));
    await user.click(await screen.findByRole('button', { name: 'Skip' }));

    expect(
      await screen.findByRole('heading', { name: 'Would you like us to contact you?' }),
    ).toBeTruthy();
    const consent = screen.getByRole('checkbox', {
      name: /I agree that Lastword demo store may contact me/,
    });
    expect((consent as HTMLInputElement).checked).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Skip' }));

    expect(await screen.findByRole('heading', { name: 'Thank you for telling us' })).toBeTruthy();
    expect(screen.getByText(/Your feedback goes straight to the store manager/)).toBeTruthy();
    await waitFor(() =>
      expect(answerCalls().at(-1)).toEqual(['finishAnswer', { answerId: id, status: 'complete' }]),
    );
  });

  it('can always ask for a person, even when the host flags the tap as a possible repeat', async () => {
    const fake = createFakeBridge({
      startAnswer: async () => ({
        answerId: fakeAnswerId(),
        durable: true,
        possibleRepeat: true,
        alertRaised: false,
      }),
    });
    const { user, answerCalls } = await renderKiosk({ fake });
    await startWith(user, 'Very bad');
    await user.click(await screen.findByRole('button', { name: 'Talk to someone now' }));
    expect(await screen.findByText('Someone is on their way')).toBeTruthy();
    expect(answerCalls().map(([c]) => c)).toEqual(['startAnswer', 'requestHelp']);
  });

  it('is told to ask at the counter when the staff alert cannot be raised', async () => {
    const fake = createFakeBridge({
      requestHelp: async () => {
        throw new BridgeError({ code: 'internal', message: 'disk full' });
      },
    });
    const { user } = await renderKiosk({ fake });
    await startWith(user, 'Bad');
    await user.click(await screen.findByRole('button', { name: 'Talk to someone now' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'We could not reach the staff. Please ask at the counter.',
    );
    expect(screen.queryByText('Someone is on their way')).toBeNull();
    // They can try again.
    expect(screen.getByRole('button', { name: 'Talk to someone now' })).toBeTruthy();
  });

  it('is asked to try again when the first tap could not be saved', async () => {
    const fake = createFakeBridge({
      startAnswer: async () => {
        throw new BridgeError({ code: 'unavailable', message: 'out of service' });
      },
    });
    const { user } = await renderKiosk({ fake });
    await startWith(user, 'Good');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Sorry, we could not save your answer. Please try again.',
    );
    expect(screen.getByRole('button', { name: 'Excellent' })).toBeTruthy();
  });
});
