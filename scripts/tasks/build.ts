// `npm run build`: the renderer (dist/renderer) and the Electron main + preload (dist/electron).
import { bin, heading, node } from './steps.ts';

export async function build(): Promise<boolean> {
  heading('build: renderer');
  if ((await node(bin.vite, ['build', '--logLevel', 'warn'])) !== 0) return false;
  heading('build: electron main + preload');
  return (await node(bin.vite, ['build', '-c', 'vite.electron.config.ts', '--logLevel', 'warn'])) === 0;
}

if (import.meta.main) process.exit((await build()) ? 0 : 1);
