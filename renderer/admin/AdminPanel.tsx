// What a store admin and IT need at the kiosk: its state at a glance and the few actions that fix
// things. Every action goes through the bridge with the session the PIN unlocked.
import { useTranslation } from 'react-i18next';
import { AdminActions } from './AdminActions.tsx';
import { useAdminTasks } from './admin-tasks.ts';
import { DefaultLanguage } from './DefaultLanguage.tsx';
import { StatusList } from './StatusList.tsx';

interface Props {
  session: string;
  onClose: () => void;
  onSessionEnded: () => void;
}

export function AdminPanel({ session, onClose, onSessionEnded }: Props) {
  const { t } = useTranslation();
  const { status, message, refresh, run } = useAdminTasks(onSessionEnded);
  return (
    <div className="overlay admin" role="dialog" aria-modal="true" aria-labelledby="admin-title">
      <div className="overlay-card admin-card">
        <h2 id="admin-title">{t('admin.title')}</h2>
        {status ? <StatusList status={status} /> : <p role="status">{t('app.loading')}</p>}
        <p className={`admin-message ${message?.bad ? 'bad' : ''}`} role="status">
          {message?.text}
        </p>
        <AdminActions session={session} refresh={refresh} run={run} />
        <DefaultLanguage session={session} run={run} />
        <div className="actions">
          <button type="button" className="primary big" onClick={onClose}>
            {t('admin.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
