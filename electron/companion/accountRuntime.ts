/**
 * Turns an account of the configuration into what the agents use: its token store, its access-token source
 * (one per account, so a token only reaches that account's servers) and its servers with the `accessToken`
 * hook set where the server signs in with OAuth. Plain data in, ready-made objects out.
 */
import type { ServerConfig } from '../settings/agentConfig.js';
import type { AccountConfig, AccountOAuth, AccountServer } from '../settings/accountsConfig.js';
import { AccountError } from '../accounts/accountError.js';
import { AccessTokens } from '../accounts/accessTokens.js';
import { resolveProvider } from '../accounts/oauthProvider.js';
import { EnvTokenStore, FileTokenStore, type TokenStore } from '../accounts/tokenStore.js';

export interface RuntimeOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
  readonly warn?: (line: string) => void;
  /** The person must sign in again (AUTH_SIGN_IN_AGAIN): the app shows a banner, the CLI a line on stderr. */
  readonly onSignInNeeded?: (accountId: string, error: AccountError) => void;
  /** The app's own token store (OS keychain, or the web host's 0600 file) for accounts that name none. */
  readonly tokenStore?: (accountId: string) => TokenStore | null;
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
  if (oauth.refreshTokenEnv)
    return new EnvTokenStore({ [accountId]: (opts.env ?? process.env)[oauth.refreshTokenEnv] }, warn);
  const own = opts.tokenStore?.(accountId);
  if (own) return own;
  throw new AccountError(
    'AUTH_NO_STORE',
    `${accountId}: oauth needs "tokenFile" (a file only you can read) or "refreshTokenEnv" to keep the sign-in.`,
  );
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
  const withToken = (s: AccountServer): ServerConfig =>
    s.auth === 'oauth2' && tokens ? { ...s, accessToken: tokens.provide } : s;
  return { account, tokens, incoming: withToken(account.incoming.server), smtp: withToken(account.smtp) };
}
