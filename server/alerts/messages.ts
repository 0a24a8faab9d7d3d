// What each channel says. Slack and Teams get the facts staff act on (where, what, scores, how
// late) and never customer text or contact details: those workspaces keep messages beyond the
// store's control. The generic signed webhook and e-mail carry comment and contact only when
// the location's routing sets personalDataInChannels. Each message becomes a ChannelMessage,
// which slackBody, teamsBody and emailText word for their channel; IT alerts use them too.
import type { StaffAlert } from '../../shared/staff-api.ts';
import type { Channel } from './rules.ts';

export type MessageReason = 'initial' | 'summary' | `escalation-${number}`;

export interface AlertMessage {
  alert: StaffAlert;
  reason: MessageReason;
  /** For a summary: how many more alerts of its kind, over how many minutes. */
  more?: { count: number; minutes: number };
}

export function headline(m: AlertMessage): string {
  const a = m.alert;
  if (m.more) {
    const n = m.more.count;
    const what =
      a.kind === 'talk_now'
        ? `request${n === 1 ? '' : 's'} to talk to someone`
        : a.kind === 'test'
          ? `test alert${n === 1 ? '' : 's'}`
          : `low score${n === 1 ? '' : 's'}`;
    return `${n} more ${what} at ${a.touchpoint} in ${m.more.minutes} minutes`;
  }
  const what =
    a.kind === 'talk_now'
      ? `Customer waiting at ${a.touchpoint}`
      : a.kind === 'window'
        ? `Many unhappy customers at ${a.location} (${a.touchpoint})`
        : a.kind === 'test'
          ? `Test alert from ${a.touchpoint}`
          : `Low score at ${a.touchpoint}`;
  const escalated = m.reason.startsWith('escalation') ? ' — still not acknowledged' : '';
  return `${what}${escalated}`;
}

export function factLines(m: AlertMessage): string[] {
  const a = m.alert;
  const scores = [
    a.smiley !== undefined && `smiley ${a.smiley}/5`,
    a.nps !== undefined && `NPS ${a.nps}/10`,
    a.ces !== undefined && `effort ${a.ces}/7`,
  ].filter(Boolean);
  return [
    `Location: ${a.location}`,
    `Touchpoint: ${a.touchpoint}`,
    ...(scores.length ? [`Scores: ${scores.join(', ')}`] : []),
    ...(a.reasons?.length ? [`Reasons: ${a.reasons.join(', ')}`] : []),
    `At: ${a.createdAt}${a.late ? ` (late: received ${a.receivedAt}, the kiosk was offline)` : ''}`,
  ];
}

/**
 * A message as every channel kind words it: staff alerts (staffMessage below) and IT alerts
 * (server/fleet/it-messages.ts) are both built into one, and the senders only carry it.
 */
export interface ChannelMessage {
  /** The first, bold line; the e-mail's subject. */
  headline: string;
  /** One fact a line. */
  lines: string[];
  urgent: boolean;
  /** The generic webhook's JSON body. */
  generic: unknown;
  /** The e-mail's last line (what the message is about, by id). */
  footer: string;
}

/** A staff alert's message for one channel: `personal` is what personalPart allows it. */
export function staffMessage(m: AlertMessage, personal: PersonalPart): ChannelMessage {
  const { comment, contact } = personal;
  return {
    headline: headline(m),
    lines: [
      ...factLines(m),
      ...(comment ? [`Comment: ${comment}`] : []),
      ...(contact
        ? [`Contact: ${[contact.name, contact.phone, contact.email].filter(Boolean).join(', ')}`]
        : []),
    ],
    urgent: m.alert.priority === 'urgent',
    generic: genericBody(m, personal),
    footer: `Alert ${m.alert.id}`,
  };
}

export function slackBody(m: ChannelMessage): unknown {
  const text = `${m.urgent ? ':rotating_light: ' : ''}${slackText(m.headline)}`;
  // verbatim: no auto-linked URLs, channel names or mentions in what we write.
  const mrkdwn = (t: string) => ({ type: 'mrkdwn', text: t, verbatim: true });
  return {
    text,
    blocks: [
      { type: 'section', text: mrkdwn(`*${text}*`) },
      { type: 'section', text: mrkdwn(m.lines.map(slackText).join('\n')) },
    ],
  };
}

/**
 * Labels, touchpoints and reasons come from config files, not from us: in Slack they must not
 * mention (<!channel>), link (<http://…|click>, bare URLs) or format (*bold*). &, < and > have
 * entities; mrkdwn markers and "://" have no escape, so a zero-width space after each keeps
 * them literal.
 */
function slackText(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[*_~`]|:\/\//g, (marker) => `${marker}\u200B`);
}

/**
 * Teams incoming webhook (Workflows) with an Adaptive Card attachment. Every line is a TextRun,
 * which Adaptive Cards never read as markdown: a label like [x](http://evil) stays text.
 */
export function teamsBody(m: ChannelMessage): unknown {
  const line = (text: string, run: Record<string, unknown> = {}) => ({
    type: 'RichTextBlock',
    spacing: 'Small',
    inlines: [{ type: 'TextRun', text, ...run }],
  });
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            line(m.headline, {
              weight: 'Bolder',
              size: 'Medium',
              ...(m.urgent && { color: 'Attention' }),
            }),
            ...m.lines.map((text) => line(text)),
          ],
        },
      },
    ],
  };
}

export type PersonalPart = Pick<StaffAlert, 'comment' | 'contact'>;

/** The channel kinds whose messages may carry personal data; Slack and Teams never do. */
export const MAY_CARRY_PERSONAL_DATA: readonly string[] = ['generic', 'email'];

/**
 * The customer's words and details a channel's message carries: comment and contact, for the
 * generic webhook and e-mail when the location's routing allows it (`allowed`), never for Slack
 * and Teams. The delivery log records whether there were any, so that an erasure can name the
 * channels that received them.
 */
export function personalPart(
  m: AlertMessage,
  kind: Channel['kind'],
  allowed: boolean,
): PersonalPart {
  if (!allowed || !MAY_CARRY_PERSONAL_DATA.includes(kind)) return {};
  const { comment, contact } = m.alert;
  return { ...(comment && { comment }), ...(contact && { contact }) };
}

/** The generic webhook's JSON: the StaffAlert itself, its personal part only as given. */
export function genericBody(m: AlertMessage, personal: PersonalPart): unknown {
  // Follow-ups are staff's own business with the customer, not part of an alert's news.
  const { comment: _comment, contact: _contact, followUps: _followUps, ...rest } = m.alert;
  const alert = { ...rest, ...personal };
  return {
    type: m.more ? 'alert.summary' : m.reason === 'initial' ? 'alert.created' : 'alert.escalated',
    headline: headline(m),
    alert,
    ...(m.more && { more: m.more }),
  };
}

export function emailText(m: ChannelMessage): { subject: string; text: string } {
  return {
    subject: `[Lastword] ${m.headline}`,
    text: [m.headline, '', ...m.lines, '', m.footer].join('\n'),
  };
}
