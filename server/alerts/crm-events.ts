// Signed outgoing events for a CRM (issue 11 §5): `answer.finalized` when a kiosk's answer is
// stored and `alert.resolved` when staff resolve an alert, to each endpoint of the location's
// routing (`events`) that subscribed, signed as Standard Webhooks like the generic alert webhook.
// Ingest is not touched: an answer's event is queued by the routing pass that already runs
// after every ingest commit (service.ts), in its transaction, so it goes out once per stored
// answer and survives a restart; a resolve queues its event in the resolving transaction. The
// job holds ids only; the body is built when sent, so a contact redacted meanwhile is not sent,
// and contact details go only to an endpoint with includeContact (and only a consented contact
// exists). A failure worth retrying is a new job after a capped backoff, with the same
// webhook-id, so a receiver can drop a repeat. Logs carry ids, type and status only.
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Contact } from '../../shared/answer.ts';
import { writeTransaction, type CollectorDb, type Storage } from '../db/open.ts';
import { fromJson, toIso } from '../db/values.ts';
import type { JobQueue } from '../jobs/queue.ts';
import { retryAt, type RetryPolicy } from './dispatcher.ts';
import { getRouting, routingFromBody } from './routing-store.ts';
import type { CrmEventType, EventEndpoint, Routing } from './rules.ts';
import { sendErrorWords, signStandardWebhook, webhookResult } from './senders.ts';
import { checkTarget, TargetError, type TargetPolicy } from './targets.ts';
import { postWebhook } from './webhook-post.ts';

export const CRM_EVENT_QUEUE = 'crm-event';

interface EventJob extends Record<string, unknown> {
  location: string;
  url: string;
  type: CrmEventType;
  /** The answer's id (answer.finalized) or the staff alert's (alert.resolved). */
  subject: string;
  attempt: number;
  messageId: string;
}

export interface CrmEventDeps {
  storage: Storage;
  jobs: JobQueue;
  policy: TargetPolicy;
  retry: RetryPolicy;
  timeoutMs: number;
  now: () => Date;
  log: Logger | null;
}

const endpointKey = (url: string) => createHash('sha256').update(url).digest('hex').slice(0, 16);

export class CrmEvents {
  private readonly deps: CrmEventDeps;

  constructor(deps: CrmEventDeps) {
    this.deps = deps;
  }

  start(): Promise<void> {
    return this.deps.jobs.work<EventJob>(CRM_EVENT_QUEUE, (job) => this.run(job));
  }

  /** In the caller's transaction: one job per subscribed endpoint; nothing without one. */
  async enqueue(
    trx: CollectorDb,
    location: string,
    routing: Routing,
    type: CrmEventType,
    subjects: string[],
  ): Promise<void> {
    for (const endpoint of routing.events) {
      if (!endpoint.events.includes(type)) continue;
      for (const subject of subjects) {
        const messageId = `evt_${type}_${subject}_${endpointKey(endpoint.url)}`;
        const job: EventJob = { location, url: endpoint.url, type, subject, attempt: 1, messageId };
        await this.deps.jobs.send(trx, CRM_EVENT_QUEUE, job);
      }
    }
  }

  /** answer.finalized for a routing job's stored answers, if the kiosk's location wants it. */
  async answersStored(trx: CollectorDb, kioskId: string, answerIds: string[]): Promise<void> {
    const row = await trx
      .selectFrom('kiosks')
      .innerJoin('touchpoints', 'touchpoints.id', 'kiosks.touchpoint_id')
      .innerJoin('locations', 'locations.id', 'touchpoints.location_id')
      .leftJoin('alert_routing', 'alert_routing.location', 'locations.name')
      .select(['locations.name as location', 'alert_routing.body'])
      .where('kiosks.id', '=', kioskId)
      .executeTakeFirst();
    if (!row?.body) return;
    const routing = routingFromBody(row.body);
    if (routing.events.length)
      await this.enqueue(trx, row.location, routing, 'answer.finalized', answerIds);
  }

  /** alert.resolved, in the resolving transaction. */
  async alertResolved(trx: CollectorDb, location: string, alertId: string): Promise<void> {
    const row = await trx
      .selectFrom('alert_routing')
      .select('body')
      .where('location', '=', location)
      .executeTakeFirst();
    if (!row) return;
    const routing = routingFromBody(row.body);
    if (routing.events.length)
      await this.enqueue(trx, location, routing, 'alert.resolved', [alertId]);
  }

