// The config a kiosk fetches with GET /v1/config. Stored as the exact JSON text served, so its
// hash (the version and ETag) only changes when the content does. Its survey is also kept for
// good (surveys.ts), as the one the kiosk's answers under that survey version were asked with.
import { createHash } from 'node:crypto';
import { writeTransaction, type CollectorDb, type Storage } from '../db/open.ts';
import { KioskConfig } from '../../shared/config.ts';
import { KioskError } from './kiosks.ts';
import { keepSurvey, reasonLabels } from './surveys.ts';
import { assignedContent } from '../survey-versions/effective.ts';

export interface StoredConfig {
  version: string;
  body: string;
}

/**
 * Validates a kiosk config for kioskId and attaches it. A `collector` block is dropped: the kiosk
 * keeps its own URL and token, and a token must never be served back over the wire.
 */
export async function attachConfig(
  storage: Storage,
  kioskId: string,
  input: unknown,
  now: Date,
): Promise<StoredConfig & { droppedCollector: boolean }> {
  const parsed = KioskConfig.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new KioskError(`the config is not valid:\n  ${lines.join('\n  ')}`);
  }
  // The admin PIN hash stays on the device it was set for: served to kiosks, it would hand every
  // kiosk that fetches this config a hash to guess offline, and kiosks ignore it anyway.
  const { collector, adminPinHash: _pinHash, ...config } = parsed.data;
  if (config.kioskId !== kioskId)
    throw new KioskError(`the config is for kiosk "${config.kioskId}", not "${kioskId}"`);
  const kiosk = await storage.db
    .selectFrom('kiosks')
    .select('id')
    .where('id', '=', kioskId)
    .executeTakeFirst();
  if (!kiosk) throw new KioskError(`no kiosk "${kioskId}": enrol it first`);
  const stored = await writeTransaction(storage, (trx) => storeConfig(trx, kioskId, config, now));
  return { ...stored, droppedCollector: collector !== undefined };
}

/** A checked config without collector block or PIN hash, as the collector keeps and serves it. */
export type ServedConfig = Omit<KioskConfig, 'collector' | 'adminPinHash'>;

/**
 * Attaches a checked config inside the caller's transaction (attachConfig, enrolment, a survey
 * assignment). A survey version assigned in the web admin to the kiosk, its touchpoint or its
 * location replaces the config's languages, branding and survey: the assignment wins over what
 * the file or the copied config said, whichever way the config arrives.
 */
export async function storeConfig(
  trx: CollectorDb,
  kioskId: string,
  given: ServedConfig,
  now: Date,
): Promise<StoredConfig> {
  const assigned = await assignedContent(trx, kioskId);
  const config = assigned ? { ...given, ...assigned } : given;
  const body = JSON.stringify(config);
  const version = createHash('sha256').update(body).digest('hex').slice(0, 32);
  const row = { version, body, updated_at: now.toISOString() };
  await trx
    .insertInto('kiosk_configs')
    .values({ kiosk_id: kioskId, ...row })
    .onConflict((oc) => oc.column('kiosk_id').doUpdateSet(row))
    .execute();
  await keepSurvey(trx, kioskId, config.survey, now);
  return { version, body };
}

export async function configFor(storage: Storage, kioskId: string): Promise<StoredConfig | null> {
  const row = await storage.db
    .selectFrom('kiosk_configs')
    .select(['version', 'body'])
    .where('kiosk_id', '=', kioskId)
    .executeTakeFirst();
  return row ?? null;
}

export async function configVersionFor(storage: Storage, kioskId: string): Promise<string | null> {
  const row = await storage.db
    .selectFrom('kiosk_configs')
    .select('version')
    .where('kiosk_id', '=', kioskId)
    .executeTakeFirst();
  return row?.version ?? null;
}

/**
 * Reason labels by config version. The version is the hash of the config's text, so an entry
 * can never be stale; a small cap keeps a fleet with many configs from growing it without end.
 */
const labelCache = new Map<string, Map<string, string>>();
const LABEL_CACHE_MAX = 256;

/**
 * A kiosk's reason ids mapped to their labels in the kiosk's default language, from the config
 * attached to it; empty when none is attached (staff then see the ids). Parsed once per config
 * version, not on every alert read.
 */
export async function reasonLabelsFor(
  storage: Storage,
  kioskId: string,
): Promise<Map<string, string>> {
  const version = await configVersionFor(storage, kioskId);
  if (!version) return new Map();
  const cached = labelCache.get(version);
  if (cached) return cached;
  const stored = await configFor(storage, kioskId);
  if (!stored) return new Map();
  const config = JSON.parse(stored.body) as ServedConfig;
  const labels = reasonLabels(config.survey, config.languages.default);
  if (labelCache.size >= LABEL_CACHE_MAX) labelCache.clear();
  labelCache.set(stored.version, labels);
  return labels;
}
