/**
 * Turns an account of the configuration into what the agents use: its token store, its access-token source
 * (one per account, so a token only reaches that account's servers) and its servers with the `accessToken`
 * hook set where the server signs in with OAuth. Plain data in, ready-made objects out.
 */
import type { AgentConfig, ServerConfig } from '../agent/config.js';
import { AccountError } from './accountError.js';
import { AccessTokens } from './accessTokens.js';
import type { AccountConfig, AccountOAuth, AccountServer } from './accountsConfig.js';
import { resolveProvider } from './oauthProvider.js';
import { EnvTokenStore, FileTokenStore, type TokenStore } from './tokenStore.js';

export interface RuntimeOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  readonly warn?: (line: string) => void;
  /** The person must sign in again (AUTH_SIGN_IN_AGAIN): the app shows a banner, the CLI a line on stderr. */
  readonly onSignInNeeded?: (accountId: string, error: AccountError) => void;
}

export interface AccountRuntime {
  readonly account: AccountConfig;
  readonly tokens: AccessTokens | null;
  readonly incoming: ServerConfig;
  readonly smtp: ServerConfig;
}

/** The token store an account's `oauth` names: tokenFile (read-write) or refreshTokenEnv (read-only). */
export function tokenStoreFor(accountId: string, oauth: AccountOAuth, opts: RuntimeOptions = {}): TokenStore {
  const warn = opts.warn ?? (() => undefined);
  if (oauth.tokenFile) return new FileTokenStore(oauth.tokenFile, warn);
  if (oauth.refreshTokenEnv) return new EnvTokenStore({ [accountId]: (opts.env ?? process.env)[oauth.refreshTokenEnv] }, warn);
  throw new AccountError('AUTH_NO_STORE', `${accountId}: oauth needs "tokenFile" (a file only you can read) or "refreshTokenEnv" to keep the sign-in.`);
}

export async function prepareAccount(account: AccountConfig, opts: RuntimeOptions = {}): Promise<AccountRuntime> {
  let tokens: AccessTokens | null = null;
  if (account.oauth) {
    const provider = await resolveProvider(account.oauth, opts.fetch ? { fetch: opts.fetch } : {});
    tokens = new AccessTokens(provider, account.id, tokenStoreFor(account.id, account.oauth, opts), {
      ...(opts.now ? { now: opts.now } : {}),
      onSignInNeeded: (e) => opts.onSignInNeeded?.(account.id, e),
    });
  }
  const withToken = (s: AccountServer): ServerConfig => (s.auth === 'oauth2' && tokens ? { ...s, accessToken: tokens.provide } : s);
  return { account, tokens, incoming: withToken(account.incoming.server), smtp: withToken(account.smtp) };
}

/**
 * The app and the web host run one IMAP agent (electron/app/agentSlot.ts): the first account's, with its OAuth
 * token source attached. Other accounts are named in the log; `watch` runs them all.
 */
export async function singleAgentConfig(config: AgentConfig, opts: RuntimeOptions & { readonly log: (line: string) => void }): Promise<AgentConfig> {
  const accounts = config.accounts ?? [];
  const first = accounts[0];
  if (!first) return config;
  for (const a of accounts.slice(1)) opts.log(`account ${a.id} is not watched here (one account per app for now); \`imip-companion watch\` runs every account.`);
  if (first.incoming.protocol !== 'imap') {
    opts.log(`account ${first.id} is a POP3 account; the app watches IMAP accounts only for now (\`imip-companion watch\` reads POP3).`);
  }
  if (!first.oauth) return config;
  try {
    const rt = await prepareAccount(first, {
      ...opts,
      onSignInNeeded: (id, e) => {
        opts.log(`${id}: ${e.code}: ${e.message}`);
        opts.onSignInNeeded?.(id, e);
      },
    });
    return { ...config, imap: rt.incoming, smtp: rt.smtp };
  } catch (e) {
    // The app still opens (decisions, calendar); the agent's login then fails and its status says so.
    opts.log(`${first.id}: ${e instanceof AccountError ? `${e.code}: ` : ''}${(e as Error).message}`);
    return config;
  }
}
