/**
 * The desktop app's own settings file (electron-store, in the user-data folder): the mail account without
 * passwords, the sealed passwords, an optional data dir, the window's size. Schema (checked by ajv on every
 * write), defaults and migrations live here, apart from Electron, so they are tested with `conf` (electron-store's
 * base class, which runs under plain Node). The scheduling settings are not here: they are in the data dir's
 * config.json, shared with the CLI and the agent.
 */
import type { Options, Schema } from 'conf';
import type { StoredAccount } from './accountStore.js';

// A type alias, not an interface: conf's generics want an index-signature-compatible record.
export type AppSettings = {
  account: StoredAccount | null;
  /** safeStorage-sealed passwords, base64. */
  secrets: { imap?: string; smtp?: string };
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

export const SETTINGS_SCHEMA: Schema<AppSettings> = {
  account: {
    oneOf: [
      { type: 'null' },
      {
        type: 'object',
        properties: { imap: server, smtp: server },
        required: ['imap', 'smtp'],
        additionalProperties: false,
      },
    ],
  },
  secrets: {
    type: 'object',
    properties: { imap: { type: 'string' }, smtp: { type: 'string' } },
    additionalProperties: false,
  },
  dataDir: { type: ['string', 'null'] },
  window: {
    type: 'object',
    properties: { width: { type: 'integer', minimum: 400 }, height: { type: 'integer', minimum: 300 } },
    required: ['width', 'height'],
  },
};

export const SETTINGS_DEFAULTS: AppSettings = {
  account: null,
  secrets: {},
  dataDir: null,
  window: { width: 1100, height: 760 },
};

/** The store's `get`/`set`/`delete` as migrations see them. */
interface MigrationStore {
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

export const SETTINGS_MIGRATIONS: NonNullable<Options<AppSettings>['migrations']> = {
  '0.2.0': (store) => migrateServerSecurity(store as unknown as MigrationStore),
};
