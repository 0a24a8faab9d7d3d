// The collector as an operator runs it: `node server/main.ts` (the one command) and
// `node server/cli.ts` (enrol, list, revoke, set-config, create-enrolment-code, API tokens) as real
// processes on one SQLite file.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigReply, HeartbeatReply } from '../../shared/protocol.ts';
import { EnrolReply } from '../../shared/enrolment.ts';
import { adminCli } from '../support/admin-cli.ts';
import { call, heartbeat } from '../support/collector.ts';
import { smallConfig } from '../support/config.ts';
import { tempDir } from '../support/tmp.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = tempDir('lastword-collector-cli-');
const dbPath = join(dir.path, 'data', 'collector.sqlite');
const env = {
  ...process.env,
  LASTWORD_DB: dbPath,
  DATABASE_URL: '',
  LASTWORD_COLLECTOR_PORT: '0',
  LASTWORD_COLLECTOR_HOST: '127.0.0.1',
};

const cli = (...args: string[]) => adminCli(env, args);

let server: ChildProcess;
const logs: Record<string, unknown>[] = [];
let url = '';

beforeAll(async () => {
  server = spawn(process.execPath, ['server/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the collector did not say where it listens within 15 s')),
      15_000,
    );
    server.once('exit', (code) => reject(new Error(`the collector exited early with ${code}`)));
    createInterface({ input: server.stdout! }).on('line', (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      logs.push(entry);
      if (typeof entry.msg === 'string' && entry.msg.startsWith('collector listening on ')) {
        clearTimeout(timer);
        resolve(entry.url as string);
      }
    });
  });
});
afterAll(async () => {
  if (server.exitCode === null) {
    server.kill('SIGKILL');
    await new Promise((r) => server.once('exit', r));
  }
  dir.remove();
});

