// The staff live screen (server/staff/page) as a static bundle under dist/staff, which the
// collector serves at /staff/ under the strict CSP of server/staff/csp.ts: one script and one stylesheet
// from 'self', nothing inline, no data: URLs for scripts.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: resolve(import.meta.dirname, 'server/staff/page'),
  base: '/staff/',
  build: {
    outDir: resolve(import.meta.dirname, 'dist/staff'),
    emptyOutDir: true,
    target: 'chrome120',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
