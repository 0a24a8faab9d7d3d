// Whom a follow-up would go to, and whether it may: the answer behind an alert card or a feed
// comment, seen only by staff of its location (403 naming it), with a contact the customer left
// because they asked to be contacted. The kiosk only stores a contact with the consent version
// the customer agreed to (shared/answer.ts); here it is checked again on the server, and a
// redacted answer (retention, erasure) is gone for good (410).
import { Contact } from '../../shared/answer.ts';
import type { FollowUpChannel } from '../../shared/follow-up-api.ts';
import type { Storage } from '../db/open.ts';
import { fromJson, toIso } from '../db/values.ts';
import { HttpError } from '../errors.ts';
import { visibleLocations, type StaffUser } from '../staff/users.ts';
import { canSee } from '../staff/visibility.ts';

export interface FollowUpTarget {
  answerId: string;
  alertId: string | null;
  location: string;
  language: string;
  contact: Contact;
}

const notHere = (location: string) =>
  new HttpError(403, 'forbidden', `you may not follow up customers at ${location}`);

/** The answer an alert is about, as the alert card shows it (only its own kiosk's). */
async function fromAlert(storage: Storage, user: StaffUser, alertId: string) {
  const alert = await storage.db
    .selectFrom('staff_alerts')
    .select(['id', 'location', 'kiosk_id', 'answer_id'])
    .where('id', '=', alertId)
    .executeTakeFirst();
  if (!alert) throw new HttpError(404, 'not_found', 'no such alert');
  if (!canSee(visibleLocations(user), alert)) throw notHere(alert.location);
  const answer = alert.answer_id
    ? await storage.db
        .selectFrom('answers')
        .select(['id', 'language', 'contact', 'redacted_at'])
        .where('id', '=', alert.answer_id)
        .where('kiosk_id', '=', alert.kiosk_id)
        .executeTakeFirst()
    : undefined;
  if (!answer)
    throw new HttpError(
      409,
      'no_answer',
      'the customer’s answer has not arrived yet: there is no one to follow up',
    );
  return { ...answer, alertId: alert.id, location: alert.location };
}

async function fromAnswer(storage: Storage, user: StaffUser, answerId: string) {
  const answer = await storage.db
    .selectFrom('answers')
    .leftJoin('locations', 'locations.id', 'answers.location_id')
    .select([
      'answers.id',
      'answers.language',
      'answers.contact',
      'answers.redacted_at',
      'locations.name as location',
    ])
    .where('answers.id', '=', answerId)
    .executeTakeFirst();
  if (!answer) throw new HttpError(404, 'not_found', 'no such answer');
  const location = answer.location ?? '(no location)';
  const visible = visibleLocations(user);
  if (visible !== 'all' && (answer.location === null || !canSee(visible, { location })))
    throw notHere(location);
  return { ...answer, alertId: null, location };
}

/** The target, or the error that says why this customer cannot be followed up. */
export async function followUpTarget(
  storage: Storage,
  user: StaffUser,
  q: { alertId?: string | undefined; answerId?: string | undefined },
): Promise<FollowUpTarget> {
  const a = q.alertId
    ? await fromAlert(storage, user, q.alertId)
    : await fromAnswer(storage, user, q.answerId!);
  if (toIso(a.redacted_at) !== null)
    throw new HttpError(
      410,
      'redacted',
      'the customer’s contact details were removed for privacy: they cannot be followed up',
    );
  const contact = a.contact === null ? null : Contact.safeParse(fromJson(a.contact));
  if (!contact?.success || !contact.data.consentVersion)
    throw new HttpError(
      409,
      'no_consent',
      'the customer did not ask to be contacted: no follow-up without their consent',
    );
  return {
    answerId: a.id,
    alertId: a.alertId,
    location: a.location,
    language: a.language,
    contact: contact.data,
  };
}

/** The address a channel sends to, or the 409 saying the customer left none for it. */
export function addressFor(target: FollowUpTarget, channel: FollowUpChannel): string {
  const to = channel === 'email' ? target.contact.email : target.contact.phone;
  if (!to)
    throw new HttpError(
      409,
      'no_address',
      channel === 'email'
        ? 'the customer left no e-mail address: choose SMS'
        : 'the customer left no phone number: choose e-mail',
    );
  return to;
}
