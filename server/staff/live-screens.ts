// The open live screens (GET /staff/api/stream) and the limits that keep them from hurting the
// collector: a cap per user and in total; a bound on what one screen may leave unsent, so a client
// that stops reading is dropped (its EventSource reconnects for a fresh snapshot) instead of being
// buffered without bound; and a check of every screen's session before each delivery and at each
// heartbeat, in one query for all screens, so that a logout, a disabled account or a changed role
// or location ends the screen before another alert reaches it.
import type { FastifyBaseLogger } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { Storage } from '../db/open.ts';
import { HttpError } from '../errors.ts';
import { openSessionIds, touchSessions } from './sessions.ts';

export interface StreamLimits {
  /** Screens one account may have open: the store PC, a phone, a tablet, a spare tab. */
  perUser: number;
  /** Screens in all. */
  total: number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = { perUser: 5, total: 200 };
/** Unsent bytes one screen may have queued: a full snapshot fits with room to spare. */
export const MAX_UNSENT_BYTES = 1024 * 1024;
/** What a refused screen is told; the page tries again by itself. */
const RETRY_SECONDS = 30;

export interface Screen<E> {
  raw: ServerResponse;
  /** The session's stored id (the token's hash). */
  sessionId: string;
  userId: string;
  /** Each event, in order, once the screen's session was found still open. */
  onEvent(event: E): void;
}

type EndReason = 'logout' | 'session_ended' | 'slow' | 'shutdown';

export class LiveScreens<E> {
  private readonly screens = new Set<Screen<E>>();
  private readonly queue: E[] = [];
  private pumping = false;
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly storage: Storage;
  private readonly now: () => Date;
  private readonly limits: StreamLimits;
  private readonly log: FastifyBaseLogger;

  constructor(opts: {
    storage: Storage;
    now: () => Date;
    limits: StreamLimits;
    log: FastifyBaseLogger;
    heartbeatMs: number;
  }) {
    this.storage = opts.storage;
    this.now = opts.now;
    this.limits = opts.limits;
    this.log = opts.log;
    this.timer = setInterval(() => void this.heartbeat(), opts.heartbeatMs);
    this.timer.unref();
  }

  /** Adds a screen, or throws the 429/503 that says why not (call before replying). */
  add(screen: Screen<E>): void {
    if (this.screens.size >= this.limits.total)
      throw new HttpError(503, 'busy', 'too many live screens are open: trying again shortly', {
        headers: { 'retry-after': String(RETRY_SECONDS) },
        extra: { retryAfterSeconds: RETRY_SECONDS },
      });
    const mine = [...this.screens].filter((s) => s.userId === screen.userId).length;
    if (mine >= this.limits.perUser)
      throw new HttpError(
        429,
        'too_many_screens',
        `this account already has ${mine} live screens open: close one`,
        {
          headers: { 'retry-after': String(RETRY_SECONDS) },
          extra: { retryAfterSeconds: RETRY_SECONDS },
        },
      );
    this.screens.add(screen);
    screen.raw.on('close', () => this.screens.delete(screen));
  }

  /** Writes to one screen, or drops it when it has stopped taking what it was sent. */
  write(screen: Screen<E>, text: string): void {
    if (!this.screens.has(screen)) return;
    if (screen.raw.writableLength > MAX_UNSENT_BYTES) return this.end(screen, 'slow');
    screen.raw.write(text);
  }

  /** Delivers an event to every screen whose session is still open, in publication order. */
  broadcast(event: E): void {
    this.queue.push(event);
    void this.pump();
  }

  /** Ends the screens of a session that just logged out. */
  endSession(sessionId: string): void {
    for (const s of this.screens) if (s.sessionId === sessionId) this.end(s, 'logout');
  }

  /** Ends every screen: the server is stopping (the screens reconnect to the next one). */
  closeAll(): void {
    clearInterval(this.timer);
    for (const s of this.screens) this.end(s, 'shutdown');
  }

  private end(screen: Screen<E>, reason: EndReason): void {
    if (!this.screens.delete(screen)) return;
    this.log.info(
      { event: 'staff_stream_closed', reason, userId: screen.userId },
      `live screen closed: ${reason}`,
    );
    // A slow screen's unsent backlog is thrown away, not flushed.
    if (reason === 'slow') screen.raw.destroy();
    else screen.raw.end();
  }

  /** Ends the screens whose session has ended; returns the ones still open. */
  private async check(): Promise<Screen<E>[]> {
    const screens = [...this.screens];
    const open = await openSessionIds(
      this.storage,
      [...new Set(screens.map((s) => s.sessionId))],
      this.now(),
    );
    for (const s of screens) if (!open.has(s.sessionId)) this.end(s, 'session_ended');
    return screens.filter((s) => this.screens.has(s));
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    while (this.queue.length) {
      // Everything published before this check waits for it; later events wait for the next.
      const events = this.queue.splice(0);
      try {
        const open = await this.check();
        for (const event of events) for (const s of open) if (this.screens.has(s)) s.onEvent(event);
      } catch (error) {
        // Without a session check nothing is sent; the screens catch up when they reconnect.
        this.log.error({ errorMessage: (error as Error).message }, 'live screen delivery failed');
      }
    }
    this.pumping = false;
  }

  private async heartbeat(): Promise<void> {
    if (!this.screens.size) return;
    try {
      const open = await this.check();
      // An open screen is the session in use: a live board on a store PC is not idle.
      await touchSessions(this.storage, [...new Set(open.map((s) => s.sessionId))], this.now());
      for (const s of open) this.write(s, ': heartbeat\n\n');
    } catch (error) {
      this.log.warn({ errorMessage: (error as Error).message }, 'live screen heartbeat failed');
    }
  }
}
