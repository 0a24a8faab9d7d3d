// The collector the follow-up tests share per engine: staff at both locations and a manager,
// signed in, with e-mail through a local SMTP sink and texts through a loopback SMS gateway
// (fast retries, three follow-ups per account an hour), and the calls the tests make with it.
import { AlertListReply } from '../../shared/staff-api.ts';
import type { SmtpSink } from './smtp-sink.ts';
import { capturedLog, LOCATIONS, type StaffClient } from './staff.ts';
import { useStaffCollector } from './staff-suite.ts';
import type { WebhookSink } from './webhook-sink.ts';

/** The SMS gateway's shared secret, which every text must carry. */
export const SECRET = 'sms-gateway-secret-123';

/** A customer's contact details as the kiosk sends them; `tag` keeps addresses apart. */
export const contact = (tag: string, over: Record<string, string> = {}) => ({
  consentVersion: 'v1',
  name: 'Ada',
  email: `ada-${tag}@example.test`,
  phone: '+372 5555 0101',
  ...over,
});

/** Call it in the engine's describe block; the sinks are the file's, shared by both engines. */
export function useFollowUpCollector(
  engine: { name: string; postgresUrl?: string | undefined },
  { smtp, gateway }: { smtp: SmtpSink; gateway: WebhookSink },
) {
  const log = capturedLog('debug');
  const { c, staff } = useStaffCollector(
    {
      postgresUrl: engine.postgresUrl,
      logger: log.logger,
      alerts: {
        smtp: {
          host: smtp.host,
          port: smtp.port,
          from: 'Lastword <lw@test>',
          allowPlaintext: true,
        },
        targets: { allowHosts: ['127.0.0.1'] },
      },
      followUps: {
        sms: { url: `${gateway.url}/sms`, secret: SECRET },
        retry: { baseDelayMs: 20, maxDelayMs: 100 },
        perAccountPerHour: 3,
      },
    },
    {
      dana: ['staff', [LOCATIONS.main.location]],
      sami: ['staff', [LOCATIONS.main.location]],
      ulla: ['staff', [LOCATIONS.main.location]],
      otto: ['staff', [LOCATIONS.outlet.location]],
      mo: 'manager',
      lea: ['staff', [LOCATIONS.main.location]],
    },
    ['dana', 'sami', 'ulla', 'otto', 'mo', 'lea'],
  );
  const tag = engine.name.toLowerCase();
  const idle = () => c.app.alerts.idle();
  const draft = (who: StaffClient, alertId: string) =>
    who.call('GET', `/staff/api/follow-ups/draft?alertId=${alertId}`);
  const send = (who: StaffClient, body: Record<string, unknown>) =>
    who.call('POST', '/staff/api/follow-ups', body);
  const email = (alertId: string, text = 'Dear Ada, sorry about today.') => ({
    alertId,
    channel: 'email',
    template: 'apology',
    text,
  });
  const followUpsOf = async (who: StaffClient, id: string) =>
    AlertListReply.parse((await who.call('GET', '/staff/api/alerts')).body).alerts.find(
      (a) => a.id === id,
    )?.followUps;
  return { c, staff, log, tag, idle, draft, send, email, followUpsOf };
}
