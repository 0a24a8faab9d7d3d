// POST /v1/answers and POST /v1/alerts. The envelope must be right (else 400, nothing stored);
// each item is then judged alone, so one bad item is reported `rejected` with its reason and
// the rest of the batch is stored: a kiosk's queue never stalls behind one broken row.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  AlertBatchEnvelope,
  AlertUpload,
  AnswerBatchEnvelope,
  AnswerUpload,
  type BatchReply,
  type ItemResult,
} from '../../shared/protocol.ts';
import { requireOwnKiosk } from './device-auth.ts';
import { readClock, type ClockReading } from './device-clock.ts';
import type { CollectorContext } from './context.ts';
import type { Storage } from '../db/open.ts';
import { parseBody, problems, summarize } from '../errors.ts';
import { storeAlerts, storeAnswers, type BatchContext, type BatchOutcome } from './ingest-store.ts';

interface ItemKind<T> {
  name: 'answers' | 'alerts';
  schema: z.ZodType<T>;
  /** A reason when a schema-valid item still names another kiosk. */
  foreign(item: T, kioskId: string): string | null;
  store(storage: Storage, batch: BatchContext, items: T[]): Promise<BatchOutcome>;
}

/** The alert service: told after each commit that routing jobs are waiting. */
export interface StoredListener {
  routeStored(): void;
}

const ANSWERS: ItemKind<AnswerUpload> = {
  name: 'answers',
  schema: AnswerUpload,
  foreign: (a, kioskId) =>
    a.kioskId === kioskId
      ? null
      : `kioskId "${a.kioskId}" does not match the batch's kioskId "${kioskId}"`,
  store: storeAnswers,
};

const ALERTS: ItemKind<AlertUpload> = {
  name: 'alerts',
  schema: AlertUpload,
  foreign: (a, kioskId) =>
    a.detail.kioskId === undefined || a.detail.kioskId === kioskId
      ? null
      : `detail.kioskId "${a.detail.kioskId}" does not match the batch's kioskId "${kioskId}"`,
  store: storeAlerts,
};

export function ingestRoutes(
  app: FastifyInstance,
  ctx: CollectorContext,
  listener?: StoredListener,
): void {
  app.post('/v1/answers', async (request) => {
    const batch = parseBody(AnswerBatchEnvelope, request.body);
    requireOwnKiosk(request, batch.kioskId);
    return ingest(request, ctx, ANSWERS, batch.sentAt, batch.answers, listener);
  });
  app.post('/v1/alerts', async (request) => {
    const batch = parseBody(AlertBatchEnvelope, request.body);
    requireOwnKiosk(request, batch.kioskId);
    return ingest(request, ctx, ALERTS, batch.sentAt, batch.alerts, listener);
  });
}

async function ingest<T>(
  request: FastifyRequest,
  ctx: CollectorContext,
  kind: ItemKind<T>,
  sentAt: string,
  items: unknown[],
  listener: StoredListener | undefined,
): Promise<BatchReply> {
  const results: ItemResult[] = items.map((item) => ({ id: itemId(item), status: 'rejected' }));
  const valid: T[] = [];
  const validAt: number[] = [];
  items.forEach((item, i) => {
    const parsed = kind.schema.safeParse(item);
    const reason = parsed.success
      ? kind.foreign(parsed.data, request.kioskId)
      : summarize(problems(parsed.error, '(item)'));
    if (parsed.success && reason === null) {
      valid.push(parsed.data);
      validAt.push(i);
    } else {
      results[i]!.reason = reason ?? 'invalid item';
    }
  });

  const receivedAt = ctx.now();
  const clock = readClock(sentAt, receivedAt, ctx.clockToleranceMs);
  const stored = await kind.store(
    ctx.storage,
    { kioskId: request.kioskId, deviceSentAt: sentAt, receivedAt, clock },
    valid,
  );
  stored.outcomes.forEach((outcome, j) => Object.assign(results[validAt[j]!]!, outcome));
  // Only new items leave a routing job; a batch of resends and rejects has nothing to route.
  if (stored.outcomes.some((o) => o.status === 'stored')) listener?.routeStored();

  const count = (status: ItemResult['status']) => results.filter((r) => r.status === status).length;
  // Counts only: items hold customer text, and reasons can quote whatever keys a client sent.
  request.log.info(
    {
      kioskId: request.kioskId,
      stored: count('stored'),
      duplicate: count('duplicate'),
      rejected: count('rejected'),
      highestContiguousSeq: stored.highestContiguousSeq,
    },
    `${kind.name} batch`,
  );
  noteClock(request, stored.wasClockFlagged, clock);
  return { results, highestContiguousSeq: stored.highestContiguousSeq };
}

/** The id as sent, so the kiosk can match results even for items that failed their schema. */
function itemId(item: unknown): string | null {
  const id = item && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id.slice(0, 64) : null;
}

/** One log line when a kiosk's clock leaves (or returns to) the tolerance, not one per request. */
export function noteClock(request: FastifyRequest, wasFlagged: boolean, clock: ClockReading): void {
  if (clock.flagged === wasFlagged) return;
  const message = clock.flagged
    ? 'kiosk clock is off by more than the tolerance'
    : 'kiosk clock is back within the tolerance';
  request.log[clock.flagged ? 'warn' : 'info'](
    { kioskId: request.kioskId, clockSkewMs: clock.skewMs },
    message,
  );
}
