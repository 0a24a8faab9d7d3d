// The answer of the customer in front of the kiosk. It lives beside the flow store, not in its
// state: no screen draws it, and a store update must never copy or replace a session mid-write.
import type { AnswerStep, FinalStatus } from '../../shared/answer.ts';
import type { BridgeClient } from '../bridge/client.ts';
import { openAnswer, type AnswerSession, type SessionFailure } from './answer-session.ts';

export interface CurrentAnswer {
  /** Opens the answer with the first tap; false when one is open already (a double tap). */
  open(first: { smiley: number; language: string }, onStartFailed: () => void): boolean;
  isOpen(): boolean;
  update(step: AnswerStep): void;
  /** null when no answer is open. */
  requestHelp(): Promise<boolean> | null;
  finish(status: FinalStatus): void;
  /** Settles once the last finish reached the host: the moment a new survey may be applied. */
  lastFinish(): Promise<void>;
  /** Changes for every new customer, so a late reply about the previous one changes nothing. */
  customer(): number;
  nextCustomer(): void;
}

export function currentAnswer(
  client: BridgeClient,
  report: (failure: SessionFailure) => void,
): CurrentAnswer {
  let session: AnswerSession | null = null;
  let lastFinish: Promise<void> = Promise.resolve();
  let customer = 0;
  return {
    open(first, onStartFailed) {
      if (session) return false;
      // The host closes any open draft as partial when a new one starts: with the faces back
      // after the short thank-you lock, the next customer's start must not overtake the last
      // customer's finish (a slow disk, a busy host), or that answer is cut short.
      const mine = openAnswer(
        client,
        first,
        (failure) => {
          report(failure);
          if (failure.stage === 'start' && session === mine) {
            session = null;
            onStartFailed();
          }
        },
        lastFinish,
      );
      session = mine;
      return true;
    },
    isOpen: () => session !== null,
    update: (step) => void session?.update(step),
    requestHelp: () => session?.requestHelp() ?? null,
    finish(status) {
      if (session) lastFinish = session.finish(status).catch(() => undefined);
      session = null;
    },
    lastFinish: () => lastFinish,
    customer: () => customer,
    nextCustomer() {
      customer += 1;
    },
  };
}
