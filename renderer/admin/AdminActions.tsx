// The admin panel's buttons: refresh, test alert, reload, and exit behind a confirmation.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../state/context.tsx';
import type { AdminAction } from './admin-tasks.ts';

interface Props {
  session: string;
  refresh: () => Promise<void>;
  run: (action: AdminAction) => Promise<void>;
}

export function AdminActions({ session, refresh, run }: Props) {
  const { t } = useTranslation();
  const { client, reloadPage } = useKiosk();
  const [confirmExit, setConfirmExit] = useState(false);
  return (
    <>
      <div className="admin-actions">
        <button type="button" className="secondary" onClick={() => void refresh()}>
          {t('admin.refresh')}
        </button>
        <ActionButton
          label={t('admin.testAlert')}
          onClick={() =>
            void run(async () => {
              await client.sendTestAlert({ session });
              return t('admin.testAlertSent');
            })
          }
        />
        <ActionButton
          label={t('admin.reload')}
          onClick={() =>
            void run(async () => {
              await client.reloadKiosk({ session });
              // Electron reloads the window itself; in browser mode only the page can.
              reloadPage();
              return null;
            })
          }
        />
        <button type="button" className="secondary danger" onClick={() => setConfirmExit(true)}>
          {t('admin.exit')}
        </button>
      </div>
      {confirmExit && (
        <ExitConfirm
          onYes={() =>
            void run(async () => {
              setConfirmExit(false);
              await client.exitKiosk({ session });
              return null;
            })
          }
          onNo={() => setConfirmExit(false)}
        />
      )}
    </>
  );
}

function ActionButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" className="secondary" onClick={onClick}>
      {label}
    </button>
  );
}

function ExitConfirm({ onYes, onNo }: { onYes: () => void; onNo: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="admin-confirm" role="alertdialog" aria-labelledby="exit-confirm">
      <p id="exit-confirm">{t('admin.exitConfirm')}</p>
      <button type="button" className="primary danger" onClick={onYes}>
        {t('admin.exitYes')}
      </button>
      <button type="button" className="secondary" onClick={onNo}>
        {t('admin.no')}
      </button>
    </div>
  );
}
