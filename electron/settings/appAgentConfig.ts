/**
 * The agents' configuration for the accounts the app keeps (mailAccounts.ts): every account with its passwords
 * from the secret store, the scheduling settings from the data dir. OAuth accounts carry neither a token file nor a
 * variable: the app hands its own token store to the runtime (the OS keychain in the desktop app, a 0600 file in
 * the web host). An account's calendar server (CalDAV) gets the mail password or its own from the secret store. An account whose password is missing is left out (it waits for the person), never started
 * without one.
 */
import type { DataDir } from '../store/dataDir.js';
import type { AccountConfig, AccountServer } from './accountsConfig.js';
import type { AgentConfig } from './agentConfig.js';
import type { DavAccount } from '../caldav/davAccountConfig.js';
import { passwordKey, type StoredMailAccount } from './mailAccounts.js';
import type { SecretStore } from './secretStore.js';
import { policyOf, timeframeOf } from './schedulingSettings.js';

export interface AppAgentOptions {
  /** A CA to trust besides the system's (PEM), for every account's servers; null: the system's only. */
  readonly ca?: string | null;
  readonly pollSeconds?: number;
}

/** Null when no account can run (none kept, or none has its password). */
export function appAgentConfig(
  accounts: readonly StoredMailAccount[],
  secrets: SecretStore,
  data: DataDir,
  opts: AppAgentOptions = {},
): AgentConfig | null {
  const cfg = data.config();
  // An account migrated from the single-account settings has no addresses of its own: the data dir's are its.
  const runnable = accounts
    .map((a) => accountConfigOf(a.me.length ? a : { ...a, me: cfg.me }, secrets, opts.ca ?? null))
    .filter((a) => a !== null);
  const first = runnable[0];
  if (!first) return null;
  const tf = timeframeOf(cfg);
  const me = [...new Set([...cfg.me, ...runnable.flatMap((a) => a.me)])];
  return {
    imap: first.incoming.server,
    smtp: first.smtp,
    me,
    accounts: runnable,
    policy: policyOf(cfg),
    timeframe: tf.text,
    timeframeMs: tf.ms,
    dataDir: data.root,
    pollSeconds: opts.pollSeconds ?? 60,
    warnings: [],
    settings: {},
  };
}

function accountConfigOf(a: StoredMailAccount, secrets: SecretStore, ca: string | null): AccountConfig | null {
  const incomingPassword = a.auth === 'password' ? secrets.get(passwordKey(a.id, 'incoming')) : null;
  if (a.auth === 'password' && incomingPassword === null) return null;
  const smtpPassword = a.auth === 'password' ? (secrets.get(passwordKey(a.id, 'smtp')) ?? incomingPassword) : null;
  const server = (s: StoredMailAccount['incoming'], password: string | null): AccountServer => ({
    host: s.host,
    port: s.port,
    security: s.security,
    user: s.user || null,
    password,
    ca,
    auth: a.auth,
  });
  return {
    id: a.id,
    me: a.me,
    incoming: { protocol: a.protocol, server: server(a.incoming, incomingPassword) },
    smtp: server(a.smtp, smtpPassword),
    caldav: calDavOf(a, secrets, ca, incomingPassword),
    oauth: a.oauth ? { ...a.oauth, tokenFile: null, refreshTokenEnv: null } : null,
  };
}

/**
 * The account's calendar server with its password: the mail password when the person chose "same password",
 * else its own. Without a password it is left out (the account runs on the local calendar until one is typed).
 */
function calDavOf(
  a: StoredMailAccount,
  secrets: SecretStore,
  ca: string | null,
  mailPassword: string | null,
): (DavAccount & { readonly auth: 'password' }) | null {
  const c = a.caldav;
  if (!c) return null;
  const password = c.samePassword ? mailPassword : secrets.get(passwordKey(a.id, 'caldav'));
  if (password === null) return null;
  return { url: c.url, user: c.user || null, password, ca, calendar: null, auth: 'password' };
}
