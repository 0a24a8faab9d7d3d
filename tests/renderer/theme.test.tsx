import { describe, expect, it } from 'vitest';
import { contrast } from '../../shared/contrast.ts';
import { themeColours } from '../../renderer/theme.ts';
import { exampleConfig } from './support/config.ts';
import { createFakeBridge } from './support/fake-bridge.ts';
import { renderKiosk } from './support/render.tsx';

describe('brand colours', () => {
  it('put readable text on the brand colour, whatever it is', () => {
    for (const primary of ['#ffd60a', '#0a58ca', '#7f7f7f', '#00ff00', '#222222']) {
      const theme = themeColours({ primary, background: '#ffffff', text: '#111111' });
      expect(contrast(theme!['--on-brand'], primary)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('replace a text colour that fails WCAG AA on the background', () => {
    const theme = themeColours({ primary: '#0a58ca', background: '#ffffff', text: '#bbbbbb' });
    expect(theme!['--text']).toBe('#000000');
    expect(
      themeColours({ primary: '#0a58ca', background: '#ffffff', text: '#333333' })!['--text'],
    ).toBe('#333333');
  });

  it('are applied to the page from the config', async () => {
    const config = exampleConfig((c) => {
      c.branding.colors = { primary: '#7a1fa2', background: '#fffaf0', text: '#202020' };
    });
    await renderKiosk({ fake: createFakeBridge({}, config) });
    const style = document.documentElement.style;
    expect([
      style.getPropertyValue('--brand'),
      style.getPropertyValue('--bg'),
      style.getPropertyValue('--on-brand'),
    ]).toEqual(['#7a1fa2', '#fffaf0', '#ffffff']);
  });
});
