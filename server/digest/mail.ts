// The weekly digest as an e-mail: a plain-text part every client can show and an HTML part with
// inline styles only (mail clients drop style sheets and scripts). Every word from a customer or
// a colleague is escaped before it goes into the HTML. Links (the poster page, the unsubscribe
// page) are there only when the collector knows its public address (LASTWORD_PUBLIC_URL).
import type { DigestComment, DigestReply } from '../../shared/digest-api.ts';

export interface DigestLinks {
  poster?: string;
  unsubscribe?: string;
}

export interface DigestMail {
  subject: string;
  text: string;
  html: string;
}

const escape = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
const day = (d: string) => `${Number(d.slice(8))} ${MONTHS[Number(d.slice(5, 7)) - 1]}`;
const span = (w: { from: string; to: string }) =>
  `${day(w.from)} – ${day(w.to)} ${w.to.slice(0, 4)}`;

const signed = (n: number | null, unit = '') =>
  n === null ? '' : ` (${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n)}${unit} on the week before)`;
const pct = (n: number | null) => (n === null ? '–' : `${n}%`);
const num = (n: number | null, digits = 0) => (n === null ? '–' : n.toFixed(digits));

function duration(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** The figures as lines of words: the text part, and the HTML part's list items. */
function figureLines(d: DigestReply): string[] {
  const t = d.tiles;
  const few = (n: number, isFew: boolean) => (isFew ? ` (only ${n} answers)` : '');
  return [
    `Answers: ${t.answers.value ?? 0}${signed(t.answers.change)}`,
    `Happy: ${pct(t.happy.value)}${signed(t.happy.change, ' pts')}${few(t.happy.n, t.happy.few)}`,
    `NPS: ${num(t.nps.value)}${signed(t.nps.change)}${few(t.nps.n, t.nps.few)}`,
    `Effort (CES, 1–7): ${num(t.ces.value, 1)}${few(t.ces.n, t.ces.few)}`,
  ];
}

function alertLines(d: DigestReply): string[] {
  const a = d.alerts;
  if (!a.alerts) return ['No alerts this week.'];
  return [
    `${a.alerts} alerts, ${a.acknowledged} acknowledged, ${a.resolved} resolved`,
    `Median time to acknowledge: ${duration(a.medianAckSeconds)}; to resolve: ${duration(a.medianResolveSeconds)}`,
    `Resolved as recovered: ${pct(a.recoveredPct)}`,
  ];
}

const commentLine = (c: DigestComment) =>
  `“${c.text}” (smiley ${c.smiley}/5${c.nps === null ? '' : `, NPS ${c.nps}`}${c.touchpoint ? `, ${c.touchpoint}` : ''}, ${c.at.slice(0, 10)} ${c.at.slice(11, 16)})`;

function thanksLines(d: DigestReply): string[] {
  if (!d.recognition.people.length)
    return ['Nobody reached the minimum sample this week: check in at your desk to be counted.'];
  return d.recognition.people.map(
    (p) => `${p.name}: ${p.recovered} customers recovered, ${p.praise} happy customers`,
  );
}

function sections(d: DigestReply): [string, string[]][] {
  return [
    ['This week against the week before', figureLines(d)],
    [
      'Top problems',
      d.problems.items.length
        ? d.problems.items.map((p) => `${p.label}: ${p.count} (${p.share}% of unhappy customers)`)
        : ['No unhappy customer chose a reason.'],
    ],
    [
      'What customers loved',
      d.comments.best.length ? d.comments.best.map(commentLine) : ['No comments.'],
    ],
    [
      'Where we let them down',
      d.comments.worst.length ? d.comments.worst.map(commentLine) : ['No comments.'],
    ],
    ['How alerts were handled', alertLines(d)],
    ['Thank you', thanksLines(d)],
  ];
}

export function digestMail(d: DigestReply, links: DigestLinks): DigestMail {
  const subject = `${d.location.name}: your week ${span(d.week)}`;
  const parts = sections(d);
  const footer = [
    links.poster && `Poster for the staff room: ${links.poster}`,
    links.unsubscribe
      ? `To stop getting this digest: ${links.unsubscribe}`
      : 'To stop getting this digest, ask your Lastword manager or admin.',
  ].filter((l): l is string => Boolean(l));
  const text = [
    subject,
    '',
    ...parts.flatMap(([title, lines]) => [title, ...lines.map((l) => `- ${l}`), '']),
    ...footer,
    '',
  ].join('\n');
  const li = (l: string) => `<li style="margin:0 0 6px">${escape(l)}</li>`;
  const link = (href: string, words: string) =>
    `<a href="${escape(href)}" style="color:#1b5e8c">${escape(words)}</a>`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escape(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f4f1ea;font-family:Segoe UI,Helvetica,Arial,sans-serif;color:#1f2328">
<div style="max-width:640px;margin:0 auto;background:#fff;border-radius:12px;padding:24px">
<h1 style="font-size:22px;margin:0 0 4px">${escape(d.location.name)}</h1>
<p style="margin:0 0 20px;color:#57606a">Your week, ${escape(span(d.week))}</p>
${parts
  .map(
    ([title, lines]) =>
      `<h2 style="font-size:17px;margin:20px 0 8px">${escape(title)}</h2><ul style="padding-left:20px;margin:0">${lines.map(li).join('')}</ul>`,
  )
  .join('\n')}
<p style="margin:24px 0 0;font-size:13px;color:#57606a">${[
    links.poster && link(links.poster, 'Open the poster for the staff room'),
    links.unsubscribe
      ? link(links.unsubscribe, 'Stop getting this digest')
      : escape('To stop getting this digest, ask your Lastword manager or admin.'),
  ]
    .filter(Boolean)
    .join(' · ')}</p>
</div></body></html>
`;
  return { subject, text, html };
}