  private async run(job: EventJob): Promise<void> {
    const { storage, log } = this.deps;
    const routing = await getRouting(storage, job.location);
    const endpoint = routing.events.find((e) => e.url === job.url && e.events.includes(job.type));
    const data = endpoint && (await this.data(job, endpoint));
    if (!endpoint || !data) {
      log?.warn({ type: job.type, subject: job.subject }, 'CRM event dropped');
      return;
    }
    const ts = Math.floor(this.deps.now().getTime() / 1000);
    const body = JSON.stringify({
      type: job.type,
      timestamp: new Date(ts * 1000).toISOString(),
      data,
    });
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'lastword-collector',
      'webhook-id': job.messageId,
      'webhook-timestamp': String(ts),
      'webhook-signature': signStandardWebhook(endpoint.secret, job.messageId, ts, body),
    };
    let result;
    try {
      const target = await checkTarget(endpoint.url, this.deps.policy);
      result = webhookResult(await postWebhook(target, headers, body, this.deps.timeoutMs));
    } catch (error) {
      result =
        error instanceof TargetError
          ? { ok: false, retry: false, error: `target refused: ${error.message}` }
          : { ok: false, retry: true, error: sendErrorWords(error) };
    }
    const again = !result.ok && result.retry && job.attempt < this.deps.retry.maxAttempts;
    const fields = {
      type: job.type,
      subject: job.subject,
      attempt: job.attempt,
      error: result.error,
    };
    if (result.ok) log?.info(fields, 'CRM event delivered');
    else log?.warn(fields, again ? 'CRM event failed; will retry' : 'CRM event failed');
    if (!again) return;
    await writeTransaction(storage, (trx) =>
      this.deps.jobs.send(
        trx,
        CRM_EVENT_QUEUE,
        { ...job, attempt: job.attempt + 1 },
        retryAt(this.deps.retry, job.attempt, result.retryAfterSeconds),
      ),
    );
  }

  /** The event's data as it stands now; null when its subject is gone. */
  private async data(
    job: EventJob,
    endpoint: EventEndpoint,
  ): Promise<Record<string, unknown> | null> {
    const { db } = this.deps.storage;
    const withContact = (contact: unknown) => {
      if (!endpoint.includeContact || contact === null) return {};
      const c = fromJson<Contact>(contact);
      return {
        contact: {
          name: c.name,
          ...(c.email && { email: c.email }),
          ...(c.phone && { phone: c.phone }),
        },
      };
    };
    if (job.type === 'answer.finalized') {
      const a = await db
        .selectFrom('answers')
        .leftJoin('touchpoints', 'touchpoints.id', 'answers.touchpoint_id')
        .select([
          'answers.id',
          'answers.kiosk_id',
          'answers.status',
          'answers.language',
          'answers.finalized_at',
          'answers.smiley',
          'answers.nps',
          'answers.ces',
          'answers.reasons',
          'answers.contact',
          'touchpoints.name as touchpoint',
        ])
        .where('answers.id', '=', job.subject)
        .executeTakeFirst();
      if (!a) return null;
      return {
        answerId: a.id,
        location: job.location,
        touchpoint: a.touchpoint,
        kioskId: a.kiosk_id,
        status: a.status,
        language: a.language,
        finalizedAt: toIso(a.finalized_at),
        smiley: a.smiley,
        nps: a.nps,
        ces: a.ces,
        reasons: fromJson<string[]>(a.reasons),
        ...withContact(a.contact),
      };
    }
    const r = await db
      .selectFrom('staff_alerts')
      .select([
        'id',
        'answer_id',
        'kiosk_id',
        'kind',
        'touchpoint',
        'outcome',
        'resolved_at',
        'resolve_seconds',
        'smiley',
        'nps',
        'ces',
      ])
      .where('id', '=', job.subject)
      .executeTakeFirst();
    // The answer by its id alone, kept if the alert's kiosk's (answer_id is text, answers.id uuid).
    const answer = r?.answer_id
      ? await db
          .selectFrom('answers')
          .select(['kiosk_id', 'contact'])
          .where('id', '=', r.answer_id)
          .executeTakeFirst()
      : undefined;
    if (!r) return null;
    return {
      alertId: r.id,
      answerId: r.answer_id,
      location: job.location,
      touchpoint: r.touchpoint,
      kind: r.kind,
      outcome: r.outcome,
      resolvedAt: toIso(r.resolved_at),
      resolveSeconds: r.resolve_seconds,
      smiley: r.smiley,
      nps: r.nps,
      ces: r.ces,
      ...withContact(answer?.kiosk_id === r.kiosk_id ? answer.contact : null),
    };
  }
}
