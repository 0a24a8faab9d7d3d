// A kiosk enrols itself: it trades an enrolment code at the collector (POST /v1/enrol) for its
// device token and config, and writes them as its config file, readable by the kiosk's user only
// (the same file IT could write by hand, so nothing else in the kiosk changes). The admin PIN is
// the kiosk's own, typed at enrolment: a collector never sets one (shared/config.ts). The token is
// sealed with the OS keystore where there is one (token-vault.ts). Never
// throws: every failure is a reason the setup screen translates and a sentence for the log.
import { dirname } from 'node:path';
import { KioskConfig, isLoopback } from '../../shared/config.ts';
import {
  ENROL_ERRORS,
  EnrolReply,
  normaliseCode,
  type EnrolOutcome,
  type KioskEnrolError,
} from '../../shared/enrolment.ts';
import { ErrorReply } from '../../shared/protocol.ts';
import { loadKioskConfig } from './config-file.ts';
import { hashPin } from './pin.ts';
import { writePrivateJson } from './config-write.ts';
import { makePrivateDir } from './private-files.ts';
import { storedToken, type TokenVault } from './token-vault.ts';

export interface EnrolInput {
  /** As typed: "collector.example.com" means https://collector.example.com. */
  collector: string;
  code: string;
  pin: string;
  configPath: string;
  fetch?: typeof fetch;
  /** How long to wait for the collector's answer. */
  timeoutMs?: number;
  /** Seals the token with the OS keystore where there is one (token-vault.ts). */
  vault?: TokenVault | null;
}

const failed = (
  reason: KioskEnrolError,
  message: string,
  retryAfterSeconds?: number,
): EnrolOutcome => ({
  ok: false,
  reason,
  message,
  ...(retryAfterSeconds !== undefined && { retryAfterSeconds }),
});

/**
 * The collector's base URL from what was typed, or null when it cannot be one. Typed on a
 * kiosk keyboard, so the scheme may be left out.
 */
export function collectorUrl(typed: string): string | null {
  const text = typed.trim().replace(/\/+$/, '');
  // No scheme typed: https, except for a collector on this machine, which speaks plain http.
  const bare = !/^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  let withScheme = bare ? `https://${text}` : text;
  if (bare && URL.canParse(withScheme) && isLoopback(withScheme)) withScheme = `http://${text}`;
  if (!URL.canParse(withScheme)) return null;
  const url = new URL(withScheme);
  if (!['http:', 'https:'].includes(url.protocol) || !url.hostname) return null;
  return url.href.replace(/\/+$/, '');
}

export async function enrolWithCode(input: EnrolInput): Promise<EnrolOutcome> {
  if (loadKioskConfig(input.configPath, input.vault).ok)
    return failed('already_enrolled', `this kiosk has a config already (${input.configPath})`);
  const url = collectorUrl(input.collector);
  if (!url) return failed('bad_address', `"${input.collector}" is not a collector address`);
  // Checked before the code is spent: the config file would refuse it afterwards.
  if (url.startsWith('http:') && !isLoopback(url))
    return failed('bad_address', `${url} must be https:// (plain http only on this machine)`);
  const code = normaliseCode(input.code);
  if (!code) return failed('invalid_request', 'an enrolment code has 8 letters and digits');
  // The folder first: a code spent on a kiosk that cannot keep its config would be lost.
  makePrivateDir(dirname(input.configPath));
  let response: Response;
  try {
    response = await (input.fetch ?? fetch)(`${url}/v1/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
      signal: AbortSignal.timeout(input.timeoutMs ?? 20_000),
    });
  } catch (error) {
    return failed('unreachable', `no answer from ${url}: ${(error as Error).message}`);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const refusal = ErrorReply.safeParse(body);
    if (!refusal.success || !(ENROL_ERRORS as readonly string[]).includes(refusal.data.error))
      return failed('bad_reply', `${url} answered ${response.status}: is it a Lastword collector?`);
    const { error, message, retryAfterSeconds } = refusal.data;
    return failed(error as KioskEnrolError, message, retryAfterSeconds);
  }
  const reply = EnrolReply.safeParse(body);
  if (!reply.success)
    return failed('bad_reply', `${url} sent an enrolment reply that is not valid`);
  const { adminPinHash: _none, ...served } = reply.data.config;
  const config = KioskConfig.safeParse({
    ...served,
    collector: { url, token: reply.data.token },
    adminPinHash: hashPin(input.pin),
  });
  if (!config.success)
    return failed(
      'bad_reply',
      config.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  const sealed = storedToken(reply.data.token, input.vault);
  writePrivateJson(input.configPath, {
    ...config.data,
    collector: { ...config.data.collector, token: sealed },
  });
  return { ok: true, kioskId: reply.data.kioskId };
}
