import { afterAll, describe, expect, it } from 'vitest';
import { loadKioskConfig } from '../../electron/core/config-file.ts';
import { smallConfig, writeConfig } from '../support/config.ts';
import { tempDir } from '../support/tmp.ts';

describe('kiosk config file', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('accepts a complete config', () => {
    const result = loadKioskConfig(writeConfig(dir.path, smallConfig()));
    expect(result.ok).toBe(true);
  });

  it('names the field and the language of a missing text', () => {
    const config = smallConfig();
    delete (config.survey.smiley.labels[2] as Record<string, string>).et;
    const result = loadKioskConfig(writeConfig(dir.path, config));
    expect(result).toEqual({
      ok: false,
      problems: [{ field: 'survey.smiley.labels[2].et', reason: 'missing the "et" text' }],
    });
  });

  it('rejects unknown keys instead of ignoring them', () => {
    const result = loadKioskConfig(writeConfig(dir.path, { ...smallConfig(), kioskID: 'typo' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.reason).toMatch(/kioskID/);
  });

  it('explains a wrong type with the field path', () => {
    const result = loadKioskConfig(
      writeConfig(dir.path, { ...smallConfig(), idleTimeoutSeconds: 'soon' }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.field).toBe('idleTimeoutSeconds');
  });

  it('reports a default language the kiosk does not offer', () => {
    const config = smallConfig();
    config.languages.default = 'ru';
    const result = loadKioskConfig(writeConfig(dir.path, config));
    expect(result.ok ? [] : result.problems).toContainEqual({
      field: 'languages.default',
      reason: '"ru" is not in languages.available',
    });
  });

  it('reports broken JSON and a missing file as problems, not crashes', () => {
    const broken = loadKioskConfig(writeConfig(dir.path, '{ "kioskId": ', 'broken.json'));
    expect(broken.ok ? '' : broken.problems[0]?.reason).toMatch(/^not valid JSON/);
    const missing = loadKioskConfig(`${dir.path}/nope.json`);
    expect(missing.ok ? '' : missing.problems[0]?.reason).toMatch(/^no kiosk config file at/);
  });

  it('requires one label per face', () => {
    const config = smallConfig();
    config.survey.smiley.labels.pop();
    const result = loadKioskConfig(writeConfig(dir.path, config));
    expect(result.ok ? [] : result.problems).toContainEqual({
      field: 'survey.smiley.labels',
      reason: 'needs exactly 4 labels, one per face',
    });
  });

  describe('the collector URL', () => {
    const token = 'a-device-token-of-128-bits-or-more';
    const withCollector = (collector: Record<string, unknown>) =>
      loadKioskConfig(
        writeConfig(dir.path, { ...smallConfig(), collector: { token, ...collector } }),
      );

    it('must be https, so the device token and the answers never cross a network in clear', () => {
      expect(withCollector({ url: 'https://collector.example' }).ok).toBe(true);
      expect(withCollector({ url: 'http://collector.example' })).toEqual({
        ok: false,
        problems: [
          {
            field: 'collector.url',
            reason:
              'must be https:// (plain http only to a loopback address, or with "allowInsecureHttp": true for a lab)',
          },
        ],
      });
      expect(withCollector({ url: 'http://10.0.0.5:4320' }).ok).toBe(false);
      expect(withCollector({ url: 'http://127.example' }).ok).toBe(false);
    });

    it.each([
      'http://127.0.0.1:4320',
      'http://127.1.2.3',
      'http://localhost:4320',
      'http://[::1]:4320',
    ])('may be plain http to loopback: %s', (url) => expect(withCollector({ url }).ok).toBe(true));

    it('may be plain http to a lab collector when the config says so explicitly', () => {
      const lab = withCollector({ url: 'http://lab-collector:4320', allowInsecureHttp: true });
      expect(lab.ok).toBe(true);
      expect(withCollector({ url: 'http://lab-collector:4320', allowInsecureHttp: false }).ok).toBe(
        false,
      );
    });
  });
});
