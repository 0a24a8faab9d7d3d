// Remote actions end to end, on SQLite and PostgreSQL: a real collector over loopback HTTP and
// kiosk hosts in Node that heartbeat every 50 ms. An admin's order reaches the kiosk with a
// heartbeat and its result comes back: a reload waits for the customer to finish, dead letters
// go out again, a rotated token works and the old one dies after its grace, a log fetch carries
// no comment a customer typed, a retired kiosk is refused saying so, and a replacement device
// takes over the retired kiosk's touchpoint and config.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKioskHost, type KioskHost } from '../../electron/core/host.ts';
import { enrolWithCode } from '../../electron/core/enrolment.ts';
import { fileLogger } from '../../electron/core/log.ts';
import { listCommands } from '../../server/kiosk-api/commands.ts';
import { OLD_TOKEN_GRACE_MS } from '../../server/kiosk-api/device-tokens.ts';
import { kioskDetail, takeAction } from '../../server/kiosk-api/kiosk-actions.ts';
import { attachConfig } from '../../server/kiosk-api/kiosk-configs.ts';
import { readAnswers } from '../../server/kiosk-api/read-back.ts';
import type { KioskActionBody } from '../../shared/staff-kiosk-api.ts';
import {
  answer,
  call,
  collectorEngines,
  heartbeat,
  startCollector,
  type RunningCollector,
} from '../support/collector.ts';
import { smallConfig, writeConfig } from '../support/config.ts';
import { hostCall } from '../support/host-call.ts';
import { waitFor } from '../support/sync-helpers.ts';
import { tempDir } from '../support/tmp.ts';

const ADMIN = { id: null, name: 'test admin' };
const SECRET = 'The cashier Bob was rude to my mother';

