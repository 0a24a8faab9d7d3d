// A mail server on loopback that takes every message without TLS or a login and hands it to the
// caller whole: the demo's mailbox (scripts/tasks/demo-mail.ts) and the tests' SMTP sink
// (tests/support/smtp-sink.ts). Nothing it receives goes anywhere else.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface LocalMail {
  from: string;
  to: string[];
  raw: Buffer;
}

export interface LocalSmtp {
  host: string;
  port: number;
  close(): Promise<void>;
}

/**
 * `acceptAfterMs`: how long each message waits before the server says it took it (a slow relay,
 * for tests that stop the collector in the middle of a send).
 */
export async function startLocalSmtp(
  onMail: (mail: LocalMail) => void,
  acceptAfterMs = 0,
): Promise<LocalSmtp> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const mail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        };
        setTimeout(() => {
          onMail(mail);
          callback();
        }, acceptAfterMs);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
