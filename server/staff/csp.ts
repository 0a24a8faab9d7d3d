// The staff page's Content-Security-Policy and companions, sent on every /staff response. The page
// shows customer-written text, so it is built to make injected markup inert twice over: the code
// only ever sets textContent, and the policy allows no inline script or style, nothing remote,
// and (Trusted Types) no string-to-HTML sinks at all.
export const STAFF_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  // Only the survey preview (/staff/preview/, the kiosk renderer) is framed, sandboxed.
  "frame-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types',
].join('; ');

export const STAFF_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': STAFF_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=()',
};
