// `npm run dist`: builds, then packages the kiosk app with electron-builder (electron-builder.yml)
// into release/: AppImage and deb on Linux, an NSIS installer on Windows. Where no Electron binary
// can be had, it says so in one line and still packages the unpacked app (release/linux-unpacked)
// against a placeholder runtime, so the app.asar IT would ship is built and checked everywhere.
//   --out DIR      write to DIR instead of release/
//   --skip-build   package the build already in dist/ (CI builds once, then tests and packages)
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { NO_ELECTRON_HINT, ROOT, electronDistDir, findElectronBinary } from '../electron-binary.ts';
import { makePlaceholderElectron } from '../placeholder-electron.ts';
import { build } from './build.ts';
import { bin, heading, node } from './steps.ts';

const { values } = parseArgs({
  options: { out: { type: 'string' }, 'skip-build': { type: 'boolean', default: false } },
});
const out = values.out ?? join(ROOT, 'release');

if (!values['skip-build'] && !(await build())) process.exit(1);

heading('dist: electron-builder');
const args = ['--publish', 'never', `-c.directories.output=${out}`];
let placeholder: string | null = null;
if (findElectronBinary()) {
  // The installed Electron, not a second download of the same version.
  args.push(`-c.electronDist=${electronDistDir()}`);
} else {
  placeholder = makePlaceholderElectron();
  process.stdout.write(
    `dist: ${NO_ELECTRON_HINT}; packaging only the unpacked app, against a placeholder runtime that cannot run, in ${join(out, 'linux-unpacked')}\n`,
  );
  args.push('--linux', 'dir', `-c.electronDist=${placeholder}`);
}
const code = await node(bin.electronBuilder, args);
if (placeholder) rmSync(placeholder, { recursive: true, force: true });
process.exit(code);
