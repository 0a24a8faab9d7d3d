// Who gets a location's weekly digest: people with an account subscribe themselves (and may
// change the address or stop), managers and admins add addresses without an account (a team
// lead's shared inbox, the staff-room printer), and anyone unsubscribes from the link in the mail.
// An address gets a location's digest once, whoever added it.
import { randomBytes, randomUUID } from 'node:crypto';
import type { DigestSubscriber } from '../../shared/digest-api.ts';
import { writeTransaction, type Storage } from '../db/open.ts';
import { toIso } from '../db/values.ts';

export class SubscriptionError extends Error {
  readonly status: 404 | 409;
  constructor(status: 404 | 409, message: string) {
    super(message);
    this.status = status;
  }
}

const newToken = () => randomBytes(24).toString('base64url');

/** Addresses are compared as their owners type them, but case never makes two subscribers. */
const normal = (email: string) => email.trim().toLowerCase();

export async function mySubscription(
  storage: Storage,
  userId: string,
  locationId: number,
): Promise<{ email: string } | null> {
  const row = await storage.db
    .selectFrom('digest_subscribers')
    .select('email')
    .where('user_id', '=', userId)
    .where('location_id', '=', locationId)
    .executeTakeFirst();
  return row ? { email: row.email } : null;
}

/** Subscribes an account, or moves its subscription to another address. */
export async function subscribeMe(
  storage: Storage,
  userId: string,
  locationId: number,
  email: string,
  now: Date,
): Promise<void> {
  const address = normal(email);
  await writeTransaction(storage, async (trx) => {
    const taken = await trx
      .selectFrom('digest_subscribers')
      .select(['id', 'user_id'])
      .where('location_id', '=', locationId)
      .where('email', '=', address)
      .executeTakeFirst();
    if (taken && taken.user_id !== null && taken.user_id !== userId)
      throw new SubscriptionError(
        409,
        `${address} already gets this digest through another account`,
      );
    // An e-mail-only subscription to the same address becomes this account's own.
    await trx
      .deleteFrom('digest_subscribers')
      .where('location_id', '=', locationId)
      .where((eb) => eb.or([eb('user_id', '=', userId), eb('email', '=', address)]))
      .execute();
    await trx
      .insertInto('digest_subscribers')
      .values({
        id: randomUUID(),
        location_id: locationId,
        email: address,
        user_id: userId,
        unsubscribe_token: newToken(),
        created_at: now.toISOString(),
      })
      .execute();
  });
}

export async function unsubscribeMe(
  storage: Storage,
  userId: string,
  locationId: number,
): Promise<void> {
  await storage.db
    .deleteFrom('digest_subscribers')
    .where('user_id', '=', userId)
    .where('location_id', '=', locationId)
    .execute();
}

/** An address without an account; 409 when it already gets this location's digest. */
export async function addSubscriber(
  storage: Storage,
  locationId: number,
  email: string,
  now: Date,
): Promise<void> {
  const address = normal(email);
  const inserted = await storage.db
    .insertInto('digest_subscribers')
    .values({
      id: randomUUID(),
      location_id: locationId,
      email: address,
      user_id: null,
      unsubscribe_token: newToken(),
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.columns(['location_id', 'email']).doNothing())
    .executeTakeFirst();
  if (!Number(inserted.numInsertedOrUpdatedRows))
    throw new SubscriptionError(409, `${address} already gets this digest`);
}

export async function removeSubscriber(
  storage: Storage,
  locationId: number,
  id: string,
): Promise<void> {
  const removed = await storage.db
    .deleteFrom('digest_subscribers')
    .where('id', '=', id)
    .where('location_id', '=', locationId)
    .executeTakeFirst();
  if (!Number(removed.numDeletedRows))
    throw new SubscriptionError(404, 'no such subscriber at this location');
}

export async function subscribers(
  storage: Storage,
  locationId: number,
): Promise<DigestSubscriber[]> {
  const rows = await storage.db
    .selectFrom('digest_subscribers')
    .leftJoin('staff_users', 'staff_users.id', 'digest_subscribers.user_id')
    .select([
      'digest_subscribers.id',
      'digest_subscribers.email',
      'digest_subscribers.created_at',
      'staff_users.display_name',
    ])
    .where('digest_subscribers.location_id', '=', locationId)
    .orderBy('digest_subscribers.email')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    user: r.display_name,
    since: toIso(r.created_at)!,
  }));
}

/** The unsubscribe link's subscription, for its confirmation page; null when it is gone. */
export async function subscriptionOfToken(
  storage: Storage,
  token: string,
): Promise<{ email: string; location: string } | null> {
  const row = await storage.db
    .selectFrom('digest_subscribers')
    .innerJoin('locations', 'locations.id', 'digest_subscribers.location_id')
    .select(['digest_subscribers.email', 'locations.name'])
    .where('unsubscribe_token', '=', token)
    .executeTakeFirst();
  return row ? { email: row.email, location: row.name } : null;
}

export async function unsubscribeByToken(storage: Storage, token: string): Promise<boolean> {
  const removed = await storage.db
    .deleteFrom('digest_subscribers')
    .where('unsubscribe_token', '=', token)
    .executeTakeFirst();
  return Number(removed.numDeletedRows) > 0;
}
