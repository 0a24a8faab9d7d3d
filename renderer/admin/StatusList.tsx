// The kiosk's health as the host reports it (getStatus), in the admin's language.
import { useTranslation } from 'react-i18next';
import type { KioskStatus } from '../../shared/bridge.ts';

export function StatusList({ status }: { status: KioskStatus }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string | null) =>
    iso
      ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' }).format(
          new Date(iso),
        )
      : t('admin.never');
  const online =
    status.online === null
      ? t('admin.onlineUnknown')
      : status.online
        ? t('admin.onlineYes')
        : t('admin.onlineNo');
  const rows: [string, string][] = [
    [t('admin.kioskId'), status.kioskId ?? t('admin.none')],
    [t('admin.version'), status.appVersion],
    [t('admin.online'), online],
    [t('admin.queueDepth'), String(status.queueDepth)],
    [t('admin.deadLetters'), String(status.deadLetters)],
    [t('admin.lastSync'), when(status.lastSyncAt)],
    [t('admin.lastError'), status.lastError ?? t('admin.none')],
    [t('admin.databasePath'), status.databasePath],
    [
      t('admin.storage'),
      status.storage.ok
        ? t('admin.storageOk')
        : t('admin.storageFailed', { error: status.storage.error ?? '' }),
    ],
    [t('admin.outOfService'), status.outOfService ? t('admin.yes') : t('admin.no')],
  ];
  return (
    <dl className="status-list">
      {rows.map(([name, value]) => (
        <div key={name} className="status-row">
          <dt>{name}</dt>
          <dd dir="auto">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
