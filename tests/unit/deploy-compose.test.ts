// The deployment example (deploy/compose/) checked as far as a machine without a container
// runtime can: the compose file parses and runs both collectors from one definition; its
// environment file, with a database URL, passes the collector's own settings check and every
// setting in it is documented in the README; nginx.conf passes `nginx -t` (upstreams swapped for
// loopback, a test certificate in place) wherever nginx is installed (CI installs nginx-light).
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { alertSettingsFromEnv } from '../../server/alerts/settings.ts';
import { settingsFromEnv } from '../../server/settings.ts';
import { tempDir } from '../support/tmp.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const DIR = join(ROOT, 'deploy', 'compose');
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');

interface Service {
  build?: { dockerfile: string };
  env_file?: string;
  secrets?: string[];
  entrypoint?: string[];
}

function envFile(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

const nginx = spawnSync('nginx', ['-v']).error ? null : 'nginx';
if (!nginx)
  console.log('deploy example: nginx -t skipped — no nginx on PATH (apt install nginx-light)');

describe('deployment example (deploy/compose)', () => {
  it('runs two collectors from one definition, with the database URL from a secret', () => {
    const compose = parse(read('compose.yaml')) as { services: Record<string, Service> };
    const { 'collector-a': a, 'collector-b': b } = compose.services;
    expect(Object.keys(compose.services).sort()).toEqual([
      'collector-a',
      'collector-b',
      'postgres',
      'proxy',
    ]);
    expect(b).toEqual(a);
    expect(a).toMatchObject({
      build: { dockerfile: 'deploy/compose/collector.Dockerfile' },
      env_file: 'collector.env',
      secrets: ['database_url'],
    });
    expect(a!.entrypoint!.join(' ')).toContain('DATABASE_URL="$$(cat /run/secrets/database_url)"');
    expect(read('collector.env')).not.toMatch(/DATABASE_URL|PASS/);
  });

  it('has settings the collector accepts, each documented in the README', () => {
    const env = {
      ...envFile(read('collector.env')),
      DATABASE_URL: 'postgres://lastword:secret@postgres:5432/lastword',
    };
    const settings = settingsFromEnv(env);
    expect(settings.storage).toEqual({ databaseUrl: env.DATABASE_URL });
    expect(settings.trustProxy).toBe('172.28.0.0/24');
    expect(settings.host).toBe('0.0.0.0');
    expect(alertSettingsFromEnv(env).smtp).toMatchObject({ host: 'smtp.example.com', port: 587 });
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const undocumented = Object.keys(env).filter((key) => {
      const suffix = key.replace(/^LASTWORD_(COLLECTOR_|SMTP_)?/, '');
      return !readme.includes(key) && !readme.includes(`_${suffix}`);
    });
    expect(undocumented).toEqual([]);
  });

  it.skipIf(!nginx)('has an nginx config that nginx -t accepts', () => {
    const tmp = tempDir('lastword-nginx-');
    try {
      const tls = join(ROOT, 'tests', 'fixtures', 'tls');
      copyFileSync(join(tls, 'hooks.example.test.pem'), join(tmp.path, 'fullchain.pem'));
      copyFileSync(join(tls, 'hooks.example.test.key'), join(tmp.path, 'privkey.pem'));
      const conf = read('nginx.conf')
        .replace(/collector-a:4320/g, '127.0.0.1:4321')
        .replace(/collector-b:4320/g, '127.0.0.1:4322')
        .replace(/\/etc\/nginx\/tls\//g, `${tmp.path}/`);
      writeFileSync(join(tmp.path, 'nginx.conf'), conf);
      const out = execFileSync(
        nginx!,
        [
          '-t',
          '-c',
          join(tmp.path, 'nginx.conf'),
          '-e',
          join(tmp.path, 'error.log'),
          '-g',
          `pid ${join(tmp.path, 'nginx.pid')};`,
        ],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
      );
      expect(out).toBe('');
    } finally {
      tmp.remove();
    }
  });
});
