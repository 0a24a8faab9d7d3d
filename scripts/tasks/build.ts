// `npm run build`: the kiosk renderer (dist/renderer), the Electron main + preload
// (dist/electron), `npm run kiosk -- serve` (dist/kiosk) and the staff live screen the collector
// serves (dist/staff).
import { bin, heading, node } from './steps.ts';

export async function build(): Promise<boolean> {
  heading('build: renderer');
  if ((await node(bin.vite, ['build', '--logLevel', 'warn'])) !== 0) return false;
  heading('build: electron main + preload');
  if (
    (await node(bin.vite, ['build', '-c', 'vite.electron.config.ts', '--logLevel', 'warn'])) !== 0
  )
    return false;
  heading('build: kiosk serve (browser-kiosk mode)');
  if ((await node(bin.vite, ['build', '-c', 'vite.serve.config.ts', '--logLevel', 'warn'])) !== 0)
    return false;
  heading('build: staff live screen');
  return (
    (await node(bin.vite, ['build', '-c', 'vite.staff.config.ts', '--logLevel', 'warn'])) === 0
  );
}

if (import.meta.main) process.exit((await build()) ? 0 : 1);
