// The survey version tables (migration 022) as Kysely sees them.
import type { Generated } from 'kysely';
import type { AssignmentScope } from '../../shared/survey-admin-api.ts';
import type { Instant } from '../db/columns.ts';

export interface SurveyVersionTable {
  id: Generated<number>;
  /** The kept survey (surveys.id, content-addressed). */
  survey_id: number;
  /** Exact JSON text of the config's `languages`. */
  languages: string;
  /** Exact JSON text of the config's `branding`, logo included. */
  branding: string;
  note: string | null;
  based_on: number | null;
  /** The staff account's id; null for the command line or the demo. */
  created_by: string | null;
  created_by_name: string;
  created_at: Instant;
}

export interface SurveyAssignmentTable {
  scope: AssignmentScope;
  /** The location or touchpoint id as text, or the kiosk id. */
  target: string;
  version_id: number;
  assigned_by: string | null;
  assigned_by_name: string;
  assigned_at: Instant;
}

export interface SurveyVersionTables {
  survey_versions: SurveyVersionTable;
  survey_assignments: SurveyAssignmentTable;
}
