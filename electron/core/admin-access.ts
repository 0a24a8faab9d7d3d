// The admin PIN gate: 5 wrong PINs lock it for 5 minutes. The failure count and lock live in
// the database, so pulling the plug does not reset the lock; sessions live in memory only.
import { randomBytes } from 'node:crypto';
import { verifyPin } from './pin.ts';

const MAX_FAILURES = 5;
const LOCK_MS = 5 * 60_000;
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
    if (lockedUntil > now)
      return { session: null, attemptsLeft: 0, lockedUntil: new Date(lockedUntil).toISOString() };

    const hash = this.pinHash();
    if (hash && verifyPin(pin, hash)) {
      this.store.setState('admin_failures', '0');
      const session = randomBytes(24).toString('base64url');
      this.sessions.set(session, now + SESSION_MS);
      return { session, attemptsLeft: MAX_FAILURES, lockedUntil: null };
    }
    const failures = Number(this.store.getState('admin_failures') ?? 0) + 1;
    if (failures >= MAX_FAILURES) {
      this.store.setState('admin_failures', '0');
      this.store.setState('admin_locked_until', String(now + LOCK_MS));
      return { session: null, attemptsLeft: 0, lockedUntil: new Date(now + LOCK_MS).toISOString() };
    }
    this.store.setState('admin_failures', String(failures));
    return { session: null, attemptsLeft: MAX_FAILURES - failures, lockedUntil: null };
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
