// What Slack and Teams are sent when the labels in a kiosk's survey are hostile: a mention that
// pings a whole channel, mrkdwn formatting, markdown and Slack links, bare URLs. Each channel's
// body must carry them as plain text in its own syntax.
import { describe, expect, it } from 'vitest';
import {
  slackBody,
  staffMessage,
  teamsBody,
  type AlertMessage,
} from '../../server/alerts/messages.ts';
import { staffAlert } from '../support/staff-alert.ts';

const HOSTILE = ['<!channel>', '*bold*', '[x](http://evil)', '<http://evil|click>'];

const alert = staffAlert({
  location: 'Store _one_',
  touchpoint: 'Desk <!here>',
  reasons: HOSTILE,
});
const message: AlertMessage = { alert, reason: 'initial' };

describe('alerts: hostile labels in channel messages', () => {
  it('Slack: no mention, link, bare URL or formatting survives; verbatim text only', () => {
    const body = slackBody(staffMessage(message, {})) as {
      text: string;
      blocks: { text: { type: string; text: string; verbatim: boolean } }[];
    };
    const all = [body.text, ...body.blocks.map((b) => b.text.text)].join('\n');
    expect(all).not.toMatch(/<|>/);
    // A bare URL or a mrkdwn marker is always broken by a zero-width space.
    expect(all).not.toMatch(/:\/\/(?!\u200B)/);
    expect(all).not.toMatch(/\*bold\*|_one_/);
    expect(body.blocks.every((b) => b.text.verbatim)).toBe(true);
    // Still readable: the words are all there.
    expect(all.replace(/\u200B/g, '')).toContain('&lt;!channel&gt;, *bold*, [x](http://evil)');
    expect(body.text.startsWith(':rotating_light: ')).toBe(true);
  });

  it('Teams: every line is a TextRun, which Adaptive Cards never read as markdown', () => {
    const body = teamsBody(staffMessage(message, {})) as {
      attachments: { content: { body: { type: string; inlines: { text: string }[] }[] } }[];
    };
    const blocks = body.attachments[0]!.content.body;
    expect(blocks.every((b) => b.type === 'RichTextBlock')).toBe(true);
    const texts = blocks.flatMap((b) => b.inlines.map((i) => i.text));
    expect(texts).toContain(`Reasons: ${HOSTILE.join(', ')}`);
    expect(texts[0]).toBe('Customer waiting at Desk <!here>');
  });
});
