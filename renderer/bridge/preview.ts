// The bridge of the survey preview: the kiosk renderer framed by the web admin's editor
// (served by the collector under PREVIEW_PATH, in a sandbox without allow-same-origin). There is
// no kiosk host: the config is the draft the framing page posts, checked with the kiosk's schema,
// and answers go nowhere (each step is acknowledged, nothing is stored or sent), so an admin can
// tap through the survey as a customer would. Only a message from the parent window, from this
// page's own origin (the collector), is taken.
import type { PublicKioskConfig } from '../../shared/config.ts';
import type { BridgeErrorBody, BridgeResult } from '../../shared/result.ts';
import type { KioskBridge, KioskStatus } from '../../shared/bridge.ts';
import { PREVIEW_MESSAGE, PREVIEW_PATH } from '../../shared/preview.ts';

export const isPreviewPage = (win: Window) => win.location.pathname.startsWith(PREVIEW_PATH);

const ok = <T>(value: T): Promise<BridgeResult<T>> => Promise.resolve({ ok: true, value });
const refuse = (error: BridgeErrorBody): Promise<BridgeResult<never>> =>
  Promise.resolve({ ok: false, error });
const NOT_IN_PREVIEW = () => refuse({ code: 'unsupported', message: 'not in the preview' });

const STATUS: KioskStatus = {
  kioskId: 'preview',
  appVersion: 'preview',
  online: null,
  queueDepth: 0,
  deadLetters: 0,
  lastSyncAt: null,
  lastError: null,
  databasePath: '',
  storage: { ok: true, error: null, pendingInMemory: 0, movedAside: null },
  outOfService: false,
  configError: null,
};

export function createPreviewBridge(win: Window): KioskBridge {
  let answers = 0;
  let settle: (r: BridgeResult<PublicKioskConfig>) => void = () => {};
  const config = new Promise<BridgeResult<PublicKioskConfig>>((resolve) => (settle = resolve));
  win.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data as { type?: unknown; config?: unknown } | null;
    if (event.source !== win.parent || event.origin !== win.location.origin) return;
    if (data?.type !== PREVIEW_MESSAGE) return;
    void import('./preview-config.ts').then(({ checkPreviewConfig }) => {
      const checked = checkPreviewConfig(data.config);
      settle(
        checked.ok
          ? { ok: true, value: checked.config }
          : {
              ok: false,
              error: {
                code: 'unavailable',
                message: 'the draft is not a valid kiosk config',
                problems: checked.problems,
              },
            },
      );
    });
  });
  win.parent.postMessage({ type: PREVIEW_MESSAGE, ready: true }, win.location.origin);
  const step = () => ok({ durable: true, alertRaised: false });
  return {
    getConfig: () => config,
    getStatus: () => ok(STATUS),
    startAnswer: () =>
      ok({
        answerId: `01900000-0000-7000-8000-${String(++answers).padStart(12, '0')}`,
        durable: true,
        possibleRepeat: false,
        alertRaised: false,
      }),
    updateAnswer: step,
    requestHelp: step,
    finishAnswer: () => ok({ durable: true }),
    touchAnswer: () => ok({}),
    unlockAdmin: NOT_IN_PREVIEW,
    sendTestAlert: NOT_IN_PREVIEW,
    setDefaultLanguage: NOT_IN_PREVIEW,
    reloadKiosk: NOT_IN_PREVIEW,
    exitKiosk: NOT_IN_PREVIEW,
    enrol: NOT_IN_PREVIEW,
  };
}
