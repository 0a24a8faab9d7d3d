// The kiosk's default language, saved on the host; the running kiosk switches at its next reset.
import { useTranslation } from 'react-i18next';
import { nativeName } from '../i18n/languages.ts';
import { useFlow, useKiosk } from '../state/context.tsx';
import type { AdminAction } from './admin-tasks.ts';

interface Props {
  session: string;
  run: (action: AdminAction) => Promise<void>;
}

export function DefaultLanguage({ session, run }: Props) {
  const { t } = useTranslation();
  const { client, config } = useKiosk();
  const defaultLanguage = useFlow((f) => f.defaultLanguage);
  const setDefaultLanguage = useFlow((f) => f.setDefaultLanguage);
  return (
    <fieldset className="admin-languages">
      <legend>{t('admin.defaultLanguage')}</legend>
      {config.languages.available.map((code) => (
        <button
          key={code}
          type="button"
          className="language"
          lang={code}
          aria-pressed={code === defaultLanguage}
          onClick={() =>
            void run(async () => {
              await client.setDefaultLanguage({ session, language: code });
              setDefaultLanguage(code);
              return t('admin.defaultLanguageSaved', { language: nativeName(code) });
            })
          }
        >
          {nativeName(code)}
        </button>
      ))}
    </fieldset>
  );
}
