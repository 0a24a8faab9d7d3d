// The device token at rest. Where the OS has a keystore (Electron safeStorage: DPAPI on Windows,
// the Keychain on macOS, libsecret or KWallet on Linux) the kiosk writes the token sealed with it
// into its config file; elsewhere the token is written plain, and the file being the kiosk user's
// only (0600, private-files.ts) is the protection, as with a hand-written config. Sealing is an
// interface here so that electron/core stays free of Electron: electron/main/token-vault.ts is
// the adapter, and tests pass a mock at that boundary.
import { SEALED_TOKEN_PREFIX } from '../../shared/config.ts';

export interface TokenVault {
  /** The keystore can seal and open now (false: no keyring, or only a hard-coded key). */
  available(): boolean;
  seal(plain: string): Buffer;
  /** Throws when the bytes were not sealed by this user's keystore. */
  open(sealed: Buffer): string;
}

/** The token as the config file keeps it: sealed where the vault can, else as it is. */
export function storedToken(token: string, vault: TokenVault | null | undefined): string {
  if (!vault?.available()) return token;
  return `${SEALED_TOKEN_PREFIX}${vault.seal(token).toString('base64')}`;
}

/** The token itself from what the config file keeps, or why it cannot be read. */
export function plainToken(
  stored: string,
  vault: TokenVault | null | undefined,
): { ok: true; token: string } | { ok: false; reason: string } {
  if (!stored.startsWith(SEALED_TOKEN_PREFIX)) return { ok: true, token: stored };
  if (!vault?.available())
    return {
      ok: false,
      reason:
        'is sealed with the OS keystore, which this process cannot open: run the kiosk app, or write the plain token',
    };
  try {
    return {
      ok: true,
      token: vault.open(Buffer.from(stored.slice(SEALED_TOKEN_PREFIX.length), 'base64')),
    };
  } catch {
    return {
      ok: false,
      reason:
        'is sealed, but not by this user on this machine: write the plain token, or enrol again',
    };
  }
}
