// The digest tables (migration 018) as Kysely sees them.
import type { Instant } from '../db/columns.ts';

export interface DigestSubscriberTable {
  id: string;
  location_id: number;
  email: string;
  /** The account whose own subscription this is; null for an e-mail-only subscriber. */
  user_id: string | null;
  /** The unsubscribe link's token: it can end this subscription and nothing else. */
  unsubscribe_token: string;
  created_at: Instant;
}

export interface DigestSendTable {
  location_id: number;
  /** The week's first local day. */
  week: string;
  due_at: Instant;
  created_at: Instant;
}

export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'skipped';

export interface DigestDeliveryTable {
  location_id: number;
  week: string;
  subscriber_id: string;
  status: DeliveryStatus;
  attempts: number;
  updated_at: Instant;
  error: string | null;
}

export interface DigestTables {
  digest_subscribers: DigestSubscriberTable;
  digest_sends: DigestSendTable;
  digest_deliveries: DigestDeliveryTable;
}
