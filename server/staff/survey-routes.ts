// Survey versions and their assignments over the staff API, for admins only: a version reaches
// every kiosk it is assigned to, which is more than a location's staff or a manager may change.
// Bodies are checked with the contract (shared/survey-admin-api.ts), a survey with the kiosk's
// own schema plus the admin's logo and contrast rules; every refusal names the field and
// changes nothing. Each change is in the admin audit log.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  AssignBody,
  AssignmentTarget,
  NewSurveyVersionBody,
  RowId,
  type AssignReply,
  type SurveyListReply,
  type SurveyVersionReply,
} from '../../shared/survey-admin-api.ts';
import { HttpError, parseBody } from '../errors.ts';
import {
  assignVersion,
  listAssignments,
  removeAssignment,
  surveyPlaces,
} from '../survey-versions/assignments.ts';
import {
  SurveyVersionError,
  createVersion,
  getVersion,
  listVersions,
} from '../survey-versions/versions.ts';
import type { AuditActor } from './audit.ts';
import type { StaffContext } from './context.ts';
import { requireAdmin } from './guard.ts';

const VersionParams = z.strictObject({ id: z.coerce.number().pipe(RowId) });
const TargetParams = z
  .strictObject({ scope: z.string(), id: z.string() })
  .transform((p) => (p.scope === 'kiosk' ? p : { scope: p.scope, id: Number(p.id) }))
  .pipe(AssignmentTarget);

function admin(request: FastifyRequest): AuditActor {
  const who = requireAdmin(request, 'manage surveys');
  return { id: who.user.id, name: who.user.username, address: request.ip };
}

/** A storage refusal as the 4xx that names its field, like a schema problem. */
async function refusals<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof SurveyVersionError)) throw error;
    const field = error.field;
    throw new HttpError(
      error.status,
      error.status === 404 ? 'not_found' : 'conflict',
      `${field}: ${error.message}`,
      {
        extra: { problems: [{ field, reason: error.message }] },
      },
    );
  }
}

export function surveyRoutes(app: FastifyInstance, ctx: StaffContext): void {
  app.get('/staff/api/surveys', async (request): Promise<SurveyListReply> => {
    admin(request);
    const [versions, assignments, places] = await Promise.all([
      listVersions(ctx.storage),
      listAssignments(ctx.storage),
      surveyPlaces(ctx.storage),
    ]);
    return { versions, assignments, places };
  });

  app.get('/staff/api/surveys/:id', async (request): Promise<SurveyVersionReply> => {
    admin(request);
    const { id } = parseBody(VersionParams, request.params);
    const found = await getVersion(ctx.storage, id);
    if (!found) throw new HttpError(404, 'not_found', `no survey version ${id}`);
    return found;
  });

  app.post('/staff/api/surveys', async (request, reply): Promise<SurveyVersionReply> => {
    const by = admin(request);
    const body = parseBody(NewSurveyVersionBody, request.body);
    const made = await refusals(() => createVersion(ctx.storage, body, by, ctx.now()));
    reply.code(201);
    return made;
  });

  app.put('/staff/api/survey-assignments', async (request): Promise<AssignReply> => {
    const by = admin(request);
    const { target, versionId } = parseBody(AssignBody, request.body);
    return refusals(() => assignVersion(ctx.storage, target, versionId, by, ctx.now()));
  });

  app.delete('/staff/api/survey-assignments/:scope/:id', async (request): Promise<AssignReply> => {
    const by = admin(request);
    const target = parseBody(TargetParams, request.params);
    return refusals(() => removeAssignment(ctx.storage, target, by, ctx.now()));
  });
}
