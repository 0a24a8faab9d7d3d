// What a store admin and IT need at the kiosk: its state at a glance and the few actions that fix
// things. Every action goes through the bridge with the session the PIN unlocked.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskStatus } from '../../shared/bridge.ts';
import { isBridgeError } from '../bridge/errors.ts';
import { nativeName } from '../i18n/languages.ts';
import { useFlow, useKiosk } from '../state/context.tsx';
import { StatusList } from './StatusList.tsx';

const REFRESH_MS = 5000;

interface Props {
  session: string;
  onClose: () => void;
  onSessionEnded: () => void;
}

export function AdminPanel({ session, onClose, onSessionEnded }: Props) {
  const { t } = useTranslation();
  const { client, config, reloadPage } = useKiosk();
  const defaultLanguage = useFlow((f) => f.defaultLanguage);
  const setDefaultLanguage = useFlow((f) => f.setDefaultLanguage);
  const [status, setStatus] = useState<KioskStatus | null>(null);
  const [message, setMessage] = useState<{ text: string; bad: boolean } | null>(null);
  const [confirmExit, setConfirmExit] = useState(false);

  const refresh = useCallback(async () => {
    try {
      setStatus(await client.getStatus({}));
    } catch (e) {
      setMessage({
        text: t('admin.failed', { message: e instanceof Error ? e.message : String(e) }),
        bad: true,
      });
    }
  }, [client, t]);

  useEffect(() => {
    const first = setTimeout(() => void refresh(), 0);
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [refresh]);

  const run = async (action: () => Promise<string | null>) => {
    setMessage(null);
    try {
      const done = await action();
      if (done) setMessage({ text: done, bad: false });
    } catch (e) {
      if (isBridgeError(e) && e.code === 'unauthorized') onSessionEnded();
      else
        setMessage({
          text: t('admin.failed', { message: e instanceof Error ? e.message : String(e) }),
          bad: true,
        });
    }
  };

  return (
    <div className="overlay admin" role="dialog" aria-modal="true" aria-labelledby="admin-title">
      <div className="overlay-card admin-card">
        <h2 id="admin-title">{t('admin.title')}</h2>
        {status ? <StatusList status={status} /> : <p role="status">{t('app.loading')}</p>}
        <p className={`admin-message ${message?.bad ? 'bad' : ''}`} role="status">
          {message?.text}
        </p>
        <div className="admin-actions">
          <button type="button" className="secondary" onClick={() => void refresh()}>
            {t('admin.refresh')}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() =>
              void run(async () => {
                await client.sendTestAlert({ session });
                return t('admin.testAlertSent');
              })
            }
          >
            {t('admin.testAlert')}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() =>
              void run(async () => {
                await client.reloadKiosk({ session });
                // Electron reloads the window itself; in browser mode only the page can.
                reloadPage();
                return null;
              })
            }
          >
            {t('admin.reload')}
          </button>
          <button type="button" className="secondary danger" onClick={() => setConfirmExit(true)}>
            {t('admin.exit')}
          </button>
        </div>
        {confirmExit && (
          <div className="admin-confirm" role="alertdialog" aria-labelledby="exit-confirm">
            <p id="exit-confirm">{t('admin.exitConfirm')}</p>
            <button
              type="button"
              className="primary danger"
              onClick={() =>
                void run(async () => {
                  setConfirmExit(false);
                  await client.exitKiosk({ session });
                  return null;
                })
              }
            >
              {t('admin.exitYes')}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirmExit(false)}>
              {t('admin.no')}
            </button>
          </div>
        )}
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
        <div className="actions">
          <button type="button" className="primary big" onClick={onClose}>
            {t('admin.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
