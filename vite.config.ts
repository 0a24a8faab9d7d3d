// The kiosk renderer build: a static bundle under dist/renderer that both the Electron app://
// protocol and the localhost transport serve under the strict CSP (shared/renderer-csp.ts).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    // The polyfill would be an extra script for browsers older than the kiosk's Chromium.
    modulePreload: { polyfill: false },
    // Never inline assets as data: URLs: fonts and scripts may only come from 'self'.
    assetsInlineLimit: 0,
  },
});
