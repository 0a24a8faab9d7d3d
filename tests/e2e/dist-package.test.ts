// `npm run dist` on a machine with no Electron binary (forced here, so every machine checks the
// same thing): it says so in one line and still packages the unpacked app against a placeholder
// runtime. The app.asar it produces is opened and checked as IT would ship it: the entry points
// and every migration inside, better-sqlite3's native module unpacked next to it, nothing of the
// development side (tests, source maps, devDependencies), within a size budget; and the fuses
// of electron-builder.yml flipped in the (placeholder) binary. Needs `npm run build` first.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { extractFile, listPackage, statFile } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const MB = 1024 * 1024;
/** Today about 0.8 MB and 2.3 MB; collector packages or a second native module would burst them. */
const BUDGET = { asar: 3 * MB, unpacked: 4 * MB };

const out = tempDir('lastword-dist-');
const noElectron = tempDir('lastword-no-electron-');
const app = join(out.path, 'linux-unpacked');
const asar = join(app, 'resources', 'app.asar');
let stdout = '';
let exitCode: number | null = null;
let files: string[] = [];

const inAsar = (path: string) => extractFile(asar, path).toString('utf8');

function sizeOf(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) =>
    statSync(join(dir, f)).isFile(),
  );
}

beforeAll(async () => {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'scripts', 'tasks', 'dist.ts'), '--skip-build', '--out', out.path],
    { cwd: ROOT, env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: noElectron.path } },
  );
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  exitCode = await new Promise((resolve) => child.on('exit', resolve));
  files = listPackage(asar, { isPack: false }).map((f) => f.replaceAll('\\', '/').slice(1));
}, 120_000);

afterAll(() => {
  out.remove();
  noElectron.remove();
});

describe('npm run dist without an Electron binary', () => {
  it('says so in one line and still packages the unpacked app', () => {
    expect(exitCode, stdout).toBe(0);
    const said = stdout.split('\n').filter((line) => /no Electron binary/.test(line));
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('placeholder runtime');
    expect(statSync(asar).isFile()).toBe(true);
  });

  it('ships main, preload and the kiosk page with everything the page loads', () => {
    const pkg = JSON.parse(inAsar('package.json')) as { main: string; devDependencies?: unknown };
    expect(files).toContain(pkg.main);
    expect(files).toContain('dist/electron/preload.cjs');
    const page = inAsar('dist/renderer/index.html');
    const assets = [...page.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) expect(files).toContain(`dist/renderer/${asset}`);
  });

  it('carries every schema migration inside main', () => {
    const main = inAsar('dist/electron/main.cjs');
    const dir = join(ROOT, 'electron', 'core', 'db', 'migrations');
    const migrations = readdirSync(dir).filter((f) => /^\d+-.*\.ts$/.test(f));
    expect(migrations.length).toBeGreaterThanOrEqual(3);
    for (const file of migrations) {
      const sql = [...readFileSync(join(dir, file), 'utf8').matchAll(/`([^`]+)`/g)];
      expect(sql.length, file).toBeGreaterThan(0);
      for (const [, text] of sql) expect(main, `${file} missing from main.cjs`).toContain(text);
    }
  });

  it("unpacks better-sqlite3's native module next to app.asar", () => {
    const native = files.filter(
      (f) => f.startsWith('node_modules/better-sqlite3/') && f.endsWith('.node'),
    );
    expect(native).toHaveLength(1);
    expect(statFile(asar, native[0]!)).toMatchObject({ unpacked: true });
    const onDisk = join(app, 'resources', 'app.asar.unpacked', native[0]!);
    expect(statSync(onDisk).size).toBeGreaterThan(100_000);
  });

  it('holds no tests, source maps or devDependencies', () => {
    const all = [...files, ...filesUnder(join(app, 'resources', 'app.asar.unpacked'))];
    expect(
      all.filter((f) => /(^|\/)(tests?|__tests__)\/|\.(test|spec)\.[cm]?[jt]sx?$/.test(f)),
    ).toEqual([]);
    expect(all.filter((f) => f.endsWith('.map'))).toEqual([]);
    const { devDependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    const modules = new Set(all.map((f) => /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1]));
    expect(Object.keys(devDependencies).filter((name) => modules.has(name))).toEqual([]);
    expect(JSON.parse(inAsar('package.json'))).not.toHaveProperty('devDependencies');
  });

  it('stays within its size budget', () => {
    expect(statSync(asar).size).toBeLessThan(BUDGET.asar);
    expect(sizeOf(join(app, 'resources', 'app.asar.unpacked'))).toBeLessThan(BUDGET.unpacked);
  });

  it('flips the fuses: no run-as-node, NODE_OPTIONS or inspect; only app.asar, integrity checked', async () => {
    const wire = await getCurrentFuseWire(join(app, 'lastword-kiosk'));
    const state = (fuse: FuseV1Options) => String.fromCharCode(wire[fuse] as number);
    expect(state(FuseV1Options.RunAsNode)).toBe('0');
    expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe('0');
    expect(state(FuseV1Options.EnableNodeCliInspectArguments)).toBe('0');
    expect(state(FuseV1Options.OnlyLoadAppFromAsar)).toBe('1');
    expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe('1');
  });
});
