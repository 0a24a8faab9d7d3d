// A webhook's host name is resolved once per send, and the connection goes to the address that
// was checked: a rebinding DNS server (a public address for the check, 127.0.0.1 a moment later)
// gets no second question, so nothing reaches a service on the collector's own loopback. The
// resolver is the one stand-in here, for DNS; the receivers are real HTTP(S) servers on loopback.
import type { LookupAddress } from 'node:dns';
import { readFileSync } from 'node:fs';
import { getCACertificates, setDefaultCACertificates } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { staffMessage } from '../../server/alerts/messages.ts';
import { Senders } from '../../server/alerts/senders.ts';
import type { Resolver } from '../../server/alerts/targets.ts';
import { staffAlert } from '../support/staff-alert.ts';
import { startWebhookSink, type WebhookSink } from '../support/webhook-sink.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/tls/${name}`, import.meta.url), 'utf8');

const message = staffMessage({ alert: staffAlert(), reason: 'initial' }, {});

/** A DNS server that gives each name's answers in turn (the last one from then on) and counts questions. */
function scriptedDns(answers: Record<string, string[]>): { resolve: Resolver; asked: string[] } {
  const asked: string[] = [];
  const resolve: Resolver = async (host) => {
    const turn = asked.filter((h) => h === host).length;
    asked.push(host);
    const list = answers[host];
    if (!list) throw Object.assign(new Error(`${host} not found`), { code: 'ENOTFOUND' });
    const address = list[Math.min(turn, list.length - 1)]!;
    return [{ address, family: address.includes(':') ? 6 : 4 } satisfies LookupAddress];
  };
  return { resolve, asked };
}

function senders(resolve: Resolver, allowHosts: string[] = [], timeoutMs = 5_000): Senders {
  return new Senders({
    policy: { allowHosts, resolve },
    smtp: null,
    now: () => new Date('2026-11-23T09:00:00.000Z'),
    timeoutMs,
  });
}

const slack = (url: string) => ({ name: 'slack', kind: 'slack' as const, url });

describe('alerts: webhook connections go to the checked address', () => {
  let sink: WebhookSink;
  beforeAll(async () => {
    sink = await startWebhookSink();
  });
  afterAll(async () => sink.close());
  afterEach(() => {
    sink.received.length = 0;
  });

  it('a rebinding DNS answer (public for the check, loopback for the connect) reaches nothing on loopback', async () => {
    // 203.0.113.7 (TEST-NET-3) passes the check and leads nowhere: the send fails or times out.
    const dns = scriptedDns({ 'hooks.example.test': ['203.0.113.7', '127.0.0.1'] });
    const before = sink.connections;
    const result = await senders(dns.resolve, [], 500).send(
      slack(`https://hooks.example.test:${sink.port}/hook`),
      message,
      'msg_1',
    );
    expect(sink.connections - before).toBe(0);
    expect(result.ok).toBe(false);
    expect(dns.asked).toEqual(['hooks.example.test']);
  });

  it('a name that resolves to loopback is refused without a connection', async () => {
    const dns = scriptedDns({ 'hooks.example.test': ['127.0.0.1'] });
    const before = sink.connections;
    const result = await senders(dns.resolve).send(
      slack(`https://hooks.example.test:${sink.port}/hook`),
      message,
      'msg_2',
    );
    expect(result).toMatchObject({ ok: false, refused: true });
    expect(result.error).toMatch(/loopback/);
    expect(sink.connections - before).toBe(0);
  });

  it('an allowed name is resolved once and sent to that address, with the name as Host', async () => {
    const dns = scriptedDns({ 'relay.example.test': ['127.0.0.1'] });
    const result = await senders(dns.resolve, ['relay.example.test']).send(
      slack(`http://relay.example.test:${sink.port}/hook`),
      message,
      'msg_3',
    );
    expect(result).toMatchObject({ ok: true, httpStatus: 200 });
    expect(dns.asked).toEqual(['relay.example.test']);
    expect(sink.received.map((r) => [r.path, r.headers.host])).toEqual([
      ['/hook', `relay.example.test:${sink.port}`],
    ]);
  });
});

describe('alerts: over https the certificate is checked against the host name, not the address', () => {
  let sink: WebhookSink;
  const defaultCAs = getCACertificates('default');
  beforeAll(async () => {
    // The test CA is trusted as if it were a public one; the certificate names hooks.example.test.
    setDefaultCACertificates([...defaultCAs, fixture('ca.pem')]);
    sink = await startWebhookSink({
      tls: { key: fixture('hooks.example.test.key'), cert: fixture('hooks.example.test.pem') },
    });
  });
  afterAll(async () => {
    setDefaultCACertificates(defaultCAs);
    await sink.close();
  });

  it('delivers to the name on the certificate and refuses another name at the same address', async () => {
    const dns = scriptedDns({
      'hooks.example.test': ['127.0.0.1'],
      'other.example.test': ['127.0.0.1'],
    });
    const send = senders(dns.resolve, ['hooks.example.test', 'other.example.test']);
    expect(
      await send.send(slack(`https://hooks.example.test:${sink.port}/ok`), message, 'm1'),
    ).toMatchObject({ ok: true, httpStatus: 200 });
    expect(
      await send.send(slack(`https://other.example.test:${sink.port}/no`), message, 'm2'),
    ).toMatchObject({ ok: false, error: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    expect(sink.received.map((r) => r.path)).toEqual(['/ok']);
  });
});
