// The kiosk update tables (migration 012) as Kysely sees them.
import type { Instant, Json, NullableInstant } from '../db/columns.ts';

export type UpdateChannel = 'stable' | 'beta';

export interface ReleaseTable {
  version: string;
  channel: UpdateChannel;
  /** { "<name>.yml": "<manifest text>" } as JSON. */
  manifests: Json;
  /** JSON array of the file names kiosks may download. */
  files: Json;
  percent: number;
  published_at: Instant;
  withdrawn_at: NullableInstant;
}

export interface UpdateAssignmentTable {
  scope: 'kiosk' | 'location';
  target: string;
  channel: UpdateChannel | null;
  version: string | null;
  updated_at: Instant;
}

export interface UpdateTables {
  releases: ReleaseTable;
  update_assignments: UpdateAssignmentTable;
}
