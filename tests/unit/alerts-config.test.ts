// Routing files, webhook target checks, Standard Webhooks signing against the spec's published
// example, the set-routing CLI as a real process, and that alert handling logs no customer text.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRouting, RoutingError } from '../../server/alerts/routing-store.ts';
import { DEFAULT_ROUTING, inQuietHours } from '../../server/alerts/rules.ts';
import { signStandardWebhook } from '../../server/alerts/senders.ts';
import {
  checkTargetSyntax,
  DEFAULT_TARGET_POLICY,
  isBlockedAddress,
  TargetError,
} from '../../server/alerts/targets.ts';
import { collectorLogger } from '../../server/log.ts';
import { adminCli } from '../support/admin-cli.ts';
import { alert, answer } from '../support/collector.ts';
import { startAlertCollector } from '../support/alert-collector.ts';
import { tempDir } from '../support/tmp.ts';
import { startWebhookSink } from '../support/webhook-sink.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = tempDir('lastword-alerts-cli-');
afterAll(() => dir.remove());

describe('alerts: routing files', () => {
  it('has a default that alerts on smiley ≤ 2 on the staff page only', () => {
    expect(DEFAULT_ROUTING).toMatchObject({
      thresholds: { smiley: 2 },
      channels: [],
      notify: [],
      escalation: [],
      personalDataInChannels: false,
      aggregationMinutes: 10,
    });
  });

  it('rejects unknown keys, unknown channel names, unsigned generic webhooks and unknown zones, saying where', () => {
    const bad = (json: unknown) => {
      try {
        parseRouting(json);
      } catch (error) {
        expect(error).toBeInstanceOf(RoutingError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(bad({ thresholds: {}, treshold: 1 })).toMatch(/treshold/);
    expect(bad({ thresholds: {}, notify: ['ghost'] })).toMatch(/notify: no channel named "ghost"/);
    expect(
      bad({
        thresholds: {},
        channels: [{ name: 'g', kind: 'generic', url: 'https://example.com/h' }],
      }),
    ).toMatch(/secret/);
    expect(
      bad({ thresholds: {}, quietHours: { from: '22:00', to: '07:00', timezone: 'Mars/Olympus' } }),
    ).toMatch(/time zone/);
    expect(
      bad({
        thresholds: {},
        channels: [{ name: 'm', kind: 'email', to: ['m@example.com'] }],
        escalation: [
          { afterMinutes: 10, notify: ['m'] },
          { afterMinutes: 5, notify: ['m'] },
        ],
      }),
    ).toMatch(/increasing/);
  });

  it('quiet hours follow local time and wrap past midnight', () => {
    const r = parseRouting({
      thresholds: {},
      quietHours: { from: '22:00', to: '07:00', timezone: 'America/New_York' },
    });
    expect(inQuietHours(r, new Date('2026-11-23T04:00:00Z'))).toBe(true); // 23:00 in New York
    expect(inQuietHours(r, new Date('2026-11-23T11:59:00Z'))).toBe(true); // 06:59
    expect(inQuietHours(r, new Date('2026-11-23T12:00:00Z'))).toBe(false); // 07:00
    expect(inQuietHours(r, new Date('2026-11-23T20:00:00Z'))).toBe(false); // 15:00
  });
});

describe('alerts: webhook targets', () => {
  it('refuses the IPv6 transition ranges that hide an IPv4 address', () => {
    for (const host of [
      '[::ffff:127.0.0.1]',
      '[::ffff:a9fe:a9fe]',
      '[64:ff9b::a9fe:a9fe]',
      '[2002:7f00:1::1]',
      '[2001:0:4136:e378::1]',
    ])
      expect(() => checkTargetSyntax(`https://${host}/hook`, DEFAULT_TARGET_POLICY), host).toThrow(
        TargetError,
      );
    expect(checkTargetSyntax('https://[2606:4700::1111]/hook', DEFAULT_TARGET_POLICY)).toBeTruthy();
  });

  it('accepts public https URLs only, unless the operator allows the host', () => {
    expect(
      checkTargetSyntax('https://hooks.slack.com/services/T/B/X', DEFAULT_TARGET_POLICY).hostname,
    ).toBe('hooks.slack.com');
    for (const url of [
      'http://hooks.example.com/x',
      'https://localhost/x',
      'https://127.0.0.1/x',
      'https://169.254.169.254/latest/meta-data',
      'https://10.1.2.3/x',
      'https://192.168.1.10/x',
      'https://[::1]/x',
      'https://[::ffff:127.0.0.1]/x',
      'https://[fe80::1]/x',
      'https://user:pw@example.com/x',
      'ftp://example.com/x',
    ])
      expect(() => checkTargetSyntax(url, DEFAULT_TARGET_POLICY), url).toThrow();
    expect(
      checkTargetSyntax('http://127.0.0.1:9/x', {
        ...DEFAULT_TARGET_POLICY,
        allowHosts: ['127.0.0.1'],
      }).port,
    ).toBe('9');
    expect(isBlockedAddress('100.64.1.1')).toBe(true);
    expect(isBlockedAddress('93.184.216.34')).toBe(false);
  });

  it('signs as the Standard Webhooks specification example does', () => {
    expect(
      signStandardWebhook(
        'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        'msg_p5jXN8AQM9LWM0D4loKWxJek',
        1614265330,
        '{"test": 2432232314}',
      ),
    ).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });
});

describe('alerts: set-routing', () => {
  const env = { ...process.env, LASTWORD_DB: join(dir.path, 'collector.sqlite'), DATABASE_URL: '' };
  const cli = (...args: string[]) => adminCli(env, args);
  const file = (name: string, json: unknown) => {
    const path = join(dir.path, name);
    writeFileSync(path, JSON.stringify(json));
    return path;
  };

  it('stores a routing file, shows it with secrets masked, and refuses bad files and loopback URLs', () => {
    const good = file('good.json', {
      thresholds: { smiley: 2, nps: 6 },
      channels: [
        { name: 'slack', kind: 'slack', url: 'https://hooks.slack.com/services/T0/B0/secretpart' },
      ],
      notify: ['slack'],
    });
    const set = cli('set-routing', 'Main store', good);
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect(set.stdout).toMatch(
      /alert routing set for location "Main store": channels slack \(slack\)/,
    );
    const shown = cli('show-routing', 'Main store');
    expect(shown.stdout).toMatch(/"nps": 6/);
    expect(shown.stdout).not.toMatch(/secretpart/);

    const loop = cli(
      'set-routing',
      'Main store',
      file('loop.json', {
        thresholds: {},
        channels: [{ name: 's', kind: 'slack', url: 'https://127.0.0.1/x' }],
      }),
    );
    expect(loop.code).toBe(1);
    expect(loop.stderr).toMatch(/channels\.s\.url: loopback/);
    const typo = cli('set-routing', 'Main store', file('typo.json', { thresholds: { smily: 2 } }));
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(/smily/);
  });
});

describe('alerts: logs', () => {
  it('never log comment text or contact details, even when channels may carry them', async () => {
    const lines: string[] = [];
    const logger = collectorLogger(
      new Writable({
        write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()),
      }),
      'debug',
    );
    const sink = await startWebhookSink();
    const c = await startAlertCollector({ start: '2026-11-23T09:00:30.000Z', logger });
    try {
      await c.setRouting({
        thresholds: {},
        personalDataInChannels: true,
        channels: [
          {
            name: 'hooks',
            kind: 'generic',
            url: `${sink.url}/g`,
            secret: `whsec_${Buffer.alloc(32, 7).toString('base64')}`,
          },
        ],
        notify: ['hooks'],
      });
      sink.script([500]);
      const a = answer(c.kioskId, 1, {
        smiley: 1,
        comment: 'Secret complaint text',
        contact: { consentVersion: 'v1', name: 'Liis Kask', phone: '+372 5123 4567' },
        finalizedAt: c.clock.now.toISOString(),
      });
      await c.post('/v1/answers', [a]);
      await c.post('/v1/alerts', [alert({ answerId: a.id, createdAt: c.clock.now.toISOString() })]);
      await c.settle();
      expect(sink.received.at(-1)!.body).toMatch(/Secret complaint text/);
      expect(lines.some((l) => l.includes('alert delivered'))).toBe(true);
      expect(lines.join('')).not.toMatch(/Secret complaint|Liis|5123/);
    } finally {
      await c.close();
      await sink.close();
    }
  });
});

describe('alerts: the example routing file', () => {
  it('parses and passes the production target policy', () => {
    const routing = parseRouting(
      JSON.parse(readFileSync(join(ROOT, 'server/alerts/routing.example.json'), 'utf8')),
    );
    for (const ch of routing.channels)
      if (ch.kind !== 'email')
        expect(() => checkTargetSyntax(ch.url, DEFAULT_TARGET_POLICY)).not.toThrow();
  });
});
