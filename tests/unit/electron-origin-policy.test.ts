import { describe, expect, it } from 'vitest';
import { isAllowedNavigation } from '../../electron/main/policy/navigation.ts';
import { isPermissionAllowed } from '../../electron/main/policy/permissions.ts';
import { isTrustedSender } from '../../electron/main/policy/sender.ts';

describe('navigation policy', () => {
  it('lets the kiosk move between its own pages', () => {
    expect(isAllowedNavigation('app://kiosk/index.html')).toBe(true);
    expect(isAllowedNavigation('app://kiosk/')).toBe(true);
    expect(isAllowedNavigation('app://kiosk/index.html?lang=et#thanks')).toBe(true);
  });

  it.each([
    'https://evil.example',
    'https://evil.example/app://kiosk/index.html',
    'http://localhost:5173/',
    'file:///etc/passwd',
    'file:///C:/Windows/System32/',
    'app://kiosk.evil.example/index.html',
    'app://evil/index.html',
    'app://user:pass@kiosk/index.html',
    'javascript:alert(1)',
    'data:text/html,<h1>hi</h1>',
    'about:blank',
    'chrome://settings',
    'devtools://devtools/bundled/inspector.html',
    'not a url',
    '',
  ])('does not let the window navigate to %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });
});

describe('trusted IPC sender', () => {
  it('trusts only the main frame of app://kiosk', () => {
    expect(isTrustedSender('app://kiosk/index.html', true)).toBe(true);
  });

  it('refuses an iframe even on the kiosk origin', () => {
    expect(isTrustedSender('app://kiosk/index.html', false)).toBe(false);
  });

  it.each([
    'https://evil.example/',
    'file:///home/kiosk/index.html',
    'about:blank',
    'app://other/index.html',
    '',
    null,
    undefined,
  ])('refuses a main frame at %s', (url) => {
    expect(isTrustedSender(url, true)).toBe(false);
  });
});

describe('permission policy', () => {
  it.each([
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'clipboard-sanitized-write',
    'fullscreen',
    'hid',
    'usb',
    'serial',
    'midi',
    'openExternal',
    'some-future-permission',
  ])('denies %s, even to the kiosk page itself', (permission) => {
    expect(isPermissionAllowed(permission, 'app://kiosk/index.html')).toBe(false);
    expect(isPermissionAllowed(permission, 'https://evil.example/')).toBe(false);
  });
});
