// IT alerts as a kind of delivery for the alert dispatcher (server/alerts/dispatcher.ts): the
// same channels, senders, retries, per-channel limit and "already attempted" check as staff
// alerts, with their own queue and their own delivery log (it_alert_deliveries, migration 024).
// A job holds the kiosk's id, the status told of and since when; the channel is looked up in the
// IT routing in force when it runs (a channel taken out meanwhile is not called), and the kiosk's
// place and last heartbeat are read then.
import { v7 as uuidv7 } from 'uuid';
import type { FleetStatus } from '../../shared/fleet-api.ts';
import { attemptRecorded, type DeliveryAttempt, type DeliveryKind } from '../alerts/dispatcher.ts';
import { itRoutingFor } from '../alerts/it-routing-store.ts';
import type { Storage } from '../db/open.ts';
import { listFleet } from './fleet-list.ts';
import { itMessage, type ItReason } from './it-messages.ts';
import type { FleetRules } from './status.ts';

export const IT_DELIVERY_QUEUE = 'it-alert-delivery';

export interface ItJob extends DeliveryAttempt {
  kioskId: string;
  location: string;
  reason: ItReason;
  status: FleetStatus;
  previous: FleetStatus | null;
  since: string;
}

export function itDeliveries(deps: {
  storage: Storage;
  rules: FleetRules;
  now: () => Date;
  publicUrl: string | null;
}): DeliveryKind<ItJob> {
  const { storage } = deps;
  return {
    queue: IT_DELIVERY_QUEUE,
    prepare: async (job) => {
      const routing = await itRoutingFor(storage.db, job.location);
      const channel = routing?.channels.find((c) => c.name === job.channel);
      const [kiosk] = await listFleet(storage, deps.now(), deps.rules, job.kioskId);
      if (!channel || !kiosk) return null;
      const { reason, status, previous, since } = job;
      return {
        channel,
        message: itMessage({ reason, kiosk, status, previous, since, publicUrl: deps.publicUrl }),
        personalData: false,
      };
    },
    recorded: (job) => attemptRecorded(storage.db, 'it_alert_deliveries', job),
    record: async (trx, job, a) => {
      await trx
        .insertInto('it_alert_deliveries')
        .values({
          id: uuidv7(),
          kiosk_id: job.kioskId,
          kiosk_status: job.status,
          channel: a.channel.name,
          channel_kind: a.channel.kind,
          reason: job.reason,
          attempt: job.attempt,
          status: a.status,
          http_status: a.result.httpStatus ?? null,
          error: a.result.error ?? null,
          at: a.at,
          message_id: job.messageId,
        })
        .execute();
    },
    logFields: (job) => ({ kioskId: job.kioskId, reason: job.reason, status: job.status }),
  };
}
