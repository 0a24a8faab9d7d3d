// One person in what the collector holds, found by the contact they left at a kiosk (GDPR access
// and erasure, `collector-admin export-person` and `forget`): their answers with kiosk and place,
// the staff alerts about those answers, each message sent about them, and the follow-ups staff
// sent them (server/follow-up/). E-mail addresses match
// trimmed and case-insensitively; phone numbers by their digits and a leading + ("+49 170
// 123-4567" is "+491701234567"). A number written nationally ("0170 …") is another number here:
// the collector does not know the country. Both act on what is stored at the time they run.
import type { Contact } from '../../shared/answer.ts';
import type { StaffAlert } from '../../shared/staff-api.ts';
import { MAY_CARRY_PERSONAL_DATA } from '../alerts/messages.ts';
import { readStaffAlerts } from '../alerts/store.ts';
import { listDeliveries, type DeliveryLogEntry } from '../alerts/workflow.ts';
import { writeTransaction, type Storage } from '../db/open.ts';
import { fromJson, toIso } from '../db/values.ts';
import { storedAnswer, type StoredAnswer } from '../kiosk-api/read-back.ts';
import { redactAnswers, redactNotes } from './redact.ts';

export class PersonError extends Error {}

/** Who to look for, normalised: an e-mail address, a phone number, or both (either matches). */
export interface Person {
  email?: string;
  phone?: string;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function normalisePhone(phone: string): string {
  return `${phone.trim().startsWith('+') ? '+' : ''}${phone.replace(/\D/g, '')}`;
}

/** The person the flags name; throws PersonError for a value that cannot be an address or number. */
export function personFrom(flags: {
  email?: string | undefined;
  phone?: string | undefined;
}): Person {
  const person: Person = {};
  if (flags.email !== undefined) {
    person.email = normaliseEmail(flags.email);
    if (!/^[^\s@]+@[^\s@]+$/.test(person.email))
      throw new PersonError(`--email must be an e-mail address, not "${flags.email}"`);
  }
  if (flags.phone !== undefined) {
    person.phone = normalisePhone(flags.phone);
    const digits = person.phone.replace('+', '').length;
    if (digits < 6 || digits > 20)
      throw new PersonError(
        `--phone must be a phone number (6 to 20 digits), not "${flags.phone}"`,
      );
  }
  if (!person.email && !person.phone) throw new PersonError('give --email or --phone');
  return person;
}

function matches(person: Person, contact: Contact): boolean {
  return (
    (person.email !== undefined &&
      contact.email !== undefined &&
      normaliseEmail(contact.email) === person.email) ||
    (person.phone !== undefined &&
      contact.phone !== undefined &&
      normalisePhone(contact.phone) === person.phone)
  );
}

const PAGE = 1000;

/**
 * Every stored answer whose contact matches, with the place it was given at, read in pages so that a
 * large table is never held whole. Outer joins: an answer without a place (none should lack one)
 * must still be found, or its contact would outlive an erasure.
 */
async function matchingAnswers(storage: Storage, person: Person) {
  const query = storage.db
    .selectFrom('answers')
    .leftJoin('locations', 'locations.id', 'answers.location_id')
    .leftJoin('touchpoints', 'touchpoints.id', 'answers.touchpoint_id')
    .selectAll('answers')
    .select(['locations.name as location', 'touchpoints.name as touchpoint'])
    .where('answers.contact', 'is not', null)
    .orderBy('answers.id')
    .limit(PAGE);
  const found: Awaited<ReturnType<typeof query.execute>> = [];
  let after: string | null = null;
  for (;;) {
    const page = await (after === null ? query : query.where('answers.id', '>', after)).execute();
    found.push(...page.filter((r) => matches(person, fromJson<Contact>(r.contact))));
    if (page.length < PAGE) return found;
    after = page.at(-1)!.id;
  }
}

export interface PersonRecord {
  person: Person;
  answers: (StoredAnswer & { kiosk: { location: string | null; touchpoint: string | null } })[];
  /** The staff alerts about those answers, as staff see them. */
  alerts: (StaffAlert & { answerId: string })[];
  /** Every message sent (or tried) about those alerts; the text itself is never kept. */
  deliveries: (DeliveryLogEntry & { alertId: string })[];
  /** Every follow-up staff sent (or tried) to them, with its text while it is held. */
  followUps: PersonFollowUp[];
}

export interface PersonFollowUp {
  id: string;
  answerId: string;
  channel: string;
  createdAt: string;
  status: string;
  subject: string | null;
  text: string | null;
  redactedAt: string | null;
}

async function followUpsTo(storage: Storage, answerIds: string[]): Promise<PersonFollowUp[]> {
  if (!answerIds.length) return [];
  const rows = await storage.db
    .selectFrom('follow_ups')
    .selectAll()
    .where('answer_id', 'in', answerIds)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    answerId: r.answer_id,
    channel: r.channel,
    createdAt: toIso(r.created_at)!,
    status: r.status,
    subject: r.subject,
    text: r.body,
    redactedAt: toIso(r.redacted_at),
  }));
}

