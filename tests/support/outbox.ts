// Filling a kiosk database the way the kiosk does (the real AnswerStore on a connection opened by
// openDatabase), fast: many answer lives per transaction. For sync tests and the sync bench.
import { v7 as uuidv7 } from 'uuid';
import { AnswerStore } from '../../electron/core/answer-store.ts';
import { openDatabase } from '../../electron/core/db/open.ts';

export interface QueueOptions {
  kioskId?: string;
  /** Answers per transaction. */
  chunk?: number;
  /** Every nth answer also raises a low-score alert (0: none). */
  alertEvery?: number;
  at?: () => Date;
}

export interface KioskWriter {
  /** Writes n final answers (and their alerts); returns their ids in seq order. */
  answers(n: number): string[];
  alert(answerId: string | null): string;
  close(): void;
}

const COMMENTS = ['Kiire ja sõbralik teenindus, aitäh!', 'Queue was long today', 'ok'];

export function kioskWriter(databasePath: string, opts: QueueOptions = {}): KioskWriter {
  const { db } = openDatabase(databasePath);
  const store = new AnswerStore(db);
  const kioskId = opts.kioskId ?? 'test-kiosk';
  const at = opts.at ?? (() => new Date());
  let count = 0;
  const alert = (answerId: string | null) => {
    const id = uuidv7();
    store.raiseAlert({
      id,
      answerId,
      kind: answerId ? 'low_score' : 'test',
      createdAt: at().toISOString(),
      detail: { kioskId, location: 'Test store', touchpoint: 'Desk 2', smiley: 1 },
    });
    return id;
  };
  const one = (): string => {
    const id = uuidv7();
    const t = at().toISOString();
    const n = ++count;
    store.insertDraft({
      id,
      kioskId,
      surveyVersion: 'test-1',
      language: n % 2 ? 'en' : 'et',
      smiley: 1 + (n % 4),
      startedAt: t,
      possibleRepeat: false,
    });
    if (n % 3 === 0) store.updateDraft(id, { reasons: ['fast'], nps: n % 11 }, t);
    if (n % 7 === 0) store.updateDraft(id, { comment: COMMENTS[n % COMMENTS.length]! }, t);
    if (n % 50 === 0)
      store.updateDraft(
        id,
        { contact: { consentVersion: '2026-11', name: 'Mari', email: 'mari@example.com' } },
        t,
      );
    if (opts.alertEvery && n % opts.alertEvery === 0) alert(id);
    store.finalize(id, n % 5 === 0 ? 'partial' : 'complete', t);
    return id;
  };
  return {
    answers(n) {
      const ids: string[] = [];
      const chunk = opts.chunk ?? 1000;
      for (let done = 0; done < n; done += chunk) {
        db.transaction(() => {
          for (let i = done; i < Math.min(n, done + chunk); i++) ids.push(one());
        })();
      }
      return ids;
    },
    alert: (answerId) => db.transaction(() => alert(answerId))(),
    close: () => db.close(),
  };
}
