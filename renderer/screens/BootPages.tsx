// Pages for when there is no kiosk to show yet. They speak to IT, not to customers, and they
// never leave the panel blank.
import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../bridge/errors.ts';

export function Loading() {
  const { t } = useTranslation();
  return (
    <div className="setup-page loading" role="status">
      {t('app.loading')}
    </div>
  );
}

export function ConfigProblems({
  problems,
  message,
  onRetry,
}: {
  problems: FieldProblem[];
  message: string;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  return (
    <main className="setup-page" aria-labelledby="setup-title">
      <h1 id="setup-title">{t('setup.configTitle')}</h1>
      <p>{t('setup.configBody')}</p>
      {problems.length > 0 ? (
        <table className="problems">
          <thead>
            <tr>
              <th scope="col">{t('setup.field')}</th>
              <th scope="col">{t('setup.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((p, i) => (
              <tr key={i}>
                <td dir="ltr">
                  <code>{p.field}</code>
                </td>
                <td dir="auto">{p.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p dir="auto">
          <code>{message}</code>
        </p>
      )}
      <button type="button" className="secondary" onClick={onRetry}>
        {t('setup.retry')}
      </button>
    </main>
  );
}

export function HostProblem({
  message,
  onRetry,
}: {
  message: string | null;
  onRetry?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <main className="setup-page" aria-labelledby="setup-title">
      <h1 id="setup-title">{t('setup.hostTitle')}</h1>
      <p dir="auto">{message === null ? t('setup.noBridge') : t('setup.hostBody', { message })}</p>
      {onRetry && (
        <button type="button" className="secondary" onClick={onRetry}>
          {t('setup.retry')}
        </button>
      )}
    </main>
  );
}
