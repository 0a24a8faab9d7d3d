// One customer's answer on its way to the kiosk host. The screen moves on at once (a tap must
// feel instant) while the writes go out strictly one after another: over the localhost
// transport each call is its own HTTP request, and "finish" must never overtake an update.
// Each write is queued in memory at the tap and leaves right after the frame that shows the next
// screen: a fetch (or IPC call) started inside the tap's task delayed that frame by its
// serialisation and request set-up.
// While the answer is open the session tells the host it is still on screen: the host finishes
// a draft nobody touches for longer than the idle timeout (its screen crashed or was closed), and
// a customer typing a long comment sends nothing else for a while.
import type { AnswerStep, FinalStatus } from '../../shared/answer.ts';
import { painted } from '../after-paint.ts';
import type { BridgeClient } from '../bridge/client.ts';

export interface AnswerSession {
  update(step: AnswerStep): Promise<void>;
  /** Resolves to whether the host raised the staff alert. */
  requestHelp(): Promise<boolean>;
  finish(status: FinalStatus): Promise<void>;
}

export type SessionFailure = { stage: 'start' | 'update' | 'help' | 'finish'; error: unknown };

/** Well inside the host's shortest deadline (10 s idle timeout + 10 s). */
export const KEEP_ALIVE_MS = 5_000;

export function openAnswer(
  client: BridgeClient,
  first: { smiley: number; language: string },
  onFailure: (failure: SessionFailure) => void,
  /** Settles once the previous customer's finish reached the host; the start waits for it. */
  after: Promise<void> = Promise.resolve(),
): AnswerSession {
  const started = Promise.all([after, painted()])
    .then(() => client.startAnswer(first))
    .then(
      (r) => r.answerId,
      (error: unknown) => {
        onFailure({ stage: 'start', error });
        return null;
      },
    );
  let tail: Promise<unknown> = started;
  let finished = false;
  // Any write tells the host as much as a keep-alive does, so a tick after one sends nothing: a
  // request is some 15 ms of main thread at 4x CPU throttling (bench/tap-latency.ts), and a
  // customer tapping through the screens writes every few seconds anyway. The longest silence is
  // then two ticks, half the host's shortest deadline.
  let wrote = true;
  const keepAlive = setInterval(() => {
    if (wrote) {
      wrote = false;
      return;
    }
    void started.then((answerId) => {
      if (!answerId) clearInterval(keepAlive);
      else if (!finished) client.touchAnswer({ answerId }).catch(() => undefined);
    });
  }, KEEP_ALIVE_MS);

  const enqueue = <T>(
    stage: SessionFailure['stage'],
    call: (answerId: string) => Promise<T>,
  ): Promise<T> => {
    // The frame is waited for from the tap on, not after the previous write: a write queued
    // behind a slow one goes as soon as that one is done.
    const run = Promise.all([tail, painted()]).then(async () => {
      const answerId = await started;
      // Without a draft there is nothing to change; the start failure was reported already.
      if (!answerId) throw new Error('the answer was never started');
      wrote = true;
      return call(answerId);
    });
    tail = run.catch((error: unknown) => {
      if (stage !== 'help') onFailure({ stage, error });
    });
    return run;
  };

  return {
    // Failures of updates and of the finish are reported through onFailure; callers need not wait.
    update: (step) =>
      finished
        ? Promise.resolve()
        : enqueue('update', (answerId) => client.updateAnswer({ answerId, step })).then(
            () => undefined,
            () => undefined,
          ),
    requestHelp: () =>
      enqueue('help', (answerId) => client.requestHelp({ answerId })).then((r) => r.alertRaised),
    finish: (status) => {
      if (finished) return Promise.resolve();
      finished = true;
      clearInterval(keepAlive);
      return enqueue('finish', (answerId) => client.finishAnswer({ answerId, status })).then(
        () => undefined,
        () => undefined,
      );
    },
  };
}