/** What is held about the person now. */
export async function personRecord(storage: Storage, person: Person): Promise<PersonRecord> {
  const rows = await matchingAnswers(storage, person);
  const answers = rows
    .map((r) => ({ ...storedAnswer(r), kiosk: { location: r.location, touchpoint: r.touchpoint } }))
    .sort((x, y) => x.receivedAt.localeCompare(y.receivedAt) || x.seq - y.seq);
  const kioskOf = new Map(rows.map((r) => [r.id, r.kiosk_id]));
  const named = rows.length
    ? await storage.db
        .selectFrom('staff_alerts')
        .selectAll()
        .where('answer_id', 'in', [...kioskOf.keys()])
        .orderBy('received_at')
        .execute()
    : [];
  // Another kiosk's alert naming one of these answers is not about them.
  const alertRows = named.filter((a) => kioskOf.get(a.answer_id!) === a.kiosk_id);
  const alerts = (await readStaffAlerts(storage, alertRows)).map((a, i) => ({
    ...a,
    answerId: alertRows[i]!.answer_id!,
  }));
  const deliveries = [];
  for (const a of alerts)
    deliveries.push(...(await listDeliveries(storage, a.id)).map((d) => ({ alertId: a.id, ...d })));
  const followUps = await followUpsTo(storage, [...kioskOf.keys()]);
  return { person, answers, alerts, deliveries, followUps };
}

export interface Forgotten {
  /** Answers whose comment and contact were removed. */
  answers: number;
  /** Staff alerts about them, and how many of those lost a note. */
  alerts: number;
  notes: number;
  /** Delivery log rows about those alerts (kept: they hold no customer text). */
  deliveries: number;
  /** Follow-ups to them whose text was removed (the log of when and how stays). */
  followUps: number;
  /** Outside channels a message with their comment or contact went to, and how many messages. */
  recipients: Map<string, number>;
  /** Channels told about them before schema v6, when nobody recorded whether personal data went. */
  unknown: Set<string>;
}

/** Redacts every answer carrying the person's contact and the notes on its alerts, at once. */
export async function forgetPerson(storage: Storage, person: Person, at: Date): Promise<Forgotten> {
  const held = await personRecord(storage, person);
  const changed = await writeTransaction(storage, async (trx) => ({
    answers: await redactAnswers(
      trx,
      held.answers.map((a) => a.id),
      at,
    ),
    notes: await redactNotes(
      trx,
      held.alerts.map((a) => a.id),
      at,
    ),
  }));
  const recipients = new Map<string, number>();
  const unknown = new Set<string>();
  for (const d of held.deliveries) {
    const channel = `${d.channel} (${d.channelKind})`;
    // Refused: never sent (rate limit, a target refused before any connection).
    if (d.status === 'refused') continue;
    if (d.personalData) recipients.set(channel, (recipients.get(channel) ?? 0) + 1);
    else if (d.personalData === null && MAY_CARRY_PERSONAL_DATA.includes(d.channelKind))
      unknown.add(channel);
  }
  return {
    ...changed,
    alerts: held.alerts.length,
    deliveries: held.deliveries.length,
    followUps: held.followUps.filter((f) => f.text !== null).length,
    recipients,
    unknown,
  };
}
