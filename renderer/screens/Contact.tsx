// The callback offer: an explicit consent box that starts unticked, then a name and a phone
// number or e-mail address typed on the built-in keyboard.
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OnScreenKeyboard } from '../keyboard/index.ts';
import { validateContact, type ContactErrors, type ContactForm } from '../state/contact.ts';
import { useFlow, useKiosk, useText } from '../state/context.tsx';

type Field = 'name' | 'reach';
const MAX: Record<Field, number> = { name: 100, reach: 254 };

export default function Contact() {
  const { t } = useTranslation();
  const { contact } = useKiosk().config.survey;
  const text = useText();
  const language = useFlow((f) => f.language);
  const submit = useFlow((f) => f.submitContact);
  const skip = useFlow((f) => f.skip);
  const [form, setForm] = useState<ContactForm>({ consent: false, name: '', reach: '' });
  const [field, setField] = useState<Field>('name');
  const [errors, setErrors] = useState<ContactErrors>({});
  if (!contact) return null;

  const send = () => {
    const result = validateContact(form, contact.consentVersion);
    if (result.ok) submit(result.contact);
    else setErrors(result.errors);
  };
  const edit = (value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const input = (name: Field) => (
    <div className={`field ${field === name ? 'active' : ''}`}>
      <label htmlFor={`contact-${name}`}>
        {t(name === 'name' ? 'contact.name' : 'contact.reach')}
      </label>
      <input
        id={`contact-${name}`}
        className="typed-text"
        value={form[name]}
        readOnly
        inputMode="none"
        dir="auto"
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `contact-${name}-error` : undefined}
        onFocus={() => setField(name)}
        onClick={() => setField(name)}
      />
      {errors[name] && (
        <p className="field-error" id={`contact-${name}-error`} role="alert">
          {t(`contact.errors.${errors[name]}`)}
        </p>
      )}
    </div>
  );

  return (
    <section className="screen screen-contact" aria-labelledby="contact-title">
      <h1 className="prompt" id="contact-title">
        {t('contact.title')}
      </h1>
      <div className="contact-layout">
        <div className="contact-form">
          <label className={`consent ${errors.consent ? 'invalid' : ''}`}>
            <input
              type="checkbox"
              checked={form.consent}
              aria-describedby={errors.consent ? 'contact-consent-error' : undefined}
              onChange={(e) => {
                const consent = e.currentTarget.checked;
                setForm((f) => ({ ...f, consent }));
                setErrors((er) => ({ ...er, consent: undefined }));
              }}
            />
            <span className="consent-box" aria-hidden="true" />
            <span className="consent-text">{text(contact.consentText)}</span>
          </label>
          {errors.consent && (
            <p className="field-error" id="contact-consent-error" role="alert">
              {t('contact.errors.consent')}
            </p>
          )}
          {input('name')}
          {input('reach')}
        </div>
        <div className="contact-side">
          <Suspense fallback={<div className="keyboard placeholder" />}>
            <OnScreenKeyboard
              value={form[field]}
              onChange={edit}
              maxLength={MAX[field]}
              language={language}
              preferLatin={field === 'reach'}
            />
          </Suspense>
          <div className="actions">
            <button type="button" className="secondary" onClick={skip}>
              {t('nav.skip')}
            </button>
            <button type="button" className="primary big" onClick={send}>
              {t('nav.send')}
            </button>
          </div>
        </div>
      </div>
    </section>
  );
}
