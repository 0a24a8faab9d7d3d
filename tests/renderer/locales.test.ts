// Every UI string exists in every shipped language, with every plural form that language's
// grammar needs, and with the same {{placeholders}} as English.
import { describe, expect, it } from 'vitest';
import { UI_LANGUAGES } from '../../renderer/i18n/languages.ts';
import { locales } from '../../renderer/i18n/setup.ts';

const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(tree: Record<string, unknown>, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value as Record<string, unknown>, path)) out.set(k, v);
  }
  return out;
}

/** English keys, with plural keys reduced to their base ("comment.remaining"). */
function requiredKeys(language: string): Set<string> {
  const needed = new Set<string>();
  const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  for (const key of flatten(locales.en).keys()) {
    if (PLURAL.test(key)) for (const form of forms) needed.add(key.replace(PLURAL, `_${form}`));
    else needed.add(key);
  }
  return needed;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

describe.each(UI_LANGUAGES)('locale %s', (language) => {
  const strings = flatten(locales[language]);

  it('has every key, in every plural form its grammar uses', () => {
    const missing = [...requiredKeys(language)].filter((k) => !strings.get(k)?.trim());
    expect(missing).toEqual([]);
  });

  it('has no keys that English does not', () => {
    const known = requiredKeys(language);
    expect([...strings.keys()].filter((k) => !known.has(k))).toEqual([]);
  });

  it('uses the same placeholders as English', () => {
    const english = flatten(locales.en);
    const wrong = [...strings].filter(([key, text]) => {
      const base = english.get(key) ?? english.get(key.replace(PLURAL, '_other'));
      if (base === undefined) return false;
      // Arabic and Russian may spell out "one"/"two" instead of printing the count.
      const mine = placeholders(text).filter((p) => p !== 'count');
      return (
        mine.join() !==
        placeholders(base)
          .filter((p) => p !== 'count')
          .join()
      );
    });
    expect(wrong).toEqual([]);
  });
});
