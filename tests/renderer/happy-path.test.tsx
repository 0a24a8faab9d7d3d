import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderKiosk, startWith } from './support/render.tsx';

describe('a happy customer', () => {
  it('answers every question and each step reaches the host in order', async () => {
    const { user, answerCalls } = await renderKiosk();

    await startWith(user, 'Good');
    // High score: the reasons come from the "high" list.
    expect(
      await screen.findByRole('heading', { name: 'What influenced your rating?' }),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Waiting time/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: /Fast service/ }));
    await user.click(screen.getByRole('button', { name: /Friendly staff/ }));
    await user.click(screen.getByRole('button', { name: /Fast service/ }));
    expect(
      screen.getByRole('button', { name: /Friendly staff/ }).getAttribute('aria-pressed'),
    ).toBe('true');
    expect(screen.getByRole('button', { name: /Fast service/ }).getAttribute('aria-pressed')).toBe(
      'false',
    );
    await user.click(screen.getByRole('button', { name: 'Done' }));

    const nps = await screen.findByRole('group', {
      name: 'How likely are you to recommend us to a friend?',
    });
    expect(within(nps).getByText(/Not at all likely/)).toBeTruthy();
    await user.click(within(nps).getByRole('button', { name: '9' }));

    const ces = await screen.findByRole('group', {
      name: 'How easy was it to get what you needed today?',
    });
    expect(
      within(ces)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    await user.click(within(ces).getByRole('button', { name: '6' }));

    await screen.findByRole('heading', { name: 'Anything else you would like to tell us?' });
    // Happy customers are not asked for a callback and see no help button.
    expect(screen.queryByRole('button', { name: 'Talk to someone now' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Skip' }));

    expect(await screen.findByRole('heading', { name: 'Thank you!' })).toBeTruthy();
    expect(screen.getByText('We are glad you had a good visit. See you again soon!')).toBeTruthy();

    await waitFor(() => expect(answerCalls().map(([c]) => c)).toContain('finishAnswer'));
    const id = (answerCalls()[1]?.[1] as { answerId: string }).answerId;
    expect(answerCalls()).toEqual([
      ['startAnswer', { smiley: 4, language: 'en' }],
      ['updateAnswer', { answerId: id, step: { reasons: ['friendly-staff'] } }],
      ['updateAnswer', { answerId: id, step: { nps: 9 } }],
      ['updateAnswer', { answerId: id, step: { ces: 6 } }],
      ['finishAnswer', { answerId: id, status: 'complete' }],
    ]);
  });

  it('labels every face in words, one per face the survey defines', async () => {
    await renderKiosk();
    const faces = ['Very bad', 'Bad', 'Okay', 'Good', 'Excellent'];
    for (const name of faces) expect(await screen.findByRole('button', { name })).toBeTruthy();
  });
});
