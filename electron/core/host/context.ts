// What the feature handlers share (the answer lifecycle and its deadline for abandoned drafts, the
// admin gate, the config in force, the out-of-service flag) and the two guards most start with.
import type { KioskConfig } from '../../../shared/config.ts';
import type { AdminAccess } from '../admin-access.ts';
import type { AnswerLifecycle } from '../answer-lifecycle.ts';
import { HostError } from '../step-rules.ts';
import type { SyncEngine } from '../sync/engine.ts';
import type { AbandonedDrafts } from './abandoned-drafts.ts';
import type { ConfigSource } from './config-source.ts';

/** What the shell does when the admin asks: Electron reloads or quits, the demo does less. */
export interface HostActions {
  reload(): void;
  exit(): void;
}

export interface HostContext {
  readonly lifecycle: AnswerLifecycle;
  readonly admin: AdminAccess;
  readonly configs: ConfigSource;
  readonly abandoned: AbandonedDrafts;
  readonly actions: HostActions;
  /** The sync engine, when the config names a collector (from enrolment on, after one). */
  sync: SyncEngine | null;
  readonly appVersion: string;
  readonly databasePath: string;
  /** Why the kiosk is out of service (its window kept failing), or null while it serves. */
  outOfService: string | null;
}

/** The config in force; `unavailable` while the file is invalid or the kiosk is out of service. */
export function requireConfig(ctx: HostContext): KioskConfig {
  const config = ctx.configs.current();
  if (!config && ctx.configs.missing)
    throw new HostError('not_found', 'this kiosk has no config yet: enrol it on its setup screen');
  if (!config) throw new HostError('unavailable', 'the kiosk config file is invalid');
  if (ctx.outOfService) throw new HostError('unavailable', `out of service: ${ctx.outOfService}`);
  return config;
}

export function requireAdmin(ctx: HostContext, session: string): void {
  if (!ctx.admin.isValid(session))
    throw new HostError('unauthorized', 'the admin session has expired; enter the PIN again');
}
