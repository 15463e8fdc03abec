/**
 * The sign-in's failure paths against the loopback provider (no mail server needed), and the provider presets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveProvider, type OAuthProvider } from '../../../electron/accounts/oauthProvider.js';
import { signIn } from '../../../electron/accounts/oauthSignIn.js';
import { TestOAuthProvider } from '../../servers/oauthProvider.js';

describe('signIn failures', () => {
  let idp: TestOAuthProvider;
  let provider: OAuthProvider;
  beforeAll(async () => {
    idp = await TestOAuthProvider.start();
    provider = await resolveProvider({
      provider: 'oidc',
      issuer: idp.issuer,
      clientId: 'c',
      scopes: ['openid', 'offline_access'],
    });
  });
  afterAll(() => idp.stop());

  async function attempt(): Promise<{ error: unknown; page: { status: number; text: string } | null }> {
    let page: Promise<{ status: number; text: string }> | null = null;
    const error = await signIn(provider, {
      loginHint: 'a@b.example',
      openUrl: (u) => void (page = idp.authorize(u)),
    }).then(
      () => null,
      (e: unknown) => e,
    );
    return { error, page: page ? await page : null };
  }

  it('a refusal in the browser is AUTH_CANCELLED, and the page says so in plain text', async () => {
    idp.onAuthorize = (u) => {
      u.searchParams.delete('code');
      u.searchParams.set('error', 'access_denied');
    };
    const { error, page } = await attempt();
    idp.onAuthorize = null;
    expect(error).toMatchObject({ code: 'AUTH_CANCELLED' });
    expect(page?.status).toBe(400);
    expect(page?.text).not.toMatch(/</);
  });

  it('a redirect with another state is refused (RFC 6749 §10.12) and no code is exchanged', async () => {
    const before = idp.requests.authorization_code;
    idp.onAuthorize = (u) => u.searchParams.set('state', 'forged');
    const { error } = await attempt();
    idp.onAuthorize = null;
    expect(error).toMatchObject({ code: 'AUTH_PROVIDER' });
    expect(idp.requests.authorization_code).toBe(before);
  });

  it('a browser that never comes back times out as AUTH_CANCELLED; a failing openUrl is passed on', async () => {
    await expect(signIn(provider, { openUrl: () => undefined, timeoutMs: 200 })).rejects.toMatchObject({
      code: 'AUTH_CANCELLED',
    });
    await expect(
      signIn(provider, {
        openUrl: () => {
          throw new Error('no browser');
        },
      }),
    ).rejects.toThrow('no browser');
  });

  it('an unreachable issuer is AUTH_UNREACHABLE; http to a remote issuer is refused', async () => {
    await expect(
      resolveProvider({ provider: 'oidc', issuer: 'http://127.0.0.1:1/', clientId: 'c' }),
    ).rejects.toMatchObject({ code: 'AUTH_UNREACHABLE' });
    await expect(
      resolveProvider({ provider: 'oidc', issuer: 'http://login.example.com/', clientId: 'c' }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/^AUTH_/) });
  });
});

describe('provider presets', () => {
  it('Microsoft: IMAP and SMTP scopes with offline_access, public client, tenant in the endpoints', async () => {
    const p = await resolveProvider({ provider: 'microsoft', clientId: 'id', tenant: 'contoso.example' });
    expect(p.scopes).toEqual([
      'https://outlook.office.com/IMAP.AccessAsUser.All',
      'https://outlook.office.com/SMTP.Send',
      'offline_access',
    ]);
    expect(p.server.token_endpoint).toBe('https://login.microsoftonline.com/contoso.example/oauth2/v2.0/token');
  });

  it('Google: the mail scope and the CalDAV scope, offline access with consent', async () => {
    const p = await resolveProvider({ provider: 'google', clientId: 'id', clientSecret: 'not-secret' });
    expect(p.scopes).toEqual(['https://mail.google.com/', 'https://www.googleapis.com/auth/calendar']);
    expect(p.authParams).toEqual({ access_type: 'offline', prompt: 'consent' });
  });

  it('a missing client ID is CONFIG_INVALID', async () => {
    await expect(resolveProvider({ provider: 'google', clientId: '' })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
  });
});
