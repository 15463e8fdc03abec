/**
 * The desktop app's settings file (electron-store: schema, defaults and migrations from
 * electron/settings/desktopSettingsSchema.ts) and the password store on top of Electron's safeStorage (the OS
 * keychain). electron-store loads `electron` when
 * imported, so only the Electron entry may import this module (it crashes plain Node, even in a try/catch).
 */
import { safeStorage } from 'electron';
import Store from 'electron-store';
import { EncryptedSecretStore, type Cipher, type SecretName, type SecretStore } from '../settings/secretStore.js';
import type { AccountStore, StoredAccount } from '../settings/accountStore.js';
import {
  SETTINGS_DEFAULTS,
  SETTINGS_MIGRATIONS,
  SETTINGS_SCHEMA,
  type AppSettings,
} from '../settings/desktopSettingsSchema.js';

export interface DesktopSettings {
  readonly store: Store<AppSettings>;
  readonly accounts: AccountStore;
  readonly secrets: SecretStore;
}

/** safeStorage as a Cipher. On Linux without a keyring it falls back to a fixed key: that is not safe storage. */
const keychainCipher: Cipher = {
  availability() {
    if (!safeStorage.isEncryptionAvailable()) {
      return {
        ok: false,
        message: 'the system keychain is not available (on Linux, GNOME Keyring or KWallet must be running).',
      };
    }
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
      return {
        ok: false,
        message:
          'no keyring is running (GNOME Keyring or KWallet), so the password would be kept with a fixed, well-known key.',
      };
    }
    return { ok: true };
  },
  encrypt: (plain) => safeStorage.encryptString(plain),
  decrypt: (sealed) => safeStorage.decryptString(Buffer.from(sealed)),
};

export function openDesktopSettings(): DesktopSettings {
  const store = new Store<AppSettings>({
    name: 'settings',
    schema: SETTINGS_SCHEMA,
    defaults: SETTINGS_DEFAULTS,
    migrations: SETTINGS_MIGRATIONS,
    clearInvalidConfig: false,
  });
  const accounts: AccountStore = {
    getAccount: () => store.get('account'),
    setAccount: (account: StoredAccount) => store.set('account', account),
  };
  const secrets = new EncryptedSecretStore(keychainCipher, {
    get: (name: SecretName) => store.get('secrets')[name] ?? null,
    set: (name: SecretName, base64: string) => store.set('secrets', { ...store.get('secrets'), [name]: base64 }),
  });
  return { store, accounts, secrets };
}
