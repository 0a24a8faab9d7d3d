// The staff live screen (server/staff/page) as a static bundle under dist/staff, which the collector
// serves at /staff/ under the strict CSP of server/staff/csp.ts: one script and one stylesheet
// from 'self', nothing inline, no data: URLs for scripts.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'server/staff/page',
  base: '/staff/',
  build: {
    outDir: '../../../dist/staff',
    emptyOutDir: true,
    target: 'chrome120',
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
