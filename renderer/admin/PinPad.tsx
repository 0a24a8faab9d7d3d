// The admin PIN pad. The host checks the PIN and keeps the count of wrong tries (5 wrong lock it
// for 5 minutes, each further one for twice as long); this only shows what the host says:
// attempts left, or locked until when.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ADMIN_PIN_DIGITS } from '../../shared/admin-pin.ts';
import { isBridgeError } from '../bridge/errors.ts';
import { useKiosk } from '../state/context.tsx';

type PadState =
  | { kind: 'entering' }
  | { kind: 'checking' }
  | { kind: 'wrong'; attemptsLeft: number }
  | { kind: 'locked'; until: string | null }
  | { kind: 'failed'; message: string }
  | { kind: 'expired' };

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
const { min: MIN_DIGITS, max: MAX_DIGITS } = ADMIN_PIN_DIGITS;

interface Props {
  onUnlocked: (session: string) => void;
  onCancel: () => void;
  /** Shown when the pad reopens because the admin session ran out. */
  expired?: boolean;
}

export function PinPad({ onUnlocked, onCancel, expired = false }: Props) {
  const { t, i18n } = useTranslation();
  const { client } = useKiosk();
  const [pin, setPin] = useState('');
  const [state, setState] = useState<PadState>(
    expired ? { kind: 'expired' } : { kind: 'entering' },
  );

  const type = (digit: string) => setPin((p) => (p.length < MAX_DIGITS ? p + digit : p));
  const unlock = async () => {
    setState({ kind: 'checking' });
    try {
      const reply = await client.unlockAdmin({ pin });
      setPin('');
      if (reply.session) onUnlocked(reply.session);
      else if (reply.lockedUntil) setState({ kind: 'locked', until: reply.lockedUntil });
      else setState({ kind: 'wrong', attemptsLeft: reply.attemptsLeft });
    } catch (e) {
      setPin('');
      if (isBridgeError(e) && e.code === 'locked') setState({ kind: 'locked', until: null });
      else setState({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  };

  const time = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' }).format(
      new Date(iso),
    );
  const message =
    state.kind === 'wrong'
      ? t('admin.wrongPin', { count: state.attemptsLeft })
      : state.kind === 'locked'
        ? state.until
          ? t('admin.locked', { time: time(state.until) })
          : t('admin.lockedNoTime')
        : state.kind === 'failed'
          ? t('admin.failed', { message: state.message })
          : state.kind === 'checking'
            ? t('admin.checking')
            : state.kind === 'expired'
              ? t('admin.sessionEnded')
              : '';

  return (
    <div className="overlay admin" role="dialog" aria-modal="true" aria-labelledby="pin-title">
      <div className="overlay-card pin-card">
        <h2 id="pin-title">{t('admin.pinTitle')}</h2>
        <p>{t('admin.pinPrompt')}</p>
        <div className="pin-dots" aria-live="polite">
          <span aria-hidden="true">{pin ? '●'.repeat(pin.length) : '—'}</span>
          <span className="visually-hidden">{t('admin.pinEntered', { count: pin.length })}</span>
        </div>
        <p
          className={`pin-message ${state.kind}`}
          role={state.kind === 'entering' || state.kind === 'checking' ? 'status' : 'alert'}
        >
          {message}
        </p>
        <div className="pin-keys" dir="ltr">
          {KEYS.map((d) => (
            <button key={d} type="button" className="pin-key" onClick={() => type(d)}>
              {d}
            </button>
          ))}
          <button
            type="button"
            className="pin-key"
            aria-label={t('admin.delete')}
            onClick={() => setPin((p) => p.slice(0, -1))}
          >
            ⌫
          </button>
          <button type="button" className="pin-key" onClick={() => type('0')}>
            0
          </button>
          <button
            type="button"
            className="pin-key primary"
            disabled={pin.length < MIN_DIGITS || state.kind === 'checking'}
            onClick={() => void unlock()}
          >
            {t('admin.unlock')}
          </button>
        </div>
        <div className="actions">
          <button type="button" className="secondary" onClick={onCancel}>
            {t('admin.cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}
