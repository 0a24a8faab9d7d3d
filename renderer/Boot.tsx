// Boot: fetch the kiosk config through the bridge, then run the kiosk, or say plainly what is
// wrong. A broken config file gets a full page listing each field and why, for whoever fixes it;
// no config at all, the setup screen that enrols the kiosk.
import { useCallback, useEffect, useRef, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { PublicKioskConfig } from '../shared/config.ts';
import type { BridgeClient } from './bridge/client.ts';
import { isBridgeError, type FieldProblem } from './bridge/errors.ts';
import { createI18n } from './i18n/setup.ts';
import { RunningKiosk } from './RunningKiosk.tsx';
import { ConfigProblems, HostProblem, Loading } from './screens/BootPages.tsx';
import { Setup } from './screens/Setup.tsx';

type Boot =
  | { kind: 'loading' }
  /** generation changes when a new config replaces the running one: the kiosk remounts fresh. */
  | { kind: 'ready'; config: PublicKioskConfig; generation: number }
  | { kind: 'config'; problems: FieldProblem[]; message: string }
  /** No config at all: a new kiosk, enrolled on its setup screen. */
  | { kind: 'enrol' }
  | { kind: 'host'; message: string };

const HOST_RETRY_MS = 10_000;

interface Props {
  /** null when the page was opened without a bridge (no preload, not served by the host). */
  client: BridgeClient | null;
  reloadPage: () => void;
  /** The browser's language, for the pages shown before the config says which to use. */
  browserLanguage?: string;
  /**
   * The config, asked for before React started (main.tsx): the reply travels while the bundle
   * renders its first frame. The first load uses it; a retry asks again.
   */
  firstConfig?: Promise<PublicKioskConfig>;
}

export function Boot({ client, reloadPage, browserLanguage = 'en', firstConfig }: Props) {
  const [boot, setBoot] = useState<Boot>({ kind: 'loading' });
  const [i18n] = useState(() => createI18n(browserLanguage));
  // The config in use, as JSON, to tell a new one from the same one sent again.
  const running = useRef<string | null>(null);
  const early = useRef(firstConfig);

  const load = useCallback(async () => {
    if (!client) return;
    const asked = early.current ?? client.getConfig({});
    early.current = undefined;
    try {
      const config = await asked;
      running.current = JSON.stringify(config);
      setBoot({ kind: 'ready', config, generation: 0 });
    } catch (e) {
      if (isBridgeError(e) && e.code === 'not_found') setBoot({ kind: 'enrol' });
      else if (isBridgeError(e) && e.code === 'unavailable')
        setBoot({ kind: 'config', problems: e.problems, message: e.message });
      else setBoot({ kind: 'host', message: e instanceof Error ? e.message : String(e) });
    }
  }, [client]);

  useEffect(() => {
    const first = setTimeout(() => void load(), 0);
    return () => clearTimeout(first);
  }, [load]);

  useEffect(() => {
    // The host may still be starting; try again by itself rather than wait for a person.
    if (boot.kind !== 'host') return;
    const timer = setTimeout(() => void load(), HOST_RETRY_MS);
    return () => clearTimeout(timer);
  }, [boot, load]);

  // Back at the attract screen, once the last answer is final: pick up a survey the collector
  // sent, or a default language set on the admin screen. Never mid-survey; on failure keep going
  // with the config in use.
  const onAttract = useCallback(
    (previousSettled: Promise<void>) => {
      if (!client) return;
      void previousSettled
        .then(() => client.getConfig({}))
        .then((next) => {
          // Compared here, not in a state updater: an update that changes nothing stays queued
          // on this never re-rendered component, and with it the whole config, once per
          // customer (10 KB each, found by the endurance bench).
          const json = JSON.stringify(next);
          if (json === running.current) return;
          running.current = json;
          setBoot((now) =>
            now.kind === 'ready'
              ? { kind: 'ready', config: next, generation: now.generation + 1 }
              : now,
          );
        })
        .catch(() => undefined);
    },
    [client],
  );

  if (client && boot.kind === 'ready') {
    return (
      <RunningKiosk
        key={boot.generation}
        config={boot.config}
        client={client}
        reloadPage={reloadPage}
        onAttract={onAttract}
      />
    );
  }
  return (
    <I18nextProvider i18n={i18n}>
      {!client ? (
        <HostProblem message={null} />
      ) : boot.kind === 'enrol' ? (
        <Setup client={client} onEnrolled={() => void load()} />
      ) : boot.kind === 'config' ? (
        <ConfigProblems
          problems={boot.problems}
          message={boot.message}
          onRetry={() => void load()}
        />
      ) : boot.kind === 'host' ? (
        <HostProblem message={boot.message} onRetry={() => void load()} />
      ) : (
        <Loading />
      )}
    </I18nextProvider>
  );
}
