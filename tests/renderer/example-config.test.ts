import { describe, expect, it } from 'vitest';
import { KioskConfig } from '../../shared/config.ts';
import { UI_LANGUAGES } from '../../renderer/i18n/languages.ts';
import { exampleFile } from './support/config.ts';

describe('build/kiosk.example.json', () => {
  it('is a valid kiosk config', () => {
    const result = KioskConfig.safeParse(exampleFile());
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('offers every language the UI ships, English first, and no collector', () => {
    const config = KioskConfig.parse(exampleFile());
    expect(config.languages.available).toEqual([...UI_LANGUAGES]);
    expect(config.languages.default).toBe('en');
    expect(config.collector).toBeUndefined();
    expect(config.survey.smiley.faces).toBe(5);
    expect(config.survey.contact?.consentVersion).toBe('2026-11');
    expect(config.survey.comment?.maxLength).toBe(300);
  });
});
