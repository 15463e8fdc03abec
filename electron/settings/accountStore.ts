/**
 * Where the mail account (servers, user names; never passwords) is kept. The scheduling settings (policy, time
 * frame, my addresses, notifications, start at login) live in the data dir's config.json instead, so the CLI, the
 * agent and the app share them (schedulingSettings.ts). The desktop app keeps the account with electron-store
 * (desktopSettingsSchema.ts, opened in electron/main/settings.ts); the web host takes it from its configuration
 * file and cannot change it.
 */
import type { ServerSettings } from '../../shared/ipc/contract.js';
import type { AgentConfig, ServerConfig } from './agentConfig.js';

export interface StoredAccount {
  readonly imap: ServerSettings;
  readonly smtp: ServerSettings;
}

export interface AccountStore {
  getAccount(): StoredAccount | null;
  setAccount(account: StoredAccount): void;
}

function serverSettings(s: ServerConfig): ServerSettings {
  return { host: s.host, port: s.port, security: s.security, user: s.user ?? '' };
}

/** The account as the web host's configuration file gives it (read-only). */
export class ConfiguredAccount implements AccountStore {
  readonly #account: StoredAccount | null;

  constructor(config: AgentConfig | null) {
    this.#account = config ? { imap: serverSettings(config.imap), smtp: serverSettings(config.smtp) } : null;
  }

  getAccount(): StoredAccount | null {
    return this.#account;
  }

  setAccount(): void {
    throw new Error('The web host takes the account from its configuration file.');
  }
}
