// The admin PIN gate. 5 wrong PINs lock it for 5 minutes, and each further wrong PIN before the
// right one doubles the lock, up to a day: a patient guesser gets a handful of tries a day. The
// failure count and lock live in the database, so pulling the plug resets neither; sessions live
// in memory only.
import { randomBytes } from 'node:crypto';
import { verifyPin } from './pin.ts';

const MAX_FAILURES = 5;
const FIRST_LOCK_MS = 5 * 60_000;
const MAX_LOCK_MS = 24 * 60 * 60_000;
const SESSION_MS = 10 * 60_000;

export interface AdminStateStore {
  getState(key: string): string | null;
  setState(key: string, value: string): void;
}

export interface UnlockResult {
  session: string | null;
  attemptsLeft: number;
  lockedUntil: string | null;
}

/** The lock after the given number of wrong PINs in a row, or 0 before the fifth. */
function lockMs(failures: number): number {
  if (failures < MAX_FAILURES) return 0;
  return Math.min(FIRST_LOCK_MS * 2 ** (failures - MAX_FAILURES), MAX_LOCK_MS);
}

export class AdminAccess {
  private readonly sessions = new Map<string, number>();
  private readonly store: AdminStateStore;
  private readonly pinHash: () => string | null;
  private readonly now: () => Date;

  constructor(store: AdminStateStore, pinHash: () => string | null, now: () => Date) {
    this.store = store;
    this.pinHash = pinHash;
    this.now = now;
  }

  unlock(pin: string): UnlockResult {
    const now = this.now().getTime();
    const lockedUntil = Number(this.store.getState('admin_locked_until') ?? 0);
    if (lockedUntil > now) return locked(lockedUntil);

    const hash = this.pinHash();
    if (hash && verifyPin(pin, hash)) {
      this.store.setState('admin_failures', '0');
      const session = randomBytes(24).toString('base64url');
      this.sessions.set(session, now + SESSION_MS);
      return { session, attemptsLeft: MAX_FAILURES, lockedUntil: null };
    }
    // Counted until the right PIN is entered: a lock running out does not reset it.
    const failures = Number(this.store.getState('admin_failures') ?? 0) + 1;
    this.store.setState('admin_failures', String(failures));
    const lock = lockMs(failures);
    if (lock === 0)
      return { session: null, attemptsLeft: MAX_FAILURES - failures, lockedUntil: null };
    this.store.setState('admin_locked_until', String(now + lock));
    return locked(now + lock);
  }

  isValid(session: string): boolean {
    const expires = this.sessions.get(session);
    if (expires === undefined) return false;
    if (expires <= this.now().getTime()) {
      this.sessions.delete(session);
      return false;
    }
    return true;
  }
}

function locked(until: number): UnlockResult {
  return { session: null, attemptsLeft: 0, lockedUntil: new Date(until).toISOString() };
}
