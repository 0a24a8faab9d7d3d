// The config the kiosk runs with: the file's, or a newer one the collector sent, swapped in only
// when no customer is mid-survey. An invalid file leaves no config, only the field problems the
// kiosk shows on its error screen for IT to fix.
import { existsSync } from 'node:fs';
import type { FieldProblem, KioskConfig } from '../../../shared/config.ts';
import type { AnswerLifecycle } from '../answer-lifecycle.ts';
import { loadKioskConfig } from '../config-file.ts';
import type { Logger } from '../log.ts';
import { tightenFile } from '../private-files.ts';
import type { TokenVault } from '../token-vault.ts';
import { pendingRemoteConfig } from '../sync/remote-config.ts';

export interface ConfigSource {
  /** The config file's, null when the file is missing or invalid. */
  readonly file: KioskConfig | null;
  /** Why the file cannot be used, null when it can. */
  readonly problems: FieldProblem[] | null;
  /** There is no config file at all: a new kiosk, for its setup screen to enrol. */
  readonly missing: boolean;
  /** Reads the file again, after enrolment wrote it. */
  reload(): void;
  /** The config in force: the file's until a collector config is applied. */
  current(): KioskConfig | null;
  /** Swaps in a config the collector sent, but never while a customer is mid-survey. */
  applyRemote(): void;
}

export function openConfigSource(
  configPath: string,
  lifecycle: AnswerLifecycle,
  log: Logger,
  vault: TokenVault | null = null,
): ConfigSource {
  protectConfigFile(configPath, log);
  let loaded = loadKioskConfig(configPath, vault);
  let file = loaded.ok ? loaded.config : null;
  let current = file;
  let appliedEtag: string | null = null;
  return {
    get file() {
      return file;
    },
    get problems() {
      return loaded.ok ? null : loaded.problems;
    },
    get missing() {
      return !existsSync(configPath);
    },
    reload() {
      protectConfigFile(configPath, log);
      loaded = loadKioskConfig(configPath, vault);
      file = loaded.ok ? loaded.config : null;
      current = file;
      appliedEtag = null;
    },
    current: () => current,
    applyRemote() {
      if (!file || lifecycle.openDrafts > 0) return;
      const next = pendingRemoteConfig(lifecycle.stateStore.getStateOrNull, file, appliedEtag);
      if (!next) return;
      appliedEtag = next.etag;
      if ('error' in next)
        log('error', 'collector config not applied', { etag: next.etag, error: next.error });
      else {
        current = next.config;
        log('info', 'collector config applied', {
          etag: next.etag,
          survey: next.config.survey.version,
        });
      }
    },
  };
}

/** The config holds the device token: readable by the kiosk's user only. */
function protectConfigFile(configPath: string, log: Logger): void {
  const outcome = tightenFile(configPath);
  if (outcome === 'tightened')
    log('warn', 'the kiosk config was readable by other users; made it private', {
      config: configPath,
    });
  else if (outcome === 'failed')
    log('error', 'the kiosk config is readable by other users and could not be made private', {
      config: configPath,
    });
}
