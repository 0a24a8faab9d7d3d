// One batch to the collector and its reply settled in the outbox: items that cannot be valid go
// to dead letters before sending, the reply must name every item sent (in order) or the pass
// ends as a protocol failure, a 413 halves the batch size for the next read (one item alone
// too large is dead-lettered), and after a full batch the size doubles back towards the tuning.
import { MAX_BATCH_ITEMS } from '../../../shared/protocol.ts';
import type { Logger } from '../log.ts';
import type { CollectorClient, Failure } from './collector-client.ts';
import type { SyncStore } from './sync-store.ts';
import type { SyncTuning } from './tuning.ts';
import type { ItemKind, Prepared } from './uploads.ts';

export interface Sent {
  sent: number;
  deadLettered: number;
  /** The batch was too large (413) and will be read again in smaller pieces. */
  split: boolean;
  /** The batch's sentAt when the collector answered 2xx; null when nothing was sent. */
  syncedAt: string | null;
}

/** Thrown inside a pass to end it; carries what the client reported. */
export class RequestFailed extends Error {
  readonly failure: Failure;
  constructor(failure: Failure) {
    super(failure.message);
    this.failure = failure;
  }
}

export interface BatchSenderDeps {
  kioskId: string;
  client: CollectorClient;
  tuning: SyncTuning;
  now: () => Date;
  store: () => SyncStore;
  stopped: () => boolean;
  log?: Logger | undefined;
}

export class BatchSender {
  /** Items per batch now: the tuning's, or less after a 413. */
  limit: number;
  private readonly deps: BatchSenderDeps;

  constructor(deps: BatchSenderDeps) {
    this.deps = deps;
    this.limit = Math.min(deps.tuning.batchItems, MAX_BATCH_ITEMS);
  }

  /** Sends one batch and settles its reply; throws RequestFailed when the request failed. */
  async send<T>(kind: ItemKind, prepared: Prepared<T>[]): Promise<Sent> {
    const { store, log } = this.deps;
    const at = this.deps.now().toISOString();
    const bad = prepared.filter((p) => !p.ok);
    if (bad.length) {
      store().deadLetter(kind, bad, at);
      log?.('warn', 'items not valid for the collector moved to dead letters', {
        kind,
        count: bad.length,
      });
    }
    const good = prepared.filter((p) => p.ok);
    if (good.length === 0)
      return { sent: 0, deadLettered: bad.length, split: false, syncedAt: null };
    const items = good.map((g) => g.item);
    const body =
      kind === 'answer'
        ? { kioskId: this.deps.kioskId, sentAt: at, answers: items }
        : { kioskId: this.deps.kioskId, sentAt: at, alerts: items };
    const reply = await this.deps.client.postBatch(
      kind === 'answer' ? '/v1/answers' : '/v1/alerts',
      body,
    );
    if (this.deps.stopped())
      throw new RequestFailed({
        ok: false,
        kind: 'stopped',
        status: null,
        reachable: false,
        retryAfterMs: null,
        message: 'sync stopped',
      });
    if (!reply.ok && reply.status === 413) return this.tooLarge(kind, good, bad.length);
    if (!reply.ok) {
      if (reply.kind !== 'stopped')
        store().recordFailure(
          good.map((g) => g.outboxId),
          reply.message,
        );
      throw new RequestFailed(reply);
    }
    const results = reply.body.results;
    const mismatch = results.length !== good.length || results.some((r, i) => r.id !== good[i]!.id);
    if (mismatch) {
      throw new RequestFailed({
        ok: false,
        kind: 'protocol',
        status: reply.status,
        reachable: true,
        retryAfterMs: null,
        message: `the collector's results do not match the ${kind}s sent`,
      });
    }
    const settled = store().settle(kind, good, results, this.deps.now().toISOString());
    if (settled.deadLettered)
      log?.('warn', 'the collector rejected items; moved to dead letters', {
        kind,
        count: settled.deadLettered,
      });
    const full = this.deps.tuning.batchItems;
    if (this.limit < full && good.length === this.limit)
      this.limit = Math.min(full, this.limit * 2);
    return {
      sent: settled.sent,
      deadLettered: settled.deadLettered + bad.length,
      split: false,
      syncedAt: at,
    };
  }

  private tooLarge<T>(
    kind: ItemKind,
    good: Extract<Prepared<T>, { ok: true }>[],
    alreadyDead: number,
  ): Sent {
    if (good.length > 1) {
      this.limit = Math.max(1, Math.floor(good.length / 2));
      return { sent: 0, deadLettered: alreadyDead, split: true, syncedAt: null };
    }
    const only = good[0]!;
    this.deps
      .store()
      .deadLetter(
        kind,
        [{ ...only, reason: 'too large for the collector even alone (413)', payload: only.item }],
        this.deps.now().toISOString(),
      );
    return { sent: 0, deadLettered: alreadyDead + 1, split: false, syncedAt: null };
  }
}
