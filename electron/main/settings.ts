/**
 * The desktop app's settings file (electron-store: schema, defaults and migrations from
 * electron/settings/desktopSettingsSchema.ts), its mail accounts, and the password and OAuth token stores on top
 * of Electron's safeStorage (the OS keychain): both seal with the same cipher before anything is written. electron-store loads `electron` when
 * imported, so only the Electron entry may import this module (it crashes plain Node, even in a try/catch).
 */
import { safeStorage } from 'electron';
import Store from 'electron-store';
import { EncryptedSecretStore, type Cipher, type SecretName, type SecretStore } from '../settings/secretStore.js';
import { SettingsFileAccounts, type MailAccountStore } from '../settings/mailAccounts.js';
import {
  SETTINGS_DEFAULTS,
  SETTINGS_MIGRATIONS,
  SETTINGS_SCHEMA,
  upgradeSettings,
  type AppSettings,
  type MigrationStore,
} from '../settings/desktopSettingsSchema.js';
import { SealedTokenStore, type TokenStore } from '../accounts/tokenStore.js';

export interface DesktopSettings {
  readonly store: Store<AppSettings>;
  readonly accounts: MailAccountStore;
  readonly secrets: SecretStore;
  /** Refresh tokens sealed by the keychain, in the settings file's `tokens`. */
  readonly tokens: TokenStore;
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
  // A 0.2 file keeps its single account under any recorded version: moved to `accounts` here, once.
  upgradeSettings(store as unknown as MigrationStore);
  const accounts = new SettingsFileAccounts({
    get: () => store.get('accounts'),
    set: (_key, value) => store.set('accounts', value),
  });
  const secrets = new EncryptedSecretStore(keychainCipher, {
    get: (name: SecretName) => store.get('secrets')[name] ?? null,
    set: (name: SecretName, base64: string) => store.set('secrets', { ...store.get('secrets'), [name]: base64 }),
    delete: (name: SecretName) => {
      const { [name]: _gone, ...rest } = store.get('secrets');
      store.set('secrets', rest);
    },
  });
  const tokens = new SealedTokenStore(keychainCipher, {
    get: (id) => store.get('tokens')[id] ?? null,
    set: (id, base64) => {
      const { [id]: _old, ...rest } = store.get('tokens');
      store.set('tokens', base64 === null ? rest : { ...rest, [id]: base64 });
    },
  });
  return { store, accounts, secrets, tokens };
}
