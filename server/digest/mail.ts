// The weekly digest as an e-mail: a plain-text part every client can show and an HTML part with
// inline styles only (mail clients drop style sheets and scripts). Every word from a customer or
// a colleague is escaped before it goes into the HTML. Links (the poster page, the unsubscribe
// page) are there only when the collector knows its public address (LASTWORD_PUBLIC_URL).
import type { DigestComment, DigestReply } from '../../shared/digest-api.ts';
import { count } from '../../shared/figures.ts';
import { escapeHtml } from './html.ts';

export interface DigestLinks {
  poster?: string;
  unsubscribe?: string;
}

export interface DigestMail {
  subject: string;
  text: string;
  html: string;
}

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
const day = (d: string) => `${Number(d.slice(8))} ${MONTHS[Number(d.slice(5, 7)) - 1]}`;
const span = (w: { from: string; to: string }) =>
  `${day(w.from)} – ${day(w.to)} ${w.to.slice(0, 4)}`;

const pct = (n: number | null) => (n === null ? '–' : `${n}%`);
const num = (n: number | null, digits = 0) => (n === null ? '–' : n.toFixed(digits));
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function duration(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

interface Figure {
  label: string;
  value: string;
  /** The week before, as shown; null when there was nothing to compare. */
  before: string | null;
  /** Better (+1), worse (−1) or the same (0) than the week before; null: no comparison. */
  trend: number | null;
  few: string | null;
}

function figures(d: DigestReply): Figure[] {
  const t = d.tiles;
  const few = (tile: { n: number; few: boolean }) => (tile.few ? `only ${tile.n} answers` : null);
  const trend = (change: number | null) => (change === null ? null : Math.sign(change));
  return [
    {
      label: 'Answers',
      value: count(t.answers.value ?? 0),
      before: t.answers.previous === null ? null : count(t.answers.previous),
      trend: null,
      few: null,
    },
    {
      label: 'Happy',
      value: pct(t.happy.value),
      before: t.happy.previous === null ? null : pct(t.happy.previous),
      trend: trend(t.happy.change),
      few: few(t.happy),
    },
    {
      label: 'NPS',
      value: num(t.nps.value),
      before: t.nps.previous === null ? null : num(t.nps.previous),
      trend: trend(t.nps.change),
      few: few(t.nps),
    },
    {
      label: 'Effort (CES, 1–7)',
      value: num(t.ces.value, 1),
      before: t.ces.previous === null ? null : num(t.ces.previous, 1),
      trend: null,
      few: few(t.ces),
    },
  ];
}

const figureLine = (f: Figure) =>
  `${f.label}: ${f.value}${f.before === null ? '' : ` (week before: ${f.before})`}${f.few ? `, ${f.few}` : ''}`;

function alertLines(d: DigestReply): string[] {
  const a = d.alerts;
  if (!a.alerts) return ['No alerts this week.'];
  return [
    `${plural(a.alerts, 'alert', 'alerts')}, ${a.acknowledged} acknowledged, ${a.resolved} resolved`,
    `Median time to acknowledge: ${duration(a.medianAckSeconds)}; to resolve: ${duration(a.medianResolveSeconds)}`,
    `Resolved as recovered: ${pct(a.recoveredPct)}`,
  ];
}

const commentMeta = (c: DigestComment) =>
  [
    `smiley ${c.smiley}/5`,
    c.nps === null ? null : `NPS ${c.nps}`,
    c.touchpoint,
    `${c.at.slice(0, 10)} ${c.at.slice(11, 16)}`,
  ]
    .filter(Boolean)
    .join(', ');

const thanks = (p: DigestReply['recognition']['people'][number]) =>
  `${p.name}: ${plural(p.recovered, 'customer', 'customers')} recovered, ${plural(p.praise, 'happy customer', 'happy customers')}`;
const NOBODY = 'Nobody reached the minimum sample this week: check in at your desk to be counted.';

function text(d: DigestReply, subject: string, footer: string[]): string {
  const list = (lines: string[]) => lines.map((l) => `- ${l}`);
  const comments = (cs: DigestComment[]) =>
    cs.length ? list(cs.map((c) => `“${c.text}” (${commentMeta(c)})`)) : ['- No comments.'];
  return [
    subject,
    '',
    'This week against the week before',
    ...list(figures(d).map(figureLine)),
    '',
    'Top problems',
    ...(d.problems.items.length
      ? list(
          d.problems.items.map((p) => `${p.label}: ${p.count} (${p.share}% of unhappy customers)`),
        )
      : ['- No unhappy customer chose a reason.']),
    '',
    'What customers loved',
    ...comments(d.comments.best),
    '',
    'Where we let them down',
    ...comments(d.comments.worst),
    '',
    'How alerts were handled',
    ...list(alertLines(d)),
    '',
    'Thank you',
    ...list(d.recognition.people.length ? d.recognition.people.map(thanks) : [NOBODY]),
    '',
    ...footer,
    '',
  ].join('\n');
}

const INK = '#1f2328';
const MUTED = '#57606a';
const h2 = (title: string) =>
  `<h2 style="font-size:17px;margin:28px 0 10px;color:${INK}">${escapeHtml(title)}</h2>`;

function figureCell(f: Figure): string {
  const arrow = f.trend === null ? '' : f.trend > 0 ? ' ▲' : f.trend < 0 ? ' ▼' : '';
  const colour = f.trend === null || f.trend === 0 ? MUTED : f.trend > 0 ? '#1a7f37' : '#cf222e';
  return `<td style="width:50%;padding:12px 8px;text-align:center;vertical-align:top;border:1px solid #e4e0d6;border-radius:8px">
<div style="font-size:13px;color:${MUTED}">${escapeHtml(f.label)}</div>
<div style="font-size:28px;font-weight:700;color:${INK};margin:4px 0">${escapeHtml(f.value)}</div>
<div style="font-size:12px;color:${colour}">${f.before === null ? '&nbsp;' : `${escapeHtml(`week before ${f.before}`)}${arrow}`}</div>
${f.few ? `<div style="font-size:12px;color:${MUTED}">${escapeHtml(f.few)}</div>` : ''}
</td>`;
}

/** Two by two: four across is cramped on a phone, and mail clients ignore most media queries. */
function figureTable(fs: Figure[]): string {
  const rows = [fs.slice(0, 2), fs.slice(2)].map((r) => `<tr>${r.map(figureCell).join('')}</tr>`);
  return `<table role="presentation" style="width:100%;border-collapse:separate;border-spacing:6px">${rows.join('')}</table>`;
}

function problemRows(d: DigestReply): string {
  if (!d.problems.items.length)
    return `<p style="margin:0;color:${MUTED}">No unhappy customer chose a reason.</p>`;
  return `<table role="presentation" style="width:100%;border-collapse:collapse">${d.problems.items
    .map(
      (p) => `<tr><td style="padding:4px 8px 4px 0;width:38%">${escapeHtml(p.label)}</td>
<td style="padding:4px 0;width:42%"><div style="background:#f2c6a5;height:14px;width:${Math.max(2, Math.min(100, p.share))}%;border-radius:3px"></div></td>
<td style="padding:4px 0 4px 8px;width:20%;text-align:right;white-space:nowrap;color:${MUTED}">${p.count} · ${p.share}%</td></tr>`,
    )
    .join('')}</table>`;
}

function commentBlocks(cs: DigestComment[], accent: string): string {
  if (!cs.length) return `<p style="margin:0;color:${MUTED}">No comments.</p>`;
  return cs
    .map(
      (
        c,
      ) => `<blockquote style="margin:0 0 10px;padding:8px 12px;border-left:4px solid ${accent};background:#faf8f3">
<div>“${escapeHtml(c.text)}”</div>
<div style="font-size:12px;color:${MUTED};margin-top:4px">${escapeHtml(commentMeta(c))}</div></blockquote>`,
    )
    .join('');
}

const items = (lines: string[]) =>
  `<ul style="padding-left:20px;margin:0">${lines.map((l) => `<li style="margin:0 0 6px">${escapeHtml(l)}</li>`).join('')}</ul>`;

export function digestMail(d: DigestReply, links: DigestLinks): DigestMail {
  const subject = `${d.location.name}: your week ${span(d.week)}`;
  const stop = 'To stop getting this digest, ask your Lastword manager or admin.';
  const footer = [
    links.poster && `Poster for the staff room: ${links.poster}`,
    links.unsubscribe ? `To stop getting this digest: ${links.unsubscribe}` : stop,
  ].filter((l): l is string => Boolean(l));
  const link = (href: string, words: string) =>
    `<a href="${escapeHtml(href)}" style="color:#1b5e8c">${escapeHtml(words)}</a>`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:16px;background:#f4f1ea;font-family:Segoe UI,Helvetica,Arial,sans-serif;color:${INK};font-size:15px;line-height:1.45">
<div style="max-width:640px;margin:0 auto;background:#fff;border-radius:12px;padding:24px">
<div style="font-size:13px;color:${MUTED};text-transform:uppercase;letter-spacing:.05em">Weekly huddle</div>
<h1 style="font-size:24px;margin:2px 0 2px">${escapeHtml(d.location.name)}</h1>
<p style="margin:0;color:${MUTED}">${escapeHtml(span(d.week))}</p>
${h2('This week against the week before')}
${figureTable(figures(d))}
${h2('Top problems')}${problemRows(d)}
${h2('What customers loved')}${commentBlocks(d.comments.best, '#1a7f37')}
${h2('Where we let them down')}${commentBlocks(d.comments.worst, '#cf222e')}
${h2('How alerts were handled')}${items(alertLines(d))}
${h2('Thank you')}${items(d.recognition.people.length ? d.recognition.people.map(thanks) : [NOBODY])}
<p style="margin:28px 0 0;font-size:13px;color:${MUTED}">${[
    links.poster && link(links.poster, 'Open the poster for the staff room'),
    links.unsubscribe ? link(links.unsubscribe, 'Stop getting this digest') : escapeHtml(stop),
  ]
    .filter(Boolean)
    .join(' · ')}</p>
</div></body></html>
`;
  return { subject, text: text(d, subject, footer), html };
}
