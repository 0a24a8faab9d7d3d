// The setup screen of a kiosk that has no config yet: IT types the collector address, the
// enrolment code from the admin page and the admin PIN this kiosk is to have, on the kiosk's own
// keyboard (a panel in a store has no other), and the host enrols it. Refusals are shown in the
// page's language, by the reason the host gives (shared/enrolment.ts).
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnrolOutcome } from '../../shared/enrolment.ts';
import type { BridgeClient } from '../bridge/client.ts';
import { OnScreenKeyboard } from '../keyboard/index.ts';

type Field = 'collector' | 'code' | 'pin';
const MAX: Record<Field, number> = { collector: 200, code: 9, pin: 12 };
type Failure = Extract<EnrolOutcome, { ok: false }>['reason'] | 'pin';

/** The code as the admin page shows it: capitals, a hyphen after the fourth character. */
function shownCode(typed: string): string {
  const plain = typed.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return plain.length > 4 ? `${plain.slice(0, 4)}-${plain.slice(4, 8)}` : plain;
}

export function Setup({ client, onEnrolled }: { client: BridgeClient; onEnrolled: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState<Record<Field, string>>({ collector: '', code: '', pin: '' });
  const [field, setField] = useState<Field>('collector');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ reason: Failure; seconds?: number } | null>(null);

  const edit = (value: string) => {
    const next =
      field === 'code' ? shownCode(value) : field === 'pin' ? value.replace(/\D/g, '') : value;
    setForm((f) => ({ ...f, [field]: next }));
    setFailure(null);
  };

  const connect = async () => {
    if (!/^\d{6,12}$/.test(form.pin)) {
      setField('pin');
      return setFailure({ reason: 'pin' });
    }
    setBusy(true);
    try {
      const outcome = await client.enrol({
        collector: form.collector.trim(),
        code: form.code,
        pin: form.pin,
      });
      if (outcome.ok || outcome.reason === 'already_enrolled') return onEnrolled();
      setFailure({ reason: outcome.reason, seconds: outcome.retryAfterSeconds });
      setField(
        outcome.reason === 'bad_address' || outcome.reason === 'unreachable' ? 'collector' : 'code',
      );
    } catch {
      setFailure({ reason: 'unreachable' });
    } finally {
      setBusy(false);
    }
  };

  const input = (name: Field, label: string, hint?: string) => (
    <div className={`field ${field === name ? 'active' : ''}`}>
      <label htmlFor={`setup-${name}`}>{label}</label>
      <input
        id={`setup-${name}`}
        className="typed-text"
        value={name === 'pin' ? '•'.repeat(form.pin.length) : form[name]}
        placeholder={hint}
        readOnly
        inputMode="none"
        dir="ltr"
        autoComplete="off"
        onFocus={() => setField(name)}
        onClick={() => setField(name)}
      />
    </div>
  );

  return (
    <main className="setup-page enrol-page" aria-labelledby="enrol-title">
      <h1 id="enrol-title">{t('enrol.title')}</h1>
      <p className="enrol-intro">{t('enrol.body')}</p>
      <div className="enrol-layout">
        <div className="enrol-form">
          {input('collector', t('enrol.collector'), t('enrol.collectorHint'))}
          {input('code', t('enrol.code'), 'ABCD-EFGH')}
          {input('pin', t('enrol.pin'))}
          <p className="field-error enrol-error" role="alert">
            {failure && t(`enrol.errors.${failure.reason}`, { seconds: failure.seconds ?? 60 })}
          </p>
          <button
            type="button"
            className="primary big"
            disabled={busy || !form.collector.trim() || form.code.length < 9 || !form.pin}
            onClick={() => void connect()}
          >
            {busy ? t('enrol.connecting') : t('enrol.connect')}
          </button>
        </div>
        <Suspense fallback={<div className="keyboard placeholder" />}>
          <OnScreenKeyboard
            value={form[field]}
            onChange={edit}
            maxLength={MAX[field]}
            language="en"
            address
          />
        </Suspense>
      </div>
    </main>
  );
}
