import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { exampleConfig } from './support/config.ts';
import { createFakeBridge } from './support/fake-bridge.ts';
import { renderKiosk } from './support/render.tsx';

describe('a survey with four faces and no optional questions', () => {
  const config = exampleConfig((c) => {
    c.survey.smiley.faces = 4;
    c.survey.smiley.labels = c.survey.smiley.labels.filter((_, i) => i !== 2);
    delete c.survey.ces;
    delete c.survey.comment;
    delete c.survey.contact;
  });

  it('shows four faces and goes from NPS straight to the thank-you', async () => {
    const { user, answerCalls } = await renderKiosk({ fake: createFakeBridge({}, config) });
    const faces = ['Very bad', 'Bad', 'Good', 'Excellent'];
    for (const name of faces) expect(await screen.findByRole('button', { name })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Okay' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Bad' }));
    // "Bad" is the second of four faces: still in the low band (smileyAtMost 2).
    await waitFor(() =>
      expect(answerCalls()[0]).toEqual(['startAnswer', { smiley: 2, language: 'en' }]),
    );
    await user.click(await screen.findByRole('button', { name: 'Done' }));
    await user.click(await screen.findByRole('button', { name: '4' }));
    expect(await screen.findByRole('heading', { name: 'Thank you for telling us' })).toBeTruthy();
  });
});
