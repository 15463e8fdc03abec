/**
 * An account's OAuth 2.0 provider as plain settings: what the configuration file (electron/settings/
 * accountsConfig.ts) reads and the sign-in (electron/accounts/oauthProvider.ts) resolves into endpoints, scopes
 * and a client. Client IDs are settings (README: registering the app).
 */
export type OAuthProviderSettings =
  | { readonly provider: 'microsoft'; readonly clientId: string; readonly tenant?: string; readonly pop3?: boolean }
  | {
      readonly provider: 'google';
      readonly clientId: string;
      readonly clientSecret?: string;
      readonly caldav?: boolean;
    }
  | {
      readonly provider: 'oidc';
      readonly issuer: string;
      readonly clientId: string;
      readonly clientSecret?: string;
      readonly scopes?: readonly string[];
    };
