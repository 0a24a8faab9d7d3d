// The kiosk's side of remote actions (shared/kiosk-commands.ts): orders arrive with heartbeat
// replies, each is carried out once and its result reported to the collector. An order comes
// again with every heartbeat until the collector has the result, so results are kept in
// kiosk_state and sent again rather than the order carried out twice. A reload waits for the
// moment between customers (host/reload-gate.ts); the heartbeat does not wait for it.
import type { CommandResult, KioskCommand } from '../../../shared/kiosk-commands.ts';
import type { Logger } from '../log.ts';

/** kiosk_state key: the results of the latest orders, by id, and whether the collector has them. */
export const COMMAND_RESULTS = 'command_results';
const KEEP_RESULTS = 20;

type Kept = Record<string, { result: CommandResult; reported: boolean }>;

export interface CommandDeps {
  /** Reports a result; true once the collector has it. */
  report(id: number, result: CommandResult): Promise<boolean>;
  getState(key: string): string | null;
  setState(key: string, value: string): void;
  /** Reloads the kiosk UI between customers; resolves once it did. */
  reload(): Promise<void>;
  resendDeadLetters(): { requeued: number; kept: number };
  /** The token the kiosk uses now, and how it keeps and switches to a new one. */
  token(): string;
  storeToken(token: string): void;
  /** The newest log lines, already filtered for sending; null without a log file. */
  logLines(count: number): string[] | null;
  log: Logger;
}

export class CommandRunner {
  private readonly deps: CommandDeps;
  /** Orders being carried out (a reload waiting for its moment): not started twice. */
  private readonly running = new Set<number>();

  constructor(deps: CommandDeps) {
    this.deps = deps;
  }

  /** Handles the orders of one heartbeat reply; resolves before the next heartbeat may start. */
  async handle(commands: KioskCommand[]): Promise<void> {
    for (const command of commands) {
      const kept = this.kept()[command.id];
      if (kept) {
        if (!kept.reported) await this.report(command.id, kept.result);
        continue;
      }
      if (this.running.has(command.id)) continue;
      this.running.add(command.id);
      const done = this.carryOut(command)
        .catch((error: unknown): CommandResult => ({
          status: 'failed',
          message: `failed: ${(error as Error)?.message ?? String(error)}`.slice(0, 500),
        }))
        .then(async (result) => {
          this.keep(command.id, { result, reported: false });
          this.running.delete(command.id);
          this.deps.log(result.status === 'done' ? 'info' : 'warn', 'remote order carried out', {
            command: command.id,
            kind: command.kind,
            status: result.status,
          });
          await this.report(command.id, result);
        });
      // A reload waits for the customer to finish; everything else is over in a moment.
      if (command.kind !== 'reload') await done;
    }
  }

  private async carryOut(command: KioskCommand): Promise<CommandResult> {
    switch (command.kind) {
      case 'reload':
        await this.deps.reload();
        return { status: 'done', message: 'the kiosk UI was reloaded between customers' };
      case 'resend_dead_letters': {
        const { requeued, kept } = this.deps.resendDeadLetters();
        return {
          status: 'done',
          message: `${requeued} dead letter(s) back in the queue${kept ? `; ${kept} kept (their item is no longer held)` : ''}`,
        };
      }
      case 'rotate_token':
        // A token sent again is one this kiosk already keeps: nothing to store.
        if (command.token !== this.deps.token()) this.deps.storeToken(command.token);
        return { status: 'done', message: 'the new device token is stored and in use' };
      case 'fetch_logs': {
        const lines = this.deps.logLines(command.lines);
        if (lines === null) return { status: 'failed', message: 'this kiosk keeps no log file' };
        return {
          status: 'done',
          message: `${lines.length} log line(s), customer text withheld`,
          logLines: lines,
        };
      }
    }
  }

  private async report(id: number, result: CommandResult): Promise<void> {
    if (await this.deps.report(id, result)) this.keep(id, { result, reported: true });
  }

  private kept(): Kept {
    try {
      return JSON.parse(this.deps.getState(COMMAND_RESULTS) ?? '{}') as Kept;
    } catch {
      return {};
    }
  }

  private keep(id: number, entry: Kept[string]): void {
    // Log lines are sent once and not kept on the kiosk twice.
    const { logLines: _sent, ...result } = entry.result;
    const all: Kept = { ...this.kept(), [id]: entry.reported ? { ...entry, result } : entry };
    const newest = Object.keys(all)
      .map(Number)
      .sort((a, b) => b - a)
      .slice(0, KEEP_RESULTS);
    this.deps.setState(
      COMMAND_RESULTS,
      JSON.stringify(Object.fromEntries(newest.map((k) => [k, all[k]]))),
    );
  }
}
