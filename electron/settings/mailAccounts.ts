/**
 * The mail accounts the app keeps (as opposed to the configuration file's, accountsConfig.ts): any number, each
 * IMAP or POP3 with SMTP, signing in with a password or OAuth. Owns the stored shape, the names under which each
 * account's passwords sit in the secret store, and the three stores: the desktop app's (electron-store, passed in
 * as `KeyValues`), the web host's own file (0600) and the configuration file's (read-only). Secrets are never part
 * of an account: passwords go to a SecretStore, refresh tokens to a TokenStore (electron/accounts/tokenStore.ts).
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AuthKind, MailProtocol, ServerSettings } from '../../shared/ipc/contract.js';
import type { OAuthProviderSettings } from '../../shared/model/oauthSettings.js';
import type { AccountConfig } from './accountsConfig.js';
import type { ServerConfig } from './agentConfig.js';

export interface StoredMailAccount {
  readonly id: string;
  readonly me: readonly string[];
  readonly protocol: MailProtocol;
  readonly incoming: ServerSettings;
  readonly smtp: ServerSettings;
  readonly auth: AuthKind;
  /** The provider with its client ID, for OAuth accounts; null for password accounts. */
  readonly oauth: OAuthProviderSettings | null;
  /**
   * The account's calendar server (absent in files written before it existed, or null: the local calendar).
   * `samePassword`: it signs in with the mail password; else with its own, stored under `passwordKey(id, 'caldav')`.
   */
  readonly caldav?: StoredCalDav | null;
}

export interface StoredCalDav {
  readonly url: string;
  readonly user: string;
  readonly samePassword: boolean;
}

export interface MailAccountStore {
  /** False for the configuration file's accounts: shown, never changed here. */
  readonly editable: boolean;
  list(): readonly StoredMailAccount[];
  /** Adds the account, or replaces the one with its id. */
  save(account: StoredMailAccount): void;
  remove(id: string): void;
}

/** Where an account's passwords sit in the secret store. */
export function passwordKey(accountId: string, server: 'incoming' | 'smtp' | 'caldav'): string {
  return `${accountId}:${server}`;
}

/** A new account id from its address: readable, unique among `taken`, within the ids the config file allows. */
export function newAccountId(address: string, taken: readonly string[]): string {
  const base =
    address
      .toLowerCase()
      .replace(/^mailto:/, '')
      .replace(/[^a-z0-9._@-]/g, '')
      .slice(0, 56) || 'account';
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}-${n}`;
  return id;
}

/** The get/set/delete of a settings file (electron-store), as the desktop's account store needs it. */
export interface KeyValues {
  get(key: 'accounts'): unknown;
  set(key: 'accounts', value: StoredMailAccount[]): void;
}

/** The desktop app's accounts, in its settings file (schema: desktopSettingsSchema.ts). */
export class SettingsFileAccounts implements MailAccountStore {
  readonly editable = true;
  readonly #kv: KeyValues;

  constructor(kv: KeyValues) {
    this.#kv = kv;
  }

  list(): readonly StoredMailAccount[] {
    const v = this.#kv.get('accounts');
    return Array.isArray(v) ? (v as StoredMailAccount[]) : [];
  }

  save(account: StoredMailAccount): void {
    this.#kv.set('accounts', replaced(this.list(), account));
  }

  remove(id: string): void {
    this.#kv.set(
      'accounts',
      this.list().filter((a) => a.id !== id),
    );
  }
}

function replaced(list: readonly StoredMailAccount[], account: StoredMailAccount): StoredMailAccount[] {
  const i = list.findIndex((a) => a.id === account.id);
  return i < 0 ? [...list, account] : list.map((a, j) => (j === i ? account : a));
}

/**
 * A JSON file only its owner can read, replaced atomically (temp file created 0600, then rename): the web host's
 * accounts and passwords, as the headless companion keeps passwords in 0600 files.
 */
export class PrivateJsonFile<T extends object> {
  readonly file: string;
  readonly #empty: T;

  constructor(file: string, empty: T) {
    this.file = file;
    this.#empty = empty;
  }

  read(): T {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return this.#empty;
      throw e;
    }
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new Error(`${this.file} is not a JSON object; move it aside to start afresh.`);
    return { ...this.#empty, ...(parsed as T) };
  }

  write(value: T): void {
    mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.tmp-${process.pid}`;
    try {
      writeFileSync(tmp, `${JSON.stringify(value, null, 1)}\n`, { mode: 0o600 });
      renameSync(tmp, this.file);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
  }
}

/** The web host's own accounts (no configuration file): `<folder>/accounts.json`, 0600. */
export class FileMailAccounts implements MailAccountStore {
  readonly editable = true;
  readonly #file: PrivateJsonFile<{ accounts: StoredMailAccount[] }>;

  constructor(file: string) {
    this.#file = new PrivateJsonFile(file, { accounts: [] });
  }

  list(): readonly StoredMailAccount[] {
    const v = this.#file.read().accounts;
    return Array.isArray(v) ? v : [];
  }

  save(account: StoredMailAccount): void {
    this.#file.write({ accounts: replaced(this.list(), account) });
  }

  remove(id: string): void {
    this.#file.write({ accounts: this.list().filter((a) => a.id !== id) });
  }
}

function serverSettings(s: ServerConfig): ServerSettings {
  return { host: s.host, port: s.port, security: s.security, user: s.user ?? '' };
}

/** The configuration file's accounts as the app shows them (read-only). */
export class ConfiguredMailAccounts implements MailAccountStore {
  readonly editable = false;
  readonly #accounts: readonly StoredMailAccount[];

  constructor(accounts: readonly AccountConfig[]) {
    this.#accounts = accounts.map((a) => ({
      id: a.id,
      me: a.me,
      protocol: a.incoming.protocol,
      incoming: serverSettings(a.incoming.server),
      smtp: serverSettings(a.smtp),
      auth: a.incoming.server.auth,
      oauth: a.oauth ? oauthSettingsOf(a.oauth) : null,
      caldav: a.caldav ? { url: a.caldav.url, user: a.caldav.user ?? '', samePassword: false } : null,
    }));
  }

  list(): readonly StoredMailAccount[] {
    return this.#accounts;
  }

  save(): void {
    throw new Error('These accounts come from the configuration file; change them there.');
  }

  remove(): void {
    throw new Error('These accounts come from the configuration file; change them there.');
  }
}

function oauthSettingsOf(o: NonNullable<AccountConfig['oauth']>): OAuthProviderSettings {
  const { tokenFile: _f, refreshTokenEnv: _e, ...settings } = o;
  return settings;
}
