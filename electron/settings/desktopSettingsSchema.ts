/**
 * The desktop app's own settings file (electron-store, in the user-data folder): the mail accounts without
 * secrets, the sealed passwords and refresh tokens, an optional data dir, the window's size. Schema (checked by ajv on every
 * write), defaults and migrations live here, apart from Electron, so they are tested with `conf` (electron-store's
 * base class, which runs under plain Node). The scheduling settings are not here: they are in the data dir's
 * config.json, shared with the CLI and the agent.
 */
import type { Options, Schema } from 'conf';
import type { StoredMailAccount } from './mailAccounts.js';
import { passwordKey } from './mailAccounts.js';

// A type alias, not an interface: conf's generics want an index-signature-compatible record.
export type AppSettings = {
  /** Every mail account (mailAccounts.ts); 0.2 kept one IMAP account under `account`. */
  accounts: StoredMailAccount[];
  /** safeStorage-sealed passwords, base64, by passwordKey (`<account id>:incoming` / `:smtp`). */
  secrets: Record<string, string>;
  /** safeStorage-sealed OAuth refresh tokens, base64, by account id. */
  tokens: Record<string, string>;
  /** Null: the CLI's default ($XDG_DATA_HOME/imip-companion), so the command line and the app share one calendar. */
  dataDir: string | null;
  window: { width: number; height: number };
};

const server = {
  type: 'object',
  properties: {
    host: { type: 'string', minLength: 1, maxLength: 253 },
    port: { type: 'integer', minimum: 1, maximum: 65535 },
    security: { enum: ['tls', 'starttls', 'none'] },
    user: { type: 'string', maxLength: 320 },
  },
  required: ['host', 'port', 'security', 'user'],
  additionalProperties: false,
} as const;

const oauth = {
  type: 'object',
  properties: {
    provider: { enum: ['microsoft', 'google', 'oidc'] },
    clientId: { type: 'string', minLength: 1 },
    clientSecret: { type: 'string' },
    tenant: { type: 'string' },
    issuer: { type: 'string' },
    scopes: { type: 'array', items: { type: 'string' } },
    caldav: { type: 'boolean' },
    pop3: { type: 'boolean' },
  },
  required: ['provider', 'clientId'],
  additionalProperties: false,
} as const;

/** An account's calendar server (its own password, if any, is under `secrets`). */
const caldav = {
  type: 'object',
  properties: {
    url: { type: 'string', minLength: 1, maxLength: 2048 },
    user: { type: 'string', maxLength: 512 },
    samePassword: { type: 'boolean' },
  },
  required: ['url', 'user', 'samePassword'],
  additionalProperties: false,
} as const;

const mailAccount = {
  type: 'object',
  properties: {
    id: { type: 'string', pattern: '^[A-Za-z0-9._@-]{1,64}$' },
    me: { type: 'array', items: { type: 'string' } },
    protocol: { enum: ['imap', 'pop3'] },
    incoming: server,
    smtp: server,
    auth: { enum: ['password', 'oauth2'] },
    oauth: { oneOf: [{ type: 'null' }, oauth] },
    caldav: { oneOf: [{ type: 'null' }, caldav] },
  },
  required: ['id', 'me', 'protocol', 'incoming', 'smtp', 'auth', 'oauth'],
  additionalProperties: false,
} as const;

const sealed = { type: 'object', additionalProperties: { type: 'string' } } as const;

export const SETTINGS_SCHEMA: Schema<AppSettings> = {
  accounts: { type: 'array', items: mailAccount },
  secrets: sealed,
  tokens: sealed,
  dataDir: { type: ['string', 'null'] },
  window: {
    type: 'object',
    properties: { width: { type: 'integer', minimum: 400 }, height: { type: 'integer', minimum: 300 } },
    required: ['width', 'height'],
  },
};

export const SETTINGS_DEFAULTS: AppSettings = {
  accounts: [],
  secrets: {},
  tokens: {},
  dataDir: null,
  window: { width: 1100, height: 760 },
};

/** The store's `get`/`set`/`delete` as migrations see them. */
export interface MigrationStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/**
 * 0.1.x wrote each server as the agent's config file does, `secure: boolean` (true: implicit TLS, false:
 * STARTTLS); from 0.2.0 it is `security: 'tls' | 'starttls' | 'none'`, which the account form and the transports use.
 */
function migrateServerSecurity(store: MigrationStore): void {
  for (const key of ['account.imap', 'account.smtp']) {
    const s = store.get(key) as Record<string, unknown> | undefined;
    if (!s || typeof s !== 'object' || 'security' in s) continue;
    const { secure, ...rest } = s;
    store.set(key, { ...rest, security: secure === false ? 'starttls' : 'tls' });
  }
}

/** The one account id a 0.2 settings file's account gets (the configuration file's single form uses it too). */
export const MIGRATED_ACCOUNT_ID = 'default';

/**
 * 0.2 kept one IMAP account with a password (`account: { imap, smtp }`, sealed `secrets.imap` / `secrets.smtp`);
 * from 0.3 there are `accounts` (IMAP or POP3, password or OAuth) and secrets by account. The old account becomes
 * the account "default" with its passwords moved, still sealed (the bytes are not decrypted on the way); its
 * addresses stay the data dir's (an empty `me` means those).
 */
function migrateToAccounts(store: MigrationStore): void {
  const old = store.get('account') as { imap?: unknown; smtp?: unknown } | null | undefined;
  const secrets = (store.get('secrets') ?? {}) as Record<string, unknown>;
  const accounts = Array.isArray(store.get('accounts')) ? (store.get('accounts') as unknown[]) : [];
  if (old && typeof old === 'object' && old.imap && old.smtp) {
    const id = MIGRATED_ACCOUNT_ID;
    accounts.push({ id, me: [], protocol: 'imap', incoming: old.imap, smtp: old.smtp, auth: 'password', oauth: null });
    const next: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(secrets)) if (k !== 'imap' && k !== 'smtp') next[k] = v;
    if (typeof secrets.imap === 'string') next[passwordKey(id, 'incoming')] = secrets.imap;
    if (typeof secrets.smtp === 'string') next[passwordKey(id, 'smtp')] = secrets.smtp;
    store.set('secrets', next);
  }
  store.set('accounts', accounts);
  store.delete('account');
}

/**
 * Both migrations, for a store opened whatever its recorded version: conf runs a migration only up to the app's
 * own version, and a settings file may hold the 0.2 shape under any version number. Idempotent.
 */
export function upgradeSettings(store: MigrationStore): void {
  if (store.get('account') === undefined) return;
  migrateServerSecurity(store);
  migrateToAccounts(store);
}

export const SETTINGS_MIGRATIONS: NonNullable<Options<AppSettings>['migrations']> = {
  '0.2.0': (store) => migrateServerSecurity(store as unknown as MigrationStore),
  '0.3.0': (store) => migrateToAccounts(store as unknown as MigrationStore),
};
