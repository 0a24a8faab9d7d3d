// The alert machinery of one collector, built by buildCollector: router (after each ingest
// commit), dispatcher (outside channels), escalator (on a timer). All work runs on one promise
// chain, so routing decisions see each other's rows; a failure is logged, never thrown back at
// the kiosk, whose batch is already stored.
import type { Logger } from 'pino';
import type { AlertUpload, AnswerUpload } from '../../shared/protocol.ts';
import type { Storage } from '../db/open.ts';
import {
  DEFAULT_PER_CHANNEL_PER_MINUTE,
  DEFAULT_RETRY,
  Dispatcher,
  type RetryPolicy,
} from './dispatcher.ts';
import { Escalator } from './escalation.ts';
import type { AlertHub } from './hub.ts';
import { Notifier } from './notifier.ts';
import { AlertRouting } from './alert-routing.ts';
import { Senders, type SmtpSettings } from './senders.ts';
import { DEFAULT_TARGET_POLICY, type TargetPolicy } from './targets.ts';

export interface AlertServiceOptions {
  targets?: Partial<TargetPolicy>;
  smtp?: SmtpSettings | null;
  retry?: Partial<RetryPolicy>;
  /** New messages per channel per minute (default DEFAULT_PER_CHANNEL_PER_MINUTE). */
  perChannelPerMinute?: number;
  /** How often escalation and aggregation summaries are checked; 0 = never by timer (tests call tick). */
  tickIntervalMs?: number;
  sendTimeoutMs?: number;
  /** At start, route kiosk alerts received this recently that have no staff alert yet (default 60). */
  recoverMinutes?: number;
}

export class AlertService {
  readonly hub: AlertHub;
  private readonly router: AlertRouting;
  private readonly dispatcher: Dispatcher;
  private readonly escalator: Escalator;
  private readonly senders: Senders;
  private readonly log: Logger | null;
  private readonly now: () => Date;
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    storage: Storage,
    hub: AlertHub,
    now: () => Date,
    log: Logger | null,
    opts: AlertServiceOptions = {},
  ) {
    this.hub = hub;
    this.now = now;
    this.log = log;
    const policy = { ...DEFAULT_TARGET_POLICY, ...opts.targets };
    this.senders = new Senders({
      policy,
      smtp: opts.smtp ?? null,
      now,
      timeoutMs: opts.sendTimeoutMs ?? 10_000,
    });
    this.dispatcher = new Dispatcher({
      storage,
      senders: this.senders,
      retry: { ...DEFAULT_RETRY, ...opts.retry },
      perChannelPerMinute: opts.perChannelPerMinute ?? DEFAULT_PER_CHANNEL_PER_MINUTE,
      now,
      log,
    });
    const notifier = new Notifier(this.dispatcher);
    this.router = new AlertRouting({ storage, hub, notifier });
    this.escalator = new Escalator(storage, notifier);
    // Alerts a stopped collector stored but never routed; older ones are history, not news.
    this.enqueue('recover unrouted alerts', () =>
      this.router.recover(new Date(now().getTime() - (opts.recoverMinutes ?? 60) * 60_000)),
    );
    const every = opts.tickIntervalMs ?? 15_000;
    if (every > 0) {
      this.timer = setInterval(() => void this.tick(), every);
      this.timer.unref();
    }
  }

  alertsStored(kioskId: string, alerts: AlertUpload[], receivedAt: Date): void {
    if (alerts.length)
      this.enqueue('route kiosk alerts', () =>
        this.router.kioskAlerts(kioskId, alerts, receivedAt),
      );
  }

  answersStored(kioskId: string, answers: AnswerUpload[], receivedAt: Date): void {
    if (answers.length)
      this.enqueue('route answers', () => this.router.answers(kioskId, answers, receivedAt));
  }

  tick(at: Date = this.now()): Promise<void> {
    return this.enqueue('escalation tick', () => this.escalator.tick(at));
  }

  /** Resolves when routing and deliveries (with their retries) are done. */
  async idle(): Promise<void> {
    await this.chain;
    await this.dispatcher.idle();
    await this.chain;
  }

  /** Stops the timer and pending retries, then lets routing and sends in progress finish (the storage closes next). */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.dispatcher.close();
    await this.chain;
    await this.dispatcher.idle();
    this.senders.close();
  }

  private enqueue(what: string, work: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(work).catch((error: unknown) => {
      this.log?.error(
        { errorMessage: error instanceof Error ? error.message : String(error) },
        `alert routing failed: ${what}`,
      );
    });
    return this.chain;
  }
}
