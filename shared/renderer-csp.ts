// The kiosk renderer's Content-Security-Policy, sent as a response header by every way of serving
// it: Electron's app:// protocol and the localhost transport (electron/core), and the collector's
// survey preview (server/staff/preview.ts), which frames the same bundle with two directives
// changed. Nothing remote, nothing inline: the logo arrives as a data: URL from the config, styles
// set from script go through CSSOM.
const DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'none'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data:",
  'font-src': "'self'",
  'media-src': "'self'",
  'connect-src': "'self'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
  'object-src': "'none'",
};

/** The policy with some directives' sources replaced (the preview's framing and network). */
export function rendererCsp(changes: Readonly<Record<string, string>> = {}): string {
  return Object.entries({ ...DIRECTIVES, ...changes })
    .map(([name, sources]) => `${name} ${sources}`)
    .join('; ');
}

export const RENDERER_CSP = rendererCsp();

/** Headers every renderer response carries, whichever transport serves it. */
export const RENDERER_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': RENDERER_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
};
