// POST /v1/enrol: the one kiosk endpoint without a device token, since it hands one out. The
// code is the credential, so wrong codes are throttled per client address (enrol-throttle.ts)
// before the code is even looked at, and every refusal has a code the setup screen translates.
import type { FastifyInstance } from 'fastify';
import { EnrolRequest, type EnrolReply } from '../../shared/enrolment.ts';
import { HttpError, parseBody } from '../errors.ts';
import type { CollectorContext } from './context.ts';
import { reserveEnrolAttempt } from './enrol-throttle.ts';
import { RedeemError, redeemCode } from './enrolment-redeem.ts';

const STATUS: Record<RedeemError['code'], number> = {
  invalid_request: 400,
  enrolment_code_unknown: 404,
  enrolment_code_used: 410,
  enrolment_code_expired: 410,
  rate_limited: 429,
  no_config: 409,
};

export function enrolRoute(app: FastifyInstance, ctx: CollectorContext): void {
  app.post('/v1/enrol', async (request): Promise<EnrolReply> => {
    const now = ctx.now();
    const attempt = await reserveEnrolAttempt(ctx.storage, request.ip, now);
    if (!attempt.ok)
      throw new HttpError(
        429,
        'rate_limited',
        `too many wrong enrolment codes from this address; retry in ${attempt.retryAfterSeconds} s`,
        {
          headers: { 'retry-after': String(attempt.retryAfterSeconds) },
          extra: { retryAfterSeconds: attempt.retryAfterSeconds },
        },
      );
    // A malformed code counts as a wrong one: it is a guess too.
    const { code } = parseBody(EnrolRequest, request.body);
    try {
      const redeemed = await redeemCode(ctx.storage, code, now);
      await attempt.succeeded();
      request.log.info({ kioskId: redeemed.kioskId }, 'kiosk enrolled with a code');
      return redeemed;
    } catch (error) {
      if (!(error instanceof RedeemError)) throw error;
      // Not the kiosk's guess that failed, but the collector's setup: it does not count.
      if (error.code === 'no_config') await attempt.succeeded();
      throw new HttpError(STATUS[error.code], error.code, error.message);
    }
  });
}
