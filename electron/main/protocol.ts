// app://kiosk: the renderer's origin. The scheme must be declared privileged before ready
// (standard + secure: a real origin, CSP 'self' and fetch work as over HTTPS); the handler is
// attached to the session the kiosk window uses, once the app is ready.
import { readFile } from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { createAppRequestHandler } from './policy/app-request.ts';
import { APP_SCHEME } from './policy/origin.ts';

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

export function serveApp(session: Session, rootDir: string): void {
  session.protocol.handle(
    APP_SCHEME,
    createAppRequestHandler({ rootDir, readFile: (path) => readFile(path) }),
  );
}
