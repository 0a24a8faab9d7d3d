// Wires an admin's orders (commands/runner.ts) to the kiosk host: the shell's reload through the
// between-customers gate, the sync engine's dead letters and client (its token, its reports),
// the config file for a new token (sealed where the OS keystore can), the log file, filtered.
import type { KioskCommand } from '../../../shared/kiosk-commands.ts';
import type { AnswerLifecycle } from '../answer-lifecycle.ts';
import { CommandRunner } from '../commands/runner.ts';
import { shareableLines } from '../commands/log-filter.ts';
import { lastLogLines } from '../commands/log-tail.ts';
import { writeToken } from '../config-write.ts';
import type { Logger } from '../log.ts';
import type { SyncEngine } from '../sync/engine.ts';
import type { TokenVault } from '../token-vault.ts';
import type { ReloadGate } from './reload-gate.ts';

export interface RemoteCommandsOptions {
  engine: () => SyncEngine | null;
  lifecycle: AnswerLifecycle;
  gate: ReloadGate;
  configPath: string;
  vault: TokenVault | null;
  /** The kiosk log's folder; without one a log fetch fails saying so. */
  logsDir: string | null;
  log: Logger;
}

export function remoteCommands(o: RemoteCommandsOptions): (c: KioskCommand[]) => Promise<void> {
  const engine = () => {
    const e = o.engine();
    if (!e) throw new Error('sync is not running');
    return e;
  };
  const runner = new CommandRunner({
    report: async (id, result) => (await engine().client.postCommandResult(id, result)).ok,
    getState: o.lifecycle.stateStore.getStateOrNull,
    setState: o.lifecycle.stateStore.setState,
    reload: () => o.gate.request(),
    resendDeadLetters: () => engine().resendDeadLetters(),
    token: () => engine().client.token,
    storeToken(token) {
      // The file first: a kiosk that restarts now comes back with the token it will be using.
      writeToken(o.configPath, token, o.vault);
      engine().client.token = token;
    },
    logLines: (count) =>
      o.logsDir === null
        ? null
        : shareableLines(lastLogLines(o.logsDir, count), engine().customerText()),
    log: o.log,
  });
  return (commands) => runner.handle(commands);
}