for (const engine of await collectorEngines('remote kiosk actions')) {
  describe.skipIf(engine.skip)(`remote kiosk actions on ${engine.name}`, () => {
    const dir = tempDir('lastword-commands-');
    let collector: RunningCollector;
    let drop: () => Promise<void>;
    /** The collector's clock runs this far ahead of the real one; tests move it. */
    let ahead = 0;
    const hosts: KioskHost[] = [];
    let n = 0;

    beforeAll(async () => {
      const fresh = await engine.fresh();
      drop = fresh.drop;
      collector = await startCollector({
        ...fresh.options,
        now: () => new Date(Date.now() + ahead),
      });
      await attachConfig(
        collector.storage,
        collector.kioskId,
        { ...smallConfig(), kioskId: collector.kioskId },
        new Date(),
      );
    });
    afterAll(async () => {
      hosts.forEach((h) => h.close());
      await collector?.close();
      await drop?.();
      dir.remove();
    });

    /** A kiosk of its own, enrolled and running, with its reloads counted and its log on disk. */
    async function kiosk() {
      const kioskId = `cmd-${engine.name.toLowerCase()}-${++n}`;
      const token = await collector.enrol(kioskId);
      const config = { ...smallConfig(), kioskId, collector: { url: collector.url, token } };
      const configPath = writeConfig(dir.path, config, `${kioskId}.json`);
      const databasePath = join(dir.path, `${kioskId}.sqlite`);
      const logsDir = join(dir.path, `${kioskId}-logs`);
      const reloads: string[] = [];
      const log = fileLogger(logsDir, undefined, false);
      const host = createKioskHost({
        configPath,
        databasePath,
        appVersion: '1.2.3',
        actions: { reload: () => reloads.push('reload'), exit: () => {} },
        log,
        logsDir,
        sync: { tuning: { heartbeatMs: 50, baseDelayMs: 20, maxDelayMs: 200 } },
      });
      hosts.push(host);
      await waitFor('online', () => host.status().online === true);
      return { kioskId, token, url: collector.url, host, configPath, databasePath, reloads, log };
    }

    const order = (kioskId: string, body: KioskActionBody) =>
      takeAction(collector.storage, kioskId, body, ADMIN, new Date(Date.now() + ahead));
    const history = (kioskId: string) =>
      listCommands(collector.storage, kioskId, new Date(Date.now() + ahead));
    const statusOf = async (kioskId: string) => (await history(kioskId))[0]!;
    const until = (kioskId: string, status: string) =>
      waitFor(`the order ${status}`, async () => (await statusOf(kioskId)).status === status);

    it('reloads the kiosk UI only once the customer on it has finished', async () => {
      const k = await kiosk();
      const { answerId } = await hostCall<{ answerId: string }>(k.host, 'startAnswer', {
        smiley: 4,
        language: 'en',
      });
      await order(k.kioskId, { action: 'reload' });
      await until(k.kioskId, 'sent');
      // Several heartbeats carry the order while the customer is still answering.
      const seen = (await kioskDetail(collector.storage, k.kioskId))!.lastHeartbeatAt!;
      await waitFor('two more heartbeats', async () => {
        const at = (await kioskDetail(collector.storage, k.kioskId))!.lastHeartbeatAt!;
        return Date.parse(at) > Date.parse(seen) + 100;
      });
      expect(k.reloads).toEqual([]);
      await hostCall(k.host, 'updateAnswer', { answerId, step: { nps: 9 } });
      await hostCall(k.host, 'finishAnswer', { answerId, status: 'complete' });
      expect(k.reloads).toEqual([]);
      // Back on the attract screen, the renderer asks for its config: the moment between customers.
      await hostCall(k.host, 'getConfig', {});
      expect(k.reloads).toEqual(['reload']);
      await until(k.kioskId, 'done');
      expect(await statusOf(k.kioskId)).toMatchObject({
        kind: 'reload',
        orderedBy: 'test admin',
        sentAt: expect.any(String),
        finishedAt: expect.any(String),
        message: expect.stringMatching(/reloaded between customers/),
      });
      expect(k.reloads).toEqual(['reload']);
    });

    it('sends orders only to a kiosk that says it takes them', async () => {
      // The collector's own test kiosk runs no host: it heartbeats here, as an older kiosk would.
      const old = { url: collector.url, token: collector.token };
      await order(collector.kioskId, { action: 'reload' });
      const plain = await call(old, 'POST', '/v1/heartbeat', heartbeat(collector.kioskId));
      expect(plain.status).toBe(200);
      expect(plain.body).not.toHaveProperty('commands');
      expect((await statusOf(collector.kioskId)).status).toBe('pending');
      const told = await call(old, 'POST', '/v1/heartbeat', heartbeat(collector.kioskId), {
        'x-lastword-features': 'commands',
      });
      expect(told.body).toMatchObject({ commands: [{ kind: 'reload' }] });
      expect((await statusOf(collector.kioskId)).status).toBe('sent');
    });

    it('reloads an idle kiosk at once', async () => {
      const k = await kiosk();
      await order(k.kioskId, { action: 'reload' });
      await until(k.kioskId, 'done');
      expect(k.reloads).toEqual(['reload']);
    });

    it('sends the dead letters again once the collector takes them', async () => {
      const k = await kiosk();
      // Another answer holds seq 1 on the collector: the kiosk's own seq 1 is refused.
      const squatter = answer(k.kioskId, 1);
      expect((await call(k, 'POST', '/v1/answers', batch(k.kioskId, squatter))).status).toBe(200);
      const { answerId } = await hostCall<{ answerId: string }>(k.host, 'startAnswer', {
        smiley: 4,
        language: 'en',
      });
      await hostCall(k.host, 'finishAnswer', { answerId, status: 'complete' });
      await waitFor('a dead letter', () => k.host.status().deadLetters === 1);
      // The collector is put right, then the admin orders the re-send.
      await collector.storage.db.deleteFrom('answers').where('id', '=', squatter.id).execute();
      await order(k.kioskId, { action: 'resend_dead_letters' });
      await until(k.kioskId, 'done');
      expect((await statusOf(k.kioskId)).message).toMatch(/^1 dead letter\(s\) back in the queue/);
      await waitFor('the answer on the collector', async () =>
        (await readAnswers(collector.storage, k.kioskId)).some((a) => a.id === answerId),
      );
      expect(k.host.status().deadLetters).toBe(0);
    });

    it('rotates the device token: the new one works, the old one dies after its grace', async () => {
      const k = await kiosk();
      await order(k.kioskId, { action: 'rotate_token' });
      await until(k.kioskId, 'done');
      const stored = readConfigToken(k.configPath);
      expect(stored).not.toBe(k.token);
      expect((await statusOf(k.kioskId)).message).toMatch(/new token/);
      const beat = () => heartbeat(k.kioskId, new Date(Date.now() + ahead));
      expect((await call({ ...k, token: stored }, 'POST', '/v1/heartbeat', beat())).status).toBe(
        200,
      );
      // A request in flight with the old token at the switch still gets through…
      expect((await call(k, 'POST', '/v1/heartbeat', beat())).status).toBe(200);
      // …until the grace is over.
      ahead += OLD_TOKEN_GRACE_MS + 1_000;
      const old = await call(k, 'POST', '/v1/heartbeat', beat());
      expect(old.status).toBe(401);
      // The kiosk itself carries on with its new token.
      const { answerId } = await hostCall<{ answerId: string }>(k.host, 'startAnswer', {
        smiley: 3,
        language: 'en',
      });
      await hostCall(k.host, 'finishAnswer', { answerId, status: 'complete' });
      await waitFor('the answer sent with the new token', async () =>
        (await readAnswers(collector.storage, k.kioskId)).some((a) => a.id === answerId),
      );
    });

    it('fetches the newest log lines without the comment a customer typed', async () => {
      const k = await kiosk();
      const { answerId } = await hostCall<{ answerId: string }>(k.host, 'startAnswer', {
        smiley: 1,
        language: 'en',
      });
      await hostCall(k.host, 'updateAnswer', { answerId, step: { comment: SECRET } });
      await hostCall(k.host, 'finishAnswer', { answerId, status: 'complete' });
      // A careless line that carries the comment, as a bug might write it, in two shapes.
      k.log('warn', `could not save: ${SECRET}`);
      k.log('warn', 'could not save', { note: SECRET, kioskId: k.kioskId });
      await order(k.kioskId, { action: 'fetch_logs', lines: 100 });
      await until(k.kioskId, 'done');
      const { logLines } = await statusOf(k.kioskId);
      expect(logLines!.join('\n')).toContain('kiosk host started');
      expect(logLines!.join('\n')).toContain('line withheld');
      expect(logLines!.join('\n').toLowerCase()).not.toContain('bob was rude');
      expect(logLines!.join('\n')).not.toContain('"note"');
    });

    it('refuses a retired kiosk saying so, and keeps its history', async () => {
      const k = await kiosk();
      const { answerId } = await hostCall<{ answerId: string }>(k.host, 'startAnswer', {
        smiley: 4,
        language: 'en',
      });
      await hostCall(k.host, 'finishAnswer', { answerId, status: 'complete' });
      await waitFor(
        'the answer on the collector',
        async () => (await readAnswers(collector.storage, k.kioskId)).length === 1,
      );
      await order(k.kioskId, { action: 'retire' });
      const refused = await call(k, 'POST', '/v1/heartbeat', heartbeat(k.kioskId));
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({
        error: 'kiosk_retired',
        message: expect.stringMatching(/was retired at .*enrol this device again/),
      });
      await waitFor('the kiosk to see it', () => /retired/.test(k.host.status().lastError ?? ''));
      expect(await readAnswers(collector.storage, k.kioskId)).toHaveLength(1);
      await expect(order(k.kioskId, { action: 'reload' })).rejects.toThrow(/retired/);
    });

    it('lets a new device take over a kiosk it replaces: its touchpoint and config', async () => {
      const k = await kiosk();
      await attachConfig(
        collector.storage,
        k.kioskId,
        { ...smallConfig(), kioskId: k.kioskId, idleTimeoutSeconds: 77 },
        new Date(),
      );
      const { code } = await order(k.kioskId, { action: 'replace' });
      expect(code).toBeDefined();
      const configPath = join(dir.path, `replacement-${n}.json`);
      const enrolled = await enrolWithCode({
        collector: collector.url,
        code: code!.code,
        pin: '135790',
        configPath,
      });
      if (!enrolled.ok) throw new Error(enrolled.message);
      const fresh = (await kioskDetail(collector.storage, enrolled.kioskId))!;
      const old = (await kioskDetail(collector.storage, k.kioskId))!;
      expect(fresh).toMatchObject({ touchpoint: old.touchpoint, replaces: k.kioskId });
      expect(old).toMatchObject({ replacedBy: enrolled.kioskId, retiredAt: expect.any(String) });
      const written = JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, unknown>;
      expect(written.idleTimeoutSeconds).toBe(77);
      expect((await call(k, 'POST', '/v1/heartbeat', heartbeat(k.kioskId))).status).toBe(401);
    });
  });
}

function batch(kioskId: string, ...answers: ReturnType<typeof answer>[]) {
  return { kioskId, sentAt: new Date().toISOString(), answers };
}

function readConfigToken(path: string): string {
  return (JSON.parse(readFileSync(path, 'utf8')) as { collector: { token: string } }).collector
    .token;
}
