// A stand-in for the Electron runtime, for `npm run dist` on machines where no Electron binary can
// be had (no internet). electron-builder copies it where Electron would go, so the app it
// packages (app.asar, the unpacked native module, the fuses) is the same as in a real build and
// can be checked here; only the runtime is missing. Run, the stand-in says what it is and fails.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Electron's fuse wire as @electron/fuses finds it in a binary: the sentinel, the wire version,
// the number of fuses, then one ASCII '0'/'1' per fuse. These are Electron's defaults, in the
// order of @electron/fuses' FuseV1Options, so the packaging flips them exactly as in a real build.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const DEFAULT_FUSES = [
  '1', // RunAsNode
  '0', // EnableCookieEncryption
  '1', // EnableNodeOptionsEnvironmentVariable
  '1', // EnableNodeCliInspectArguments
  '0', // EnableEmbeddedAsarIntegrityValidation
  '0', // OnlyLoadAppFromAsar
  '0', // LoadBrowserProcessSpecificV8Snapshot
  '1', // GrantFileProtocolExtraPrivileges
].join('');

const SCRIPT = `#!/bin/sh
echo "Lastword was packaged against a placeholder Electron runtime (no Electron binary on the build machine); build it with npm run dist where Electron can be downloaded." >&2
exit 1
`;

/** Makes a folder holding a Linux `electron` stand-in; electron-builder's electronDist. */
export function makePlaceholderElectron(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lastword-placeholder-electron-'));
  const wire = Buffer.concat([
    Buffer.from(SENTINEL),
    Buffer.from([1, DEFAULT_FUSES.length]),
    Buffer.from(DEFAULT_FUSES),
  ]);
  writeFileSync(join(dir, 'electron'), Buffer.concat([Buffer.from(SCRIPT), wire]), {
    mode: 0o755,
  });
  return dir;
}