describe('collector: the one command and the admin CLI', () => {
  let token = '';

  it('starts on the embedded SQLite default and logs where the data is and where it listens', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(logs[0]).toMatchObject({
      engine: 'sqlite',
      location: dbPath,
      msg: `storing data in ${dbPath} (sqlite)`,
    });
    expect(existsSync(dbPath)).toBe(true);
  });

  it('enrols a kiosk, prints its token once and stores only a hash of it', () => {
    const r = cli('enrol', 'desk-1', '--location', 'Main store', '--touchpoint', 'Desk 2');
    expect(r.code, r.stderr).toBe(0);
    token = r.stdout.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 random bits, base64url
    const files = ['', '-wal'].map((s) => dbPath + s).filter(existsSync);
    for (const f of files) expect(readFileSync(f).includes(token)).toBe(false);
    const hash = createHash('sha256').update(token).digest('hex');
    expect(files.some((f) => readFileSync(f).includes(hash))).toBe(true);

    const again = cli('enrol', 'desk-1', '--location', 'Main store', '--touchpoint', 'Desk 2');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already enrolled');
    expect(again.stdout).toBe('');
  });

  it('lets the running collector accept the new token at once', async () => {
    const reply = await call({ url, token }, 'POST', '/v1/heartbeat', heartbeat('desk-1'));
    expect(reply.status).toBe(200);
    expect(HeartbeatReply.parse(reply.body).configVersion).toBeNull();
  });

  it('attaches a config file the kiosk then fetches', async () => {
    const file = join(dir.path, 'desk-1.json');
    writeFileSync(file, JSON.stringify({ ...smallConfig(), kioskId: 'desk-1' }));
    const r = cli('set-config', 'desk-1', file);
    expect(r.code, r.stderr).toBe(0);
    const reply = await call({ url, token }, 'GET', '/v1/config');
    expect(reply.status).toBe(200);
    expect(ConfigReply.parse(reply.body).config.kioskId).toBe('desk-1');
    expect(r.stdout).toContain(ConfigReply.parse(reply.body).version);
    expect(cli('set-config', 'desk-1', join(dir.path, 'missing.json')).code).toBe(1);
  });

  it('lists kiosks with their last contact', () => {
    const r = cli('list', '--json');
    expect(r.code, r.stderr).toBe(0);
    const [k] = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(k).toMatchObject({
      id: 'desk-1',
      location: 'Main store',
      touchpoint: 'Desk 2',
      revokedAt: null,
      appVersion: '1.0.0',
      clockFlagged: false,
    });
    expect(k!.lastSeenAt).toEqual(expect.any(String));
    const table = cli('list');
    expect(table.stdout).toMatch(/^KIOSK\s+STATUS/);
    expect(table.stdout).toMatch(/desk-1\s+active\s+Main store \/ Desk 2/);
  });

  it('revokes a kiosk: the running collector answers its token with 401 from the next request', async () => {
    const r = cli('revoke', 'desk-1');
    expect(r.code, r.stderr).toBe(0);
    expect((await call({ url, token }, 'POST', '/v1/heartbeat', heartbeat('desk-1'))).status).toBe(
      401,
    );
    expect((await call({ url, token }, 'GET', '/v1/config')).status).toBe(401);
    expect(cli('list').stdout).toMatch(/desk-1\s+revoked/);
    expect(cli('revoke', 'nobody').code).toBe(1);
  });

  it('makes an enrolment code a new kiosk trades for its token at the running collector', async () => {
    const r = cli('create-enrolment-code', '--location', 'Main store', '--touchpoint', 'Desk 2');
    expect(r.code, r.stderr).toBe(0);
    const code = /^([0-9A-Z]{4}-[0-9A-Z]{4})$/m.exec(r.stdout)?.[1];
    expect(code, r.stdout).toBeDefined();
    const enrolled = await call(
      { url, token: '' },
      'POST',
      '/v1/enrol',
      { code },
      {
        authorization: null,
      },
    );
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(200);
    expect(EnrolReply.parse(enrolled.body).config.touchpoint).toBe('Desk 2');
    const elsewhere = cli(
      'create-enrolment-code',
      '--location',
      'Main store',
      '--touchpoint',
      'Roof',
    );
    expect([elsewhere.code, elsewhere.stderr]).toEqual([1, expect.stringContaining('"Roof"')]);
    expect(cli('create-enrolment-code', '--location', 'Main store').code).toBe(2);
    const tooLong = cli(
      'create-enrolment-code',
      '--location',
      'Main store',
      '--touchpoint',
      'Desk 2',
      '--valid-hours',
      '200',
    );
    expect([tooLong.code, tooLong.stderr]).toEqual([2, expect.stringContaining('--valid-hours')]);
  });

  it('makes a read API token the running collector accepts, lists it without the token, revokes it', async () => {
    expect(cli('create-api-token').code).toBe(2);
    const made = cli('create-api-token', '--name', 'bi-tool', '--locations', 'Main store');
    expect(made.code, made.stderr).toBe(0);
    const token = made.stdout.trim();
    const read = () =>
      fetch(`${url}/api/v1/answers`, { headers: { authorization: `Bearer ${token}` } });
    expect((await read()).status).toBe(200);
    const listed = cli('api-tokens');
    expect(listed.stdout).toMatch(/^bi-tool\tMain store\tcreated /m);
    expect(listed.stdout).not.toContain(token);
    expect(cli('revoke-api-token', 'bi-tool').stdout).toContain('revoked bi-tool');
    expect((await read()).status).toBe(401);
    expect(cli('api-tokens').stdout).toMatch(/^bi-tool\t.*\trevoked /m);
  });

  it('explains its usage on a wrong command', () => {
    for (const args of [['frobnicate'], ['enrol', 'x'], ['revoke'], ['list', '--colour']]) {
      const r = cli(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain('usage: node server/cli.ts');
    }
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((r) => server.once('exit', (code) => r(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(logs.at(-1)).toMatchObject({ signal: 'SIGTERM' });
  });

  it('refuses to start on a bad setting, saying which', () => {
    const r = spawnSync(process.execPath, ['server/main.ts'], {
      cwd: ROOT,
      env: { ...env, LASTWORD_COLLECTOR_PORT: 'eighty' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('LASTWORD_COLLECTOR_PORT');
  });
});
