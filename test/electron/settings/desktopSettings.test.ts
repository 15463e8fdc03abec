/**
 * The desktop app's settings parts that run without Electron: sealed passwords, and the settings file's schema and
 * migration (with `conf`, electron-store's base, which runs under plain Node).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { EncryptedSecretStore, type Cipher } from '../../../electron/settings/secretStore.js';
import {
  MIGRATED_ACCOUNT_ID,
  SETTINGS_DEFAULTS,
  SETTINGS_MIGRATIONS,
  SETTINGS_SCHEMA,
  upgradeSettings,
  type AppSettings,
  type MigrationStore,
} from '../../../electron/settings/desktopSettingsSchema.js';
import { passwordKey } from '../../../electron/settings/mailAccounts.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'imip-desk-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Reversible but not plain: enough to see that only sealed bytes are stored. */
function fakeCipher(available = true): Cipher {
  return {
    availability: () => (available ? { ok: true } : { ok: false, message: 'no keyring' }),
    encrypt: (s) => Buffer.from(`sealed:${Buffer.from(s).reverse().toString('hex')}`),
    decrypt: (b) => {
      const t = Buffer.from(b).toString();
      if (!t.startsWith('sealed:')) throw new Error('bad');
      return Buffer.from(t.slice(7), 'hex').reverse().toString();
    },
  };
}

describe('EncryptedSecretStore', () => {
  it('stores only sealed bytes and gives the password back', () => {
    const kept = new Map<string, string>();
    const store = new EncryptedSecretStore(fakeCipher(), {
      get: (n) => kept.get(n) ?? null,
      set: (n, v) => void kept.set(n, v),
    });
    store.set('imap', 'correct horse');
    expect([...kept.values()].join()).not.toContain('correct horse');
    expect(store.has('imap')).toBe(true);
    expect(store.get('imap')).toBe('correct horse');
    kept.set('smtp', Buffer.from('garbage').toString('base64'));
    expect(store.get('smtp')).toBeNull(); // undecryptable (keychain reset): asked again, not a crash
  });

  it('refuses to store when the keychain cannot encrypt', () => {
    const store = new EncryptedSecretStore(fakeCipher(false), { get: () => null, set: () => undefined });
    expect(store.availability()).toEqual({ ok: false, message: 'no keyring' });
    expect(() => store.set('imap', 'x')).toThrow(/no keyring/);
  });
});

describe('settings file (conf with the app schema)', () => {
  const open = (version: string): Conf<AppSettings> =>
    new Conf<AppSettings>({
      cwd: dir,
      configName: 'settings',
      projectVersion: version,
      schema: SETTINGS_SCHEMA,
      defaults: SETTINGS_DEFAULTS,
      migrations: SETTINGS_MIGRATIONS,
    });

  it('starts from the defaults and validates writes', () => {
    const store = open('0.3.0');
    expect(store.get('accounts')).toEqual([]);
    expect(store.get('window')).toEqual({ width: 1100, height: 760 });
    const account = {
      id: 'a',
      me: ['me@example.com'],
      protocol: 'pop3' as const,
      incoming: { host: 'pop.example.com', port: 995, security: 'tls' as const, user: 'me' },
      smtp: { host: 'smtp.example.com', port: 465, security: 'tls' as const, user: 'me' },
      auth: 'oauth2' as const,
      oauth: { provider: 'oidc' as const, issuer: 'https://id.example.com', clientId: 'c' },
    };
    store.set('accounts', [account]);
    expect(store.get('accounts')).toEqual([account]);
    expect(() => store.set('accounts', [{ ...account, incoming: { ...account.incoming, host: '' } }])).toThrow(
      /schema/i,
    );
    expect(() => store.set('accounts', [{ ...account, protocol: 'smtp' as 'imap' }])).toThrow(/schema/i);
    // An account's calendar server is kept with it (its password, if its own, among the sealed secrets).
    const withCalendar = { ...account, caldav: { url: 'https://dav.example.com/', user: 'me', samePassword: false } };
    store.set('accounts', [withCalendar]);
    expect(store.get('accounts')).toEqual([withCalendar]);
    expect(() =>
      store.set('accounts', [{ ...withCalendar, caldav: { ...withCalendar.caldav, password: 'x' } }]),
    ).toThrow(/schema/i);
  });

  const oldFile = (version: string, account: Record<string, unknown>): void =>
    writeFileSync(
      path.join(dir, 'settings.json'),
      JSON.stringify({
        __internal__: { migrations: { version } },
        account,
        secrets: { imap: 'c2VhbGVkLWltYXA=', smtp: 'c2VhbGVkLXNtdHA=' },
      }),
    );
  const migrated = {
    id: MIGRATED_ACCOUNT_ID,
    me: [],
    protocol: 'imap',
    incoming: { host: 'imap.example.com', port: 993, security: 'tls', user: 'me' },
    smtp: { host: 'smtp.example.com', port: 587, security: 'starttls', user: 'me' },
    auth: 'password',
    oauth: null,
  };

  it('migrates the 0.1 and 0.2 single account into `accounts`, its sealed passwords moved, not decrypted', () => {
    oldFile('0.1.0', {
      imap: { host: 'imap.example.com', port: 993, secure: true, user: 'me' },
      smtp: { host: 'smtp.example.com', port: 587, secure: false, user: 'me' },
    });
    const store = open('0.3.0');
    expect(store.get('accounts')).toEqual([migrated]);
    expect(store.has('account' as keyof AppSettings)).toBe(false);
    expect(store.get('secrets')).toEqual({
      [passwordKey(MIGRATED_ACCOUNT_ID, 'incoming')]: 'c2VhbGVkLWltYXA=',
      [passwordKey(MIGRATED_ACCOUNT_ID, 'smtp')]: 'c2VhbGVkLXNtdHA=',
    });
  });

  it('upgrades a 0.2 file whatever version it records (the app may still call itself 0.1), once', () => {
    oldFile('0.1.0', {
      imap: { host: 'imap.example.com', port: 993, security: 'tls', user: 'me' },
      smtp: { host: 'smtp.example.com', port: 587, security: 'starttls', user: 'me' },
    });
    const store = open('0.1.0');
    upgradeSettings(store as unknown as MigrationStore);
    upgradeSettings(store as unknown as MigrationStore);
    expect(store.get('accounts')).toEqual([migrated]);
    expect(Object.keys(store.get('secrets')).sort()).toEqual(['default:incoming', 'default:smtp']);
  });
});
