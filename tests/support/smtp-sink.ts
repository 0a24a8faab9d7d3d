// A local SMTP server for alert and digest tests (scripts/local-smtp.ts): accepts every message
// on an ephemeral loopback port and keeps each one's envelope and raw text, and reads a message
// back as its reader would see it (readMail).
import { startLocalSmtp } from '../../scripts/local-smtp.ts';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export interface SmtpSink {
  host: string;
  port: number;
  mails: ReceivedMail[];
  close(): Promise<void>;
}

/** `acceptAfterMs`: each message is taken only after this long, as a slow relay would. */
export async function startSmtpSink(acceptAfterMs = 0): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  const smtp = await startLocalSmtp(
    ({ raw, ...envelope }) => mails.push({ ...envelope, raw: raw.toString('utf8') }),
    acceptAfterMs,
  );
  return { ...smtp, mails };
}

/** A received message as a reader sees it: its headers unfolded and its text and HTML decoded. */
export interface ReadMail {
  header(name: string): string | undefined;
  subject: string;
  text: string;
  html: string;
}

const decodeWords = (s: string) =>
  s.replace(/=\?utf-8\?([qb])\?([^?]*)\?=\s*/gi, (_, enc: string, data: string) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(data, 'base64').toString('utf8')
      : qp(data.replace(/_/g, ' ')),
  );

function qp(s: string): string {
  const bytes: number[] = [];
  const soft = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function headersOf(block: string): Map<string, string> {
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  return new Map(
    unfolded
      .split(/\r?\n/)
      .filter((l) => l.includes(':'))
      .map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
  );
}

/** Decodes a nodemailer message: multipart/alternative with quoted-printable or base64 parts. */
export function readMail(raw: string): ReadMail {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = headersOf(raw.slice(0, split));
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const parts: Record<string, string> = {};
  const boundary = /boundary="?([^";]+)"?/.exec(headers.get('content-type') ?? '')?.[1];
  const chunks = boundary ? body.split(`--${boundary}`).slice(1, -1) : [`\r\n${raw}`];
  for (const chunk of chunks) {
    const at = chunk.search(/\r?\n\r?\n/);
    const h = headersOf(chunk.slice(0, at));
    const content = chunk.slice(at).replace(/^\r?\n\r?\n/, '');
    const encoding = h.get('content-transfer-encoding')?.toLowerCase();
    const decoded =
      encoding === 'base64'
        ? Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8')
        : encoding === 'quoted-printable'
          ? qp(content)
          : content;
    parts[(h.get('content-type') ?? '').split(';')[0]!.trim()] = decoded;
  }
  return {
    header: (name) => {
      const v = headers.get(name.toLowerCase());
      return v === undefined ? undefined : decodeWords(v);
    },
    subject: decodeWords(headers.get('subject') ?? ''),
    text: parts['text/plain'] ?? '',
    html: parts['text/html'] ?? '',
  };
}
