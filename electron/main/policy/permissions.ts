// The survey needs no camera, microphone, location, notifications, clipboard reads, MIDI,
// HID/USB/serial devices or fullscreen requests (the window already is). Every request and
// every check is refused; the list of exceptions is deliberately empty and named so that
// adding one is a visible, reviewed change.
export const ALLOWED_PERMISSIONS: readonly string[] = [];

export function isPermissionAllowed(permission: string, _requestingUrl: string): boolean {
  return ALLOWED_PERMISSIONS.includes(permission);
}
