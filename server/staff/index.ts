// The staff side of the collector, registered by buildCollector as one encapsulated plugin:
// cookies, the session guard and the security headers apply to /staff only, never to /v1.
import cookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import { alertRoutes } from './alert-routes.ts';
import { authRoutes } from './auth-routes.ts';
import { commentRoutes } from './comment-routes.ts';
import type { StaffContext } from './context.ts';
import { STAFF_SECURITY_HEADERS } from './csp.ts';
import { digestRoutes } from './digest-routes.ts';
import { dutyRoutes } from './duty-routes.ts';
import { enrolmentRoutes } from './enrolment-routes.ts';
import { exportRoutes } from './export-routes.ts';
import { fleetRoutes } from './fleet-routes.ts';
import { kioskActionRoutes } from './kiosk-action-routes.ts';
import { followUpRoutes } from './follow-up-routes.ts';
import { resultsRoutes } from './results-routes.ts';
import { staffGuard } from './guard.ts';
import { DEFAULT_WEB_DIR, pageRoutes } from './pages.ts';
import {
  DEFAULT_RENDERER_DIR,
  PREVIEW_SECURITY_HEADERS,
  isPreview,
  previewRoutes,
} from './preview.ts';
import { DEFAULT_STREAM_LIMITS, LiveScreens } from './live-screens.ts';
import type { SequencedEvent } from '../alerts/hub.ts';
import { HEARTBEAT_MS, streamRoute } from './stream.ts';
import { surveyRoutes } from './survey-routes.ts';
import { userRoutes } from './user-routes.ts';

export type { StaffContext, StaffOptions } from './context.ts';

export async function staffPlugin(app: FastifyInstance, ctx: StaffContext): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('staff', null);
  app.addHook('onRequest', staffGuard(ctx.storage, ctx.now));
  app.addHook('onSend', async (request, reply) => {
    reply.headers(isPreview(request.url) ? PREVIEW_SECURITY_HEADERS : STAFF_SECURITY_HEADERS);
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  const screens = new LiveScreens<SequencedEvent>({
    storage: ctx.storage,
    now: ctx.now,
    limits: ctx.streamLimits ?? DEFAULT_STREAM_LIMITS,
    log: app.log,
    heartbeatMs: ctx.heartbeatMs ?? HEARTBEAT_MS,
  });
  authRoutes(app, ctx, screens);
  alertRoutes(app, ctx);
  exportRoutes(app, ctx);
  enrolmentRoutes(app, ctx);
  fleetRoutes(app, ctx);
  kioskActionRoutes(app, ctx);
  resultsRoutes(app, ctx);
  commentRoutes(app, ctx);
  streamRoute(app, ctx, screens);
  userRoutes(app, ctx);
  dutyRoutes(app, ctx);
  digestRoutes(app, ctx);
  followUpRoutes(app, ctx);
  surveyRoutes(app, ctx);
  previewRoutes(app, ctx.rendererDir ?? DEFAULT_RENDERER_DIR);
  pageRoutes(app, ctx.webDir ?? DEFAULT_WEB_DIR);
}
