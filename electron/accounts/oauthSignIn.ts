/**
 * First sign-in of a desktop app (RFC 8252): authorization code with PKCE (RFC 7636, S256) and a loopback
 * redirect. The authorization URL goes to an injected `openUrl` (the system browser; never an embedded page,
 * RFC 8252 §8.12); a one-shot HTTP listener on 127.0.0.1 and an ephemeral port (§7.3) receives the redirect,
 * checks `state` (RFC 6749 §10.12) and the code is exchanged through oauth4webapi.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as oauth from 'oauth4webapi';
import { AccountError } from './accountError.js';
import { providerError, type OAuthProvider } from './oauthProvider.js';

export interface SignInOptions {
  /** Hands the authorization URL to the system browser (tests fetch it themselves). */
  readonly openUrl: (url: string) => void | Promise<void>;
  /** The address the person signs in with; providers pre-fill it (login_hint). */
  readonly loginHint?: string;
  /** How long to wait for the browser to come back (default 5 minutes). */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly now?: () => number;
}

/** Plain data: what the sign-in got. The refresh token is for the token store only. */
export interface SignInResult {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
  readonly scope: string | null;
}

const CLOSE_PAGE = 'Signed in. You can close this browser tab and return to iMIP Companion.\n';
const FAILED_PAGE = 'The sign-in did not complete. Return to iMIP Companion for details.\n';

export async function signIn(provider: OAuthProvider, opts: SignInOptions): Promise<SignInResult> {
  const verifier = oauth.generateRandomCodeVerifier();
  const challenge = await oauth.calculatePKCECodeChallenge(verifier);
  const state = oauth.generateRandomState();
  if (!provider.server.authorization_endpoint) {
    throw new AccountError('AUTH_PROVIDER', `The provider ${provider.server.issuer} names no authorization endpoint.`);
  }
  const listener = await listenOnLoopback();
  try {
    const redirectUri = `http://127.0.0.1:${listener.port}/callback`;
    const url = new URL(provider.server.authorization_endpoint);
    const params: Record<string, string> = {
      client_id: provider.client.client_id,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: provider.scopes.join(' '),
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state,
      ...provider.authParams,
      ...(opts.loginHint ? { login_hint: opts.loginHint } : {}),
    };
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const callback = listener.next(opts.timeoutMs ?? 300_000, opts.signal);
    // Observed here so a failing openUrl does not leave the wait's rejection unhandled.
    callback.catch(() => undefined);
    await opts.openUrl(url.href);
    const { query, answer } = await callback;
    let callbackParams: URLSearchParams;
    try {
      callbackParams = oauth.validateAuthResponse(provider.server, provider.client, query, state);
    } catch (e) {
      answer(400, FAILED_PAGE);
      if (e instanceof oauth.AuthorizationResponseError && e.error === 'access_denied') {
        throw new AccountError('AUTH_CANCELLED', 'The sign-in was refused or cancelled in the browser.', { cause: e });
      }
      throw providerError(e, 'The provider answered the sign-in with an error');
    }
    answer(200, CLOSE_PAGE);
    return await exchangeCode(provider, callbackParams, redirectUri, verifier, opts.now ?? Date.now);
  } finally {
    listener.close();
  }
}

async function exchangeCode(
  provider: OAuthProvider,
  params: URLSearchParams,
  redirectUri: string,
  verifier: string,
  now: () => number,
): Promise<SignInResult> {
  let tokens: oauth.TokenEndpointResponse;
  try {
    const response = await oauth.authorizationCodeGrantRequest(
      provider.server,
      provider.client,
      provider.clientAuth,
      params,
      redirectUri,
      verifier,
      provider.requestOptions,
    );
    tokens = await oauth.processAuthorizationCodeResponse(provider.server, provider.client, response);
  } catch (e) {
    throw providerError(e, 'The sign-in code could not be exchanged for tokens');
  }
  if (!tokens.refresh_token) {
    // Without it the account stops working within the hour; Microsoft needs offline_access, Google access_type=offline.
    throw new AccountError(
      'AUTH_PROVIDER',
      'The provider returned no refresh token, so the account could not keep working unattended.',
    );
  }
  return {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    expiresAt: now() + (tokens.expires_in ?? 3600) * 1000,
    scope: tokens.scope ?? null,
  };
}

interface Callback {
  readonly query: URL;
  readonly answer: (status: number, text: string) => void;
}

interface LoopbackListener {
  readonly port: number;
  next(timeoutMs: number, signal?: AbortSignal): Promise<Callback>;
  close(): void;
}

/** A listener on 127.0.0.1 (not "localhost", RFC 8252 §8.3) that answers only GET /callback. */
async function listenOnLoopback(): Promise<LoopbackListener> {
  let deliver: ((c: Callback) => void) | null = null;
  let stopWaiting: (() => void) | null = null;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== '/callback' || !deliver) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
      return;
    }
    const d = deliver;
    deliver = null;
    // Plain text only: nothing from the query is ever echoed back as HTML.
    d({
      query: url,
      answer: (status, text) =>
        res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(text),
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    next: (timeoutMs, signal) =>
      new Promise<Callback>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new AccountError('AUTH_CANCELLED', 'The sign-in was not completed in the browser in time.')),
          timeoutMs,
        );
        const abort = (): void => reject(new AccountError('AUTH_CANCELLED', 'The sign-in was cancelled.'));
        signal?.addEventListener('abort', abort, { once: true });
        stopWaiting = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', abort);
        };
        deliver = (c) => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', abort);
          resolve(c);
        };
      }),
    close: () => {
      stopWaiting?.();
      deliver = null;
      server.closeAllConnections();
      server.close();
    },
  };
}
