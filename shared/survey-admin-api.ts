// Survey versions in the web admin (/staff/api/surveys…, admins only), as both ends see them. A
// version is the languages, branding and survey part of a kiosk config (SurveyContent, the schema
// the kiosk itself parses with), kept with its author and time and never changed; assigning one
// to a location, touchpoint or kiosk (the most specific wins) makes it the survey those kiosks
// are served. Rolling back is assigning an older version. The admin's extra rules, beyond what a
// kiosk accepts: a raster logo within limits, and brand text readable on its background.
import { z } from 'zod';
import { checkLogo } from './brand-logo.ts';
import { KioskId, SurveyContent } from './config.ts';
import { TEXT_CONTRAST, contrast } from './contrast.ts';
import { StaffText } from './staff-text.ts';

const Instant = z.iso.datetime();
/** Database ids: positive and within a 32-bit integer column. */
export const RowId = z.int().min(1).max(2_147_483_647);

/** A survey version as the web admin accepts one: the kiosk's schema, and the admin's rules. */
export const AdminSurveyContent = SurveyContent.superRefine((content, ctx) => {
  const { logo, colors } = content.branding;
  if (logo) {
    const checked = checkLogo(logo);
    if (!checked.ok)
      ctx.addIssue({ code: 'custom', path: ['branding', 'logo'], message: checked.reason });
  }
  if (colors) {
    const ratio = contrast(colors.text, colors.background);
    if (ratio < TEXT_CONTRAST)
      ctx.addIssue({
        code: 'custom',
        path: ['branding', 'colors', 'text'],
        message: `contrasts ${ratio.toFixed(1)}:1 with the background: at least ${TEXT_CONTRAST}:1, so customers can read the kiosk`,
      });
  }
});

export const AssignmentScope = z.enum(['location', 'touchpoint', 'kiosk']);
export type AssignmentScope = z.infer<typeof AssignmentScope>;

/** A place a version can be assigned to: a location or touchpoint by id, a kiosk by its id. */
export const AssignmentTarget = z.discriminatedUnion('scope', [
  z.strictObject({ scope: z.literal('location'), id: RowId }),
  z.strictObject({ scope: z.literal('touchpoint'), id: RowId }),
  z.strictObject({ scope: z.literal('kiosk'), id: KioskId }),
]);
export type AssignmentTarget = z.infer<typeof AssignmentTarget>;

/** One kept version, without its content. */
export const SurveyVersionSummary = z.strictObject({
  id: RowId,
  /** The survey's own version string, as answers carry it. */
  surveyVersion: z.string(),
  note: z.string().nullable(),
  author: z.string(),
  createdAt: Instant,
  /** The version it was edited from, if any. */
  basedOn: RowId.nullable(),
  languages: z.array(z.string()),
});
export type SurveyVersionSummary = z.infer<typeof SurveyVersionSummary>;

export const SurveyAssignment = z.strictObject({
  scope: AssignmentScope,
  /** The location or touchpoint id (as text) or the kiosk id. */
  target: z.string(),
  /** "Main store", "Main store / Desk 2" or the kiosk id with its place. */
  targetName: z.string(),
  versionId: RowId,
  assignedBy: z.string(),
  assignedAt: Instant,
});
export type SurveyAssignment = z.infer<typeof SurveyAssignment>;

/** Every place, with the version each kiosk gets under the assignments (null: none applies). */
export const SurveyPlaces = z.array(
  z.strictObject({
    id: RowId,
    name: z.string(),
    touchpoints: z.array(
      z.strictObject({
        id: RowId,
        name: z.string(),
        kiosks: z.array(
          z.strictObject({
            id: z.string(),
            versionId: RowId.nullable(),
            /** False: no config attached yet, so nothing is served until one is (set-config). */
            configured: z.boolean(),
          }),
        ),
      }),
    ),
  }),
);
export type SurveyPlaces = z.infer<typeof SurveyPlaces>;

/** GET /staff/api/surveys: newest version first, the assignments, the places to assign to. */
export const SurveyListReply = z.strictObject({
  versions: z.array(SurveyVersionSummary),
  assignments: z.array(SurveyAssignment),
  places: SurveyPlaces,
});
export type SurveyListReply = z.infer<typeof SurveyListReply>;

/** GET /staff/api/surveys/:id, and the reply to POST /staff/api/surveys (201). */
export const SurveyVersionReply = z.strictObject({
  version: SurveyVersionSummary,
  content: SurveyContent,
});
export type SurveyVersionReply = z.infer<typeof SurveyVersionReply>;

/** POST /staff/api/surveys: a new version; problems name fields as `content.survey.…`. */
export const NewSurveyVersionBody = z.strictObject({
  content: AdminSurveyContent,
  note: StaffText().trim().max(200).optional(),
  basedOn: RowId.optional(),
});
export type NewSurveyVersionBody = z.input<typeof NewSurveyVersionBody>;

/** PUT /staff/api/survey-assignments: this version for this place (replacing its assignment). */
export const AssignBody = z.strictObject({ target: AssignmentTarget, versionId: RowId });
export type AssignBody = z.infer<typeof AssignBody>;

/** The reply to assigning and to removing an assignment (DELETE …/:scope/:id). */
export const AssignReply = z.strictObject({
  assignment: SurveyAssignment.nullable(),
  /** Kiosks whose served config changed: each takes it after its current customer. */
  kiosksChanged: z.int().min(0),
  /** Kiosks in scope with no config yet: they get the version with their first config. */
  kiosksWithoutConfig: z.int().min(0),
});
export type AssignReply = z.infer<typeof AssignReply>;
