// The demo's mailbox: a local SMTP server that the demo collector sends its e-mail to (alert
// e-mails and the weekly digest), each message saved as an .eml file in the demo's data folder
// for any mail program to open. Nothing leaves the machine. The demo's locations each get one
// address without an account subscribed to their digest, so the first start mails last week's.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SmtpSettings } from '../../server/alerts/smtp.ts';
import type { Storage } from '../../server/db/open.ts';
import { addSubscriber, SubscriptionError } from '../../server/digest/subscriptions.ts';
import { startLocalSmtp } from '../local-smtp.ts';

export const DEMO_DIGEST_ADDRESS = 'team@demo.example';

export interface DemoMailbox {
  dir: string;
  smtp: SmtpSettings;
  close(): Promise<void>;
}

export async function startDemoMailbox(dataDir: string): Promise<DemoMailbox> {
  const dir = join(dataDir, 'mail');
  mkdirSync(dir, { recursive: true });
  let count = 0;
  const server = await startLocalSmtp(({ to, raw }) => {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const who = (to[0] ?? 'unknown').replace(/[^\w.@-]/g, '_');
    writeFileSync(join(dir, `${stamp}-${++count}-${who}.eml`), raw);
  });
  return {
    dir,
    smtp: {
      host: server.host,
      port: server.port,
      allowPlaintext: true,
      from: 'Lastword demo <lastword@demo.example>',
    },
    close: () => server.close(),
  };
}

/** Subscribes the demo team's address to every location's digest (once; later runs keep it). */
export async function subscribeDemoTeam(storage: Storage): Promise<void> {
  const locations = await storage.db.selectFrom('locations').select('id').execute();
  for (const l of locations)
    await addSubscriber(storage, l.id, DEMO_DIGEST_ADDRESS, new Date()).catch((error: unknown) => {
      if (!(error instanceof SubscriptionError)) throw error;
    });
}
