// Bundles `npm run kiosk -- serve` (scripts/tasks/kiosk-serve.ts) to dist/kiosk/serve.mjs, which
// scripts/run.mjs runs in its own process. For cold start: a thin client boots into it, and the
// TypeScript sources would cost a type-stripping compiler's start-up and the resolution of some
// two hundred files (zod alone is ninety) while the browser waits for its first page. The kiosk
// host stays its own chunk, loaded by serve after it listens (see kiosk-serve.ts).
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  build: {
    ssr: 'scripts/tasks/kiosk-serve.ts',
    outDir: 'dist/kiosk',
    emptyOutDir: true,
    target: 'node22',
    minify: false,
    sourcemap: true,
    copyPublicDir: false,
    reportCompressedSize: false,
    rolldownOptions: {
      external: ['better-sqlite3', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
      output: { format: 'es', entryFileNames: 'serve.mjs', chunkFileNames: '[name]-[hash].mjs' },
    },
  },
  // Bundle every dependency (zod, uuid, shared/) but better-sqlite3 (native) and Node's own.
  ssr: { noExternal: true, target: 'node' },
});
