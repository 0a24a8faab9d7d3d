// Every available language as its own button, named in that language: one tap, no menu to find.
import { useTranslation } from 'react-i18next';
import { directionOf, nativeName } from '../i18n/languages.ts';
import { useFlow, useKiosk } from '../state/context.tsx';

export function LanguageSwitcher() {
  const { t } = useTranslation();
  const { config } = useKiosk();
  const current = useFlow((f) => f.language);
  const setLanguage = useFlow((f) => f.setLanguage);
  const languages = config.languages.available;
  if (languages.length < 2) return null;
  return (
    <nav className="languages" aria-label={t('language.label')}>
      {languages.map((code) => (
        <button
          key={code}
          type="button"
          className="language"
          lang={code}
          dir={directionOf(code)}
          aria-pressed={code === current}
          onClick={() => setLanguage(code)}
        >
          {nativeName(code)}
        </button>
      ))}
    </nav>
  );
}
