// The device token sealed with Electron's safeStorage (electron/core/token-vault.ts says why).
// Only once the app is ready. On Linux, safeStorage falls back to a hard-coded password when no
// keyring (libsecret, KWallet) answers ('basic_text'): that seals nothing, so it counts as no
// keystore and the token stays in the 0600 file.
import { safeStorage } from 'electron';
import type { TokenVault } from '../core/token-vault.ts';

export function safeStorageVault(platform: NodeJS.Platform): TokenVault {
  return {
    available() {
      if (!safeStorage.isEncryptionAvailable()) return false;
      return platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
    },
    seal: (plain) => safeStorage.encryptString(plain),
    open: (sealed) => safeStorage.decryptString(sealed),
  };
}
