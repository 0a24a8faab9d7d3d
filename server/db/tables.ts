// Every table of the collector's database as Kysely sees it, one interface composed from each
// feature's own tables (each beside the code that uses it), so Storage.db knows them all.
import type { AlertTables } from '../alerts/tables.ts';
import type { ApiTables } from '../api/tables.ts';
import type { DigestTables } from '../digest/tables.ts';
import type { FleetTables } from '../fleet/tables.ts';
import type { FollowUpTables } from '../follow-up/tables.ts';
import type { JobTables } from '../jobs/tables.ts';
import type { KioskApiTables } from '../kiosk-api/tables.ts';
import type { LocationTables } from '../locations/tables.ts';
import type { ResultsTables } from '../reports/tables.ts';
import type { StaffTables } from '../staff/tables.ts';
import type { SurveyVersionTables } from '../survey-versions/tables.ts';
import type { UpdateTables } from '../updates/tables.ts';

export interface CollectorTables
  extends
    KioskApiTables,
    LocationTables,
    AlertTables,
    StaffTables,
    JobTables,
    UpdateTables,
    ResultsTables,
    ApiTables,
    DigestTables,
    FollowUpTables,
    FleetTables,
    SurveyVersionTables {}
