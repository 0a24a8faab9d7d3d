// When to try again after a failed request. Full jitter (a uniform pick between 0 and the capped
// exponential) spreads a fleet of kiosks that lost the collector at the same moment, so they do
// not all come back at the same moment. Retry-After, when the collector sends one, is a floor.

export interface BackoffPolicy {
  /** The first failure waits up to this long. */
  baseMs: number;
  /** No wait is longer than this, however many failures in a row. */
  capMs: number;
}

/** The wait after `failures` failures in a row (1 = the first): random() in [0, 1) picks it. */
export function backoffDelay(
  failures: number,
  policy: BackoffPolicy,
  random: () => number,
): number {
  // 2 ** 30 already exceeds any sane cap; clamping the exponent keeps the product finite.
  const ceiling = Math.min(
    policy.capMs,
    policy.baseMs * 2 ** Math.min(Math.max(0, failures - 1), 30),
  );
  return Math.floor(random() * ceiling);
}

/**
 * Retry-After as delta-seconds or an HTTP date, in ms from now; null when absent or unreadable.
 * Capped so that a confused proxy cannot park the kiosk for a week.
 */
export function parseRetryAfter(header: string | null, now: Date, maxMs: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else {
    // An HTTP date names its weekday and month; anything else (a negative or fractional number)
    // is not a valid Retry-After, even where Date.parse would make a date of it.
    const at = /^[A-Za-z]{3}, /.test(text) ? Date.parse(text) : Number.NaN;
    if (Number.isNaN(at)) return null;
    ms = Math.max(0, at - now.getTime());
  }
  return Math.min(ms, maxMs);
}

/** The wait before the next try: the jittered backoff, but never less than Retry-After. */
export function nextDelay(
  failures: number,
  retryAfterMs: number | null,
  policy: BackoffPolicy,
  random: () => number,
): number {
  return Math.max(backoffDelay(failures, policy, random), retryAfterMs ?? 0);
}
