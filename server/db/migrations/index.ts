// Every collector migration, oldest first. Kysely's migrator records them by name in
// kysely_migration and refuses a database that ran one this build does not know (a newer
// collector's database), so names are permanent.
import type { Kysely } from 'kysely';
import type { Engine } from '../engine.ts';
import * as m001 from './001-initial.ts';
import * as m002 from './002-staff-alerts.ts';
import * as m003 from './003-staff.ts';
import * as m004 from './004-alert-actor-ids.ts';
import * as m005 from './005-routing-queue.ts';
import * as m006 from './006-redaction.ts';
import * as m007 from './007-kiosk-rate-buckets.ts';
import * as m008 from './008-alert-events.ts';
import * as m009 from './009-durable-jobs.ts';
import * as m010 from './010-window-counts.ts';
import * as m011 from './011-locations.ts';
import * as m012 from './012-updates.ts';
import * as m013 from './013-results-rollup.ts';
import * as m014 from './014-comment-search.ts';
import * as m015 from './015-enrolment-codes.ts';
import * as m016 from './016-admin-audit.ts';
import * as m017 from './017-duty-shifts.ts';
import * as m018 from './018-digests.ts';
import * as m019 from './019-follow-ups.ts';
import * as m020 from './020-fleet.ts';
import * as m021 from './021-kiosk-commands.ts';
import * as m022 from './022-survey-versions.ts';
import * as m023 from './023-results-months.ts';
import * as m024 from './024-it-alerts.ts';
import * as m025 from './025-results-slices.ts';

export interface CollectorMigration {
  name: string;
  up(db: Kysely<unknown>, engine: Engine): Promise<void>;
}

export const migrations: readonly CollectorMigration[] = [
  { name: '001-initial', up: m001.up },
  { name: '002-staff-alerts', up: m002.up },
  { name: '003-staff', up: m003.up },
  { name: '004-alert-actor-ids', up: m004.up },
  { name: '005-routing-queue', up: m005.up },
  { name: '006-redaction', up: m006.up },
  { name: '007-kiosk-rate-buckets', up: m007.up },
  { name: '008-alert-events', up: m008.up },
  { name: '009-durable-jobs', up: m009.up },
  { name: '010-window-counts', up: m010.up },
  { name: '011-locations', up: m011.up },
  { name: '012-updates', up: m012.up },
  { name: '013-results-rollup', up: m013.up },
  { name: '014-comment-search', up: m014.up },
  { name: '015-enrolment-codes', up: m015.up },
  { name: '016-admin-audit', up: m016.up },
  { name: '017-duty-shifts', up: m017.up },
  { name: '018-digests', up: m018.up },
  { name: '019-follow-ups', up: m019.up },
  { name: '020-fleet', up: m020.up },
  { name: '021-kiosk-commands', up: m021.up },
  { name: '022-survey-versions', up: m022.up },
  { name: '023-results-months', up: m023.up },
  { name: '024-it-alerts', up: m024.up },
  { name: '025-results-slices', up: m025.up },
];
