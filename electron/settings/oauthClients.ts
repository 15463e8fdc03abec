/**
 * The client IDs this installation signs in to Microsoft and Google with (README: registering the app). Desktop
 * apps are public clients (RFC 8252 §8.4), so an ID is not a secret; it comes from the environment, so a packager
 * or an administrator sets it without a rebuild. Any other provider is an OpenID Connect issuer whose client ID
 * the person types in the account form.
 */
export interface OAuthClients {
  readonly microsoft?: { readonly clientId: string; readonly tenant?: string };
  readonly google?: { readonly clientId: string; readonly clientSecret?: string };
}

export function oauthClientsFromEnv(env: NodeJS.ProcessEnv = process.env): OAuthClients {
  const tenant = env.IMIP_MICROSOFT_TENANT;
  return {
    ...(env.IMIP_MICROSOFT_CLIENT_ID
      ? { microsoft: { clientId: env.IMIP_MICROSOFT_CLIENT_ID, ...(tenant ? { tenant } : {}) } }
      : {}),
    ...(env.IMIP_GOOGLE_CLIENT_ID
      ? {
          google: {
            clientId: env.IMIP_GOOGLE_CLIENT_ID,
            ...(env.IMIP_GOOGLE_CLIENT_SECRET ? { clientSecret: env.IMIP_GOOGLE_CLIENT_SECRET } : {}),
          },
        }
      : {}),
  };
}
