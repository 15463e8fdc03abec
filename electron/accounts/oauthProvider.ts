/**
 * OAuth 2.0 providers for mail accounts, as plain settings in and an oauth4webapi authorization server out.
 * Owns the presets: Microsoft identity platform (IMAP, SMTP and POP scopes of Exchange Online plus
 * offline_access for a refresh token), Google (full mail scope https://mail.google.com/ and the CalDAV scope)
 * and any OpenID Connect issuer found by discovery (OpenID Connect Discovery 1.0 §4, RFC 8414).
 *
 * Client IDs are settings (README: registering the app). Desktop apps are public clients (RFC 8252 §8.4): no
 * secret, PKCE instead; Google's "Desktop app" clients still send their (non-secret) client secret.
 */
import * as oauth from 'oauth4webapi';
import type { OAuthProviderSettings } from '../../shared/model/oauthSettings.js';
import { AccountError } from './accountError.js';

/** Everything the sign-in and the refresh need, resolved once per account. */
export interface OAuthProvider {
  readonly name: OAuthProviderSettings['provider'];
  readonly server: oauth.AuthorizationServer;
  readonly client: oauth.Client;
  readonly clientAuth: oauth.ClientAuth;
  readonly scopes: readonly string[];
  /** Extra authorization request parameters (Google needs access_type=offline for a refresh token). */
  readonly authParams: Readonly<Record<string, string>>;
  /** oauth4webapi request options: the injected fetch, and plain http only for a loopback issuer (tests). */
  readonly requestOptions: { [oauth.customFetch]?: typeof fetch; [oauth.allowInsecureRequests]?: boolean };
}

const MS_SCOPES = [
  'https://outlook.office.com/IMAP.AccessAsUser.All',
  'https://outlook.office.com/SMTP.Send',
  'offline_access',
];
const MS_POP_SCOPE = 'https://outlook.office.com/POP.AccessAsUser.All';
const GOOGLE_MAIL_SCOPE = 'https://mail.google.com/';
const GOOGLE_CALDAV_SCOPE = 'https://www.googleapis.com/auth/calendar';

export interface ResolveOptions {
  readonly fetch?: typeof fetch;
}

export async function resolveProvider(
  settings: OAuthProviderSettings,
  opts: ResolveOptions = {},
): Promise<OAuthProvider> {
  if (!settings.clientId)
    throw new AccountError(
      'CONFIG_INVALID',
      `No client ID is set for ${settings.provider} (see README: registering the app).`,
    );
  const fetchOpt = opts.fetch ? { [oauth.customFetch]: opts.fetch } : {};
  switch (settings.provider) {
    case 'microsoft': {
      // The multi-tenant "common" endpoint; its discovery document names a templated issuer that no strict
      // client accepts, and without the openid scope no ID token is returned, so the endpoints are fixed here.
      const tenant = encodeURIComponent(settings.tenant ?? 'common');
      const base = `https://login.microsoftonline.com/${tenant}/oauth2/v2.0`;
      return {
        name: 'microsoft',
        server: {
          issuer: `https://login.microsoftonline.com/${tenant}/v2.0`,
          authorization_endpoint: `${base}/authorize`,
          token_endpoint: `${base}/token`,
        },
        client: { client_id: settings.clientId },
        clientAuth: oauth.None(),
        scopes: settings.pop3 ? [...MS_SCOPES, MS_POP_SCOPE] : MS_SCOPES,
        authParams: {},
        requestOptions: fetchOpt,
      };
    }
    case 'google':
      return {
        name: 'google',
        server: {
          issuer: 'https://accounts.google.com',
          authorization_endpoint: 'https://accounts.google.com/o/oauth2/v2/auth',
          token_endpoint: 'https://oauth2.googleapis.com/token',
        },
        client: { client_id: settings.clientId },
        clientAuth: settings.clientSecret ? oauth.ClientSecretPost(settings.clientSecret) : oauth.None(),
        scopes: settings.caldav === false ? [GOOGLE_MAIL_SCOPE] : [GOOGLE_MAIL_SCOPE, GOOGLE_CALDAV_SCOPE],
        // Google issues a refresh token only for access_type=offline, and again only with prompt=consent.
        authParams: { access_type: 'offline', prompt: 'consent' },
        requestOptions: fetchOpt,
      };
    case 'oidc':
      return resolveOidc(settings, fetchOpt);
  }
}

async function resolveOidc(
  settings: Extract<OAuthProviderSettings, { provider: 'oidc' }>,
  fetchOpt: OAuthProvider['requestOptions'],
): Promise<OAuthProvider> {
  let issuer: URL;
  try {
    issuer = new URL(settings.issuer);
  } catch {
    throw new AccountError('CONFIG_INVALID', `The issuer ${settings.issuer} is not a URL.`);
  }
  const requestOptions = { ...fetchOpt, ...(isLoopbackHttp(issuer) ? { [oauth.allowInsecureRequests]: true } : {}) };
  let server: oauth.AuthorizationServer;
  try {
    const response = await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...requestOptions });
    server = await oauth.processDiscoveryResponse(issuer, response);
  } catch (e) {
    throw providerError(e, `The OpenID Connect discovery of ${issuer.href} failed`);
  }
  return {
    name: 'oidc',
    server,
    client: { client_id: settings.clientId },
    clientAuth: settings.clientSecret ? oauth.ClientSecretPost(settings.clientSecret) : oauth.None(),
    scopes: settings.scopes ?? ['openid', 'email', 'offline_access'],
    authParams: {},
    requestOptions,
  };
}

/** RFC 8252 §8.3 allows http only for the loopback redirect; we allow it for a loopback issuer too (test servers). */
export function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && /^(127(\.\d{1,3}){3}|\[::1\]|localhost)$/i.test(url.hostname);
}

/** A thrown fetch/oauth4webapi error as an AccountError: unreachable vs. an answer we cannot use. */
export function providerError(e: unknown, what: string): AccountError {
  if (e instanceof AccountError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (
    e instanceof oauth.ResponseBodyError ||
    e instanceof oauth.OperationProcessingError ||
    e instanceof oauth.AuthorizationResponseError
  ) {
    return new AccountError('AUTH_PROVIDER', `${what}: ${message}`, { cause: e });
  }
  return new AccountError('AUTH_UNREACHABLE', `${what}: ${message}`, { cause: e });
}
