/**
 * Access tokens for one account: the cached one while it is valid, otherwise a refresh (RFC 6749 §6) with the
 * refresh token from the account's TokenStore, started `refreshEarlyMs` before the expiry so a connection never
 * starts with a token about to lapse. Concurrent callers share one refresh. A refused refresh token
 * (invalid_grant: revoked, expired, password changed) is AUTH_SIGN_IN_AGAIN, reported once through
 * `onSignInNeeded`; the refresh token is kept, so nothing is lost if the provider only hiccupped.
 *
 * `provide` is what ImapAccount.accessToken / SmtpAccount.accessToken take: one AccessTokens per account, so a
 * token only ever reaches the servers of the account it was issued for.
 */
import * as oauth from 'oauth4webapi';
import { AccountError } from './accountError.js';
import { providerError, type OAuthProvider } from './oauthProvider.js';
import type { SignInResult } from './oauthSignIn.js';
import type { TokenStore } from './tokenStore.js';

export interface AccessTokensOptions {
  readonly now?: () => number;
  /** Refresh this long before the expiry (default 5 minutes). */
  readonly refreshEarlyMs?: number;
  /** Called when the person must sign in again (once until a refresh succeeds again). */
  readonly onSignInNeeded?: (error: AccountError) => void;
}

export interface AccessTokenState {
  readonly signedIn: boolean;
  /** Epoch ms of the cached access token's expiry, or null. */
  readonly expiresAt: number | null;
  readonly refreshes: number;
  readonly error: { readonly code: string; readonly message: string } | null;
}

export class AccessTokens {
  readonly #provider: OAuthProvider;
  readonly #accountId: string;
  readonly #store: TokenStore;
  readonly #now: () => number;
  readonly #early: number;
  readonly #onSignInNeeded: (error: AccountError) => void;
  #cached: { token: string; expiresAt: number } | null = null;
  #inFlight: Promise<string> | null = null;
  #refreshes = 0;
  #error: AccountError | null = null;
  /** The refresh token the provider refused: not sent again; a new sign-in stores a different one. */
  #refused: string | null = null;

  constructor(provider: OAuthProvider, accountId: string, store: TokenStore, opts: AccessTokensOptions = {}) {
    this.#provider = provider;
    this.#accountId = accountId;
    this.#store = store;
    this.#now = opts.now ?? Date.now;
    this.#early = opts.refreshEarlyMs ?? 300_000;
    this.#onSignInNeeded = opts.onSignInNeeded ?? (() => undefined);
  }

  /** After a sign-in: keep the refresh token, use the access token until it is due. */
  async signedIn(result: SignInResult): Promise<void> {
    await this.#store.set(this.#accountId, result.refreshToken);
    this.#cached = { token: result.accessToken, expiresAt: result.expiresAt };
    this.#error = null;
  }

  /** The hook for imapflow / nodemailer. */
  readonly provide = (): Promise<string> => this.get();

  async get(): Promise<string> {
    const c = this.#cached;
    if (c && this.#now() < c.expiresAt - this.#early) return c.token;
    this.#inFlight ??= this.#refresh().finally(() => {
      this.#inFlight = null;
    });
    return this.#inFlight;
  }

  state(): AccessTokenState {
    return {
      signedIn: this.#error?.code !== 'AUTH_SIGN_IN_AGAIN',
      expiresAt: this.#cached?.expiresAt ?? null,
      refreshes: this.#refreshes,
      error: this.#error ? this.#error.toJSON() : null,
    };
  }

  async #refresh(): Promise<string> {
    const refreshToken = await this.#store.get(this.#accountId);
    if (!refreshToken)
      return this.#fail(new AccountError('AUTH_SIGN_IN_AGAIN', 'not signed in yet; sign in to the account.'));
    if (refreshToken === this.#refused && this.#error) throw this.#error;
    let tokens: oauth.TokenEndpointResponse;
    try {
      const p = this.#provider;
      const response = await oauth.refreshTokenGrantRequest(
        p.server,
        p.client,
        p.clientAuth,
        refreshToken,
        p.requestOptions,
      );
      tokens = await oauth.processRefreshTokenResponse(p.server, p.client, response);
    } catch (e) {
      // RFC 6749 §5.2: invalid_grant means the refresh token is no longer valid; nothing but a sign-in helps.
      if (e instanceof oauth.ResponseBodyError && e.error === 'invalid_grant') {
        this.#cached = null;
        this.#refused = refreshToken;
        return this.#fail(
          new AccountError(
            'AUTH_SIGN_IN_AGAIN',
            `the provider no longer accepts this sign-in (${e.error_description ?? e.error}); sign in again.`,
            { cause: e },
          ),
        );
      }
      const error = providerError(e, 'the access token could not be refreshed');
      this.#error = error;
      throw error;
    }
    if (tokens.refresh_token && tokens.refresh_token !== refreshToken)
      await this.#store.set(this.#accountId, tokens.refresh_token);
    this.#cached = { token: tokens.access_token, expiresAt: this.#now() + (tokens.expires_in ?? 3600) * 1000 };
    this.#refreshes++;
    this.#error = null;
    return tokens.access_token;
  }

  #fail(error: AccountError): never {
    const first = this.#error?.code !== error.code;
    this.#error = error;
    if (first) this.#onSignInNeeded(error);
    throw error;
  }
}
