// The admin panel's two kinds of work: keeping the kiosk's status fresh, and running an action
// with its outcome shown in one message line. An expired session sends the admin back to the PIN.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskStatus } from '../../shared/bridge.ts';
import { isBridgeError } from '../bridge/errors.ts';
import { useKiosk } from '../state/context.tsx';

const REFRESH_MS = 5000;

export interface AdminMessage {
  text: string;
  bad: boolean;
}

/** An action's result: the text to show, or null for nothing. */
export type AdminAction = () => Promise<string | null>;

function useFailureText(): (e: unknown) => string {
  const { t } = useTranslation();
  return useCallback(
    (e: unknown) => t('admin.failed', { message: e instanceof Error ? e.message : String(e) }),
    [t],
  );
}

export function useAdminTasks(onSessionEnded: () => void) {
  const { client } = useKiosk();
  const failureText = useFailureText();
  const [status, setStatus] = useState<KioskStatus | null>(null);
  const [message, setMessage] = useState<AdminMessage | null>(null);

  const refresh = useCallback(async () => {
    try {
      setStatus(await client.getStatus({}));
    } catch (e) {
      setMessage({ text: failureText(e), bad: true });
    }
  }, [client, failureText]);

  useEffect(() => {
    const first = setTimeout(() => void refresh(), 0);
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [refresh]);

  const run = async (action: AdminAction) => {
    setMessage(null);
    try {
      const done = await action();
      if (done) setMessage({ text: done, bad: false });
    } catch (e) {
      if (isBridgeError(e) && e.code === 'unauthorized') onSessionEnded();
      else setMessage({ text: failureText(e), bad: true });
    }
  };

  return { status, message, refresh, run };
}
