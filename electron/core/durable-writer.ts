// Runs each write in one SQLite transaction. When the disk fails (full, read-only, I/O error)
// the kiosk must keep serving customers: the write is kept in memory, in order, and retried
// until the disk is back. Later writes queue behind it so they never overtake it.
export interface WriteOutcome {
  durable: boolean;
}

type Write = () => void;

// SQLite's own codes, and the file-system errors raised while creating or opening the file.
const STORAGE_ERRORS =
  /^(SQLITE_(FULL|IOERR|READONLY|CANTOPEN|BUSY|LOCKED|PROTOCOL)|ENOSPC|EROFS|EACCES|EPERM|EIO|ENOTDIR|EEXIST|EDQUOT)/;

export function isStorageFailure(error: unknown): boolean {
  return STORAGE_ERRORS.test((error as { code?: string })?.code ?? '');
}

export interface DurableWriterOptions {
  /** Wraps a function in a database transaction (db.transaction). */
  transaction: (fn: Write) => () => void;
  retryMs?: number;
  onStorageError: (message: string | null) => void;
}

export class DurableWriter {
  private readonly pending: Write[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly opts: Required<DurableWriterOptions>;

  constructor(opts: DurableWriterOptions) {
    this.opts = { retryMs: 2000, ...opts };
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /**
   * Applies `write` now if it can. Errors that are not storage failures (a conflict, a missing
   * answer) are thrown to the caller, and nothing of the write remains.
   */
  write(write: Write): WriteOutcome {
    if (this.pending.length > 0) {
      this.pending.push(write);
      return { durable: false };
    }
    try {
      this.opts.transaction(write)();
      return { durable: true };
    } catch (error) {
      if (!isStorageFailure(error)) throw error;
      this.pending.push(write);
      this.opts.onStorageError(describe(error));
      this.schedule();
      return { durable: false };
    }
  }

  /** Tries the held writes again, oldest first; stops at the first that still fails. */
  flush(): void {
    while (this.pending.length > 0) {
      try {
        this.opts.transaction(this.pending[0]!)();
      } catch (error) {
        if (isStorageFailure(error)) {
          this.opts.onStorageError(describe(error));
          this.schedule();
          return;
        }
        // A held write that can no longer apply (its answer was finalised after a restart of
        // the database) is dropped rather than blocking every later customer.
      }
      this.pending.shift();
    }
    this.opts.onStorageError(null);
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, this.opts.retryMs);
    this.timer.unref();
  }
}

function describe(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return `storage failed (${e.code ?? 'error'}): ${e.message ?? String(error)}`;
}
