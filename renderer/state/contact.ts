// Checks the callback form with the same schema the host enforces (shared/answer.ts), and says
// what is wrong in words a customer can act on. One "phone or e-mail" field: an "@" makes it an
// e-mail address, anything else is read as a phone number.
import './zod-csp.ts';
import { Contact } from '../../shared/answer.ts';

export interface ContactForm {
  consent: boolean;
  name: string;
  reach: string;
}

export type ContactProblem = 'consent' | 'name' | 'reach' | 'phone' | 'email';
export type ContactErrors = Partial<Record<'consent' | 'name' | 'reach', ContactProblem>>;

export type ContactResult = { ok: true; contact: Contact } | { ok: false; errors: ContactErrors };

export function validateContact(form: ContactForm, consentVersion: string): ContactResult {
  const errors: ContactErrors = {};
  if (!form.consent) errors.consent = 'consent';
  const reach = form.reach.trim();
  const isEmail = reach.includes('@');
  const parsed = Contact.safeParse({
    consentVersion,
    name: form.name,
    ...(reach ? (isEmail ? { email: reach } : { phone: reach }) : {}),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === 'name') errors.name = 'name';
      else if (!reach) errors.reach = 'reach';
      else if (field === 'email' || field === 'phone') errors.reach = isEmail ? 'email' : 'phone';
    }
  }
  if (Object.keys(errors).length || !parsed.success) return { ok: false, errors };
  return { ok: true, contact: parsed.data };
}
