// simple-keyboard's modern ESM build ships without a declaration file of its own name; it is the
// same API as the package's main entry, minus the polyfills a kiosk's Chromium does not need.
declare module 'simple-keyboard/build/index.modern.esm.js' {
  export * from 'simple-keyboard';
  export { default } from 'simple-keyboard';
}
