// A cap on password hashing in flight, for the whole process. One scrypt at the staff cost takes
// 32 MiB and a large share of a core for a few hundred milliseconds: a burst of logins (or one
// guessing client on many addresses) must not take the server's memory and CPU from the kiosks.
// Up to `concurrency` hashes run; up to `queue` more wait their turn; beyond that the caller is
// told at once to come back later (the login route answers 503 with Retry-After).

export interface HashGateLimits {
  concurrency: number;
  queue: number;
}

/**
 * Two at a time (64 MiB) on the small machines a collector runs on; a short queue absorbs a
 * shift change.
 */
export const DEFAULT_HASH_LIMITS: HashGateLimits = { concurrency: 2, queue: 8 };

export class HashGateBusy extends Error {}

export class HashGate {
  private readonly limits: HashGateLimits;
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** How many tasks have started so far; the tests count password checks with it. */
  started = 0;

  constructor(limits: HashGateLimits = DEFAULT_HASH_LIMITS) {
    this.limits = limits;
  }

  /** Runs fn when a slot is free; throws HashGateBusy without running it when the queue is full. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.limits.concurrency) {
      if (this.waiting.length >= this.limits.queue) throw new HashGateBusy('password checks busy');
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    this.started++;
    try {
      return await fn();
    } finally {
      // Hand the slot straight to the next waiter, so a newcomer cannot overtake the queue.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/** The process's gate: the memory and cores it protects are the process's too. */
export const processHashGate = new HashGate();
