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

export function TextSizeToggle() {
  const { t } = useTranslation();
  const on = useFlow((f) => f.largeText);
  const toggle = useFlow((f) => f.toggleLargeText);
  return (
    <button type="button" className="display-toggle" aria-pressed={on} onClick={toggle}>
      <span className="display-icon text-size" aria-hidden="true">
        A+
      </span>
      {t('textSize.label')}
    </button>
  );
}

export function ContrastToggle() {
  const { t } = useTranslation();
  const on = useFlow((f) => f.highContrast);
  const toggle = useFlow((f) => f.toggleContrast);
  return (
    <button type="button" className="display-toggle" aria-pressed={on} onClick={toggle}>
      <span className="display-icon" aria-hidden="true">
        ◐
      </span>
      {t('contrast.label')}
    </button>
  );
}
