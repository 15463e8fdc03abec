/**
 * OAuth 2.0 sign-in end to end: PKCE with a loopback redirect against a real provider on loopback (the
 * "browser" is plain HTTP), then IMAP (XOAUTH2) and SMTP submission (XOAUTH2) against a Dovecot that checks
 * the bearer token by introspection, a refresh before the expiry, and a revoked refresh token.
 */
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessTokens } from '../../electron/accounts/accessTokens.js';
import { isAccountError, type AccountError } from '../../electron/accounts/accountError.js';
import { resolveProvider, type OAuthProvider } from '../../electron/accounts/oauthProvider.js';
import { signIn } from '../../electron/accounts/oauthSignIn.js';
import { FileTokenStore } from '../../electron/accounts/tokenStore.js';
import { openClient } from '../../electron/mail/imap/clientOptions.js';
import { SmtpSender } from '../../electron/mail/smtp/smtpSender.js';
import { Pop3Client } from '../../electron/mail/pop3/pop3Client.js';
import { OAUTHSTACK_PROVIDER_PORT, TestOAuthProvider } from '../servers/oauthProvider.js';
import { newStackUser, OAUTH_PORTS, oauthstackAvailable, oauthstackCa } from '../servers/oauthstack.js';

const run = oauthstackAvailable() ? describe : describe.skip;

run('OAuth sign-in against Dovecot', () => {
  let idp: TestOAuthProvider;
  let provider: OAuthProvider;
  const ca = oauthstackAvailable() ? oauthstackCa() : '';

  beforeAll(async () => {
    idp = await TestOAuthProvider.start(OAUTHSTACK_PROVIDER_PORT);
    provider = await resolveProvider({
      provider: 'oidc',
      issuer: idp.issuer,
      clientId: 'imip-companion-test',
      scopes: ['openid', 'offline_access', 'mail'],
    });
  });
  afterAll(async () => {
    await idp?.stop();
  });

  async function signedInUser(now: () => number, onSignInNeeded?: (e: AccountError) => void) {
    const u = newStackUser('oauth');
    let authUrl = '';
    let browser: Promise<{ status: number; text: string }> | null = null;
    const result = await signIn(provider, {
      loginHint: u.user,
      now,
      openUrl: (url) => {
        authUrl = url;
        browser = idp.authorize(url);
      },
    });
    const dir = await mkdtemp(path.join(tmpdir(), 'imip-oauth-'));
    const store = new FileTokenStore(path.join(dir, 'tokens.json'));
    const tokens = new AccessTokens(provider, u.user, store, {
      now,
      refreshEarlyMs: 60_000,
      ...(onSignInNeeded ? { onSignInNeeded } : {}),
    });
    await tokens.signedIn(result);
    return { u, result, tokens, store, dir, authUrl, page: await browser! };
  }

  const imapAccount = (user: string, tokens: AccessTokens) => ({
    host: '127.0.0.1',
    port: OAUTH_PORTS.imaps,
    security: 'tls' as const,
    user,
    accessToken: tokens.provide,
    ca,
  });

  it('signs in with PKCE over a loopback redirect and logs in to IMAP and SMTP with the bearer token', async () => {
    const { u, result, tokens, dir, authUrl, page } = await signedInUser(Date.now);
    const q = new URL(authUrl).searchParams;
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(q.get('login_hint')).toBe(u.user);
    expect(page.status).toBe(200);
    expect(result.refreshToken).toBeTruthy();
    const file = path.join(dir, 'tokens.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ [u.user]: result.refreshToken });

    const client = await openClient(imapAccount(u.user, tokens));
    const box = await client.mailboxOpen('INBOX');
    expect(box.path).toBe('INBOX');
    await client.logout();

    const smtp = new SmtpSender({
      host: '127.0.0.1',
      port: OAUTH_PORTS.submission,
      security: 'starttls',
      user: u.user,
      accessToken: tokens.provide,
      ca,
    });
    const sent = await smtp.send(
      Buffer.from(
        `From: ${u.user}\r\nTo: alice@example.test\r\nSubject: bearer\r\nMessage-ID: <bearer-${Date.now()}@oauth.test>\r\n\r\nhello\r\n`,
      ),
      { from: u.user, to: ['alice@example.test'] },
    );
    smtp.close();
    expect(sent, JSON.stringify(sent)).toMatchObject({ ok: true });
    expect(idp.introspections.filter((i) => i.token === result.accessToken && i.active).length).toBeGreaterThanOrEqual(
      2,
    );
  });

  it('POP3 logs in with the same bearer token (SASL XOAUTH2, RFC 5034)', async () => {
    const { u, result, tokens } = await signedInUser(Date.now);
    const pop = await Pop3Client.connect({
      host: '127.0.0.1',
      port: OAUTH_PORTS.pop3s,
      security: 'tls',
      user: u.user,
      accessToken: tokens.provide,
      ca,
    });
    expect(await pop.uidl()).toEqual([]);
    await pop.quit();
    expect(idp.introspections.some((i) => i.token === result.accessToken && i.active)).toBe(true);
    idp.expireAccessTokens(u.user);
    await expect(
      Pop3Client.connect({
        host: '127.0.0.1',
        port: OAUTH_PORTS.pop3s,
        security: 'tls',
        user: u.user,
        accessToken: tokens.provide,
        ca,
      }),
    ).rejects.toMatchObject({ code: 'AUTH' });
  });

  it('a wrong or expired token is refused by the server', async () => {
    const { u, tokens } = await signedInUser(Date.now);
    idp.expireAccessTokens(u.user);
    await expect(openClient(imapAccount(u.user, tokens))).rejects.toBeTruthy();
  });

  it('refreshes the access token before it expires, and the new one logs in', async () => {
    let clock = Date.now();
    const { u, result, tokens } = await signedInUser(() => clock);
    const before = idp.requests.refresh_token;
    expect(await tokens.get()).toBe(result.accessToken);
    // 3,540 s later the token has 60 s left: inside refreshEarlyMs, so it is replaced before it lapses.
    clock += 3_540_000;
    idp.expireAccessTokens(u.user);
    const fresh = await tokens.get();
    expect(fresh).not.toBe(result.accessToken);
    expect(idp.requests.refresh_token).toBe(before + 1);
    expect(tokens.state()).toMatchObject({ signedIn: true, refreshes: 1 });
    const client = await openClient(imapAccount(u.user, tokens));
    await client.logout();
  });

  it('a revoked refresh token is AUTH_SIGN_IN_AGAIN, reported once, and the stored token is kept', async () => {
    let clock = Date.now();
    const reported: AccountError[] = [];
    const { u, result, tokens, store } = await signedInUser(
      () => clock,
      (e) => reported.push(e),
    );
    idp.revoke(u.user);
    clock += 3_600_000;
    const first = await tokens.get().catch((e: unknown) => e);
    expect(isAccountError(first, 'AUTH_SIGN_IN_AGAIN')).toBe(true);
    await expect(tokens.get()).rejects.toMatchObject({ code: 'AUTH_SIGN_IN_AGAIN' });
    expect(reported).toHaveLength(1);
    expect(tokens.state()).toMatchObject({ signedIn: false, error: { code: 'AUTH_SIGN_IN_AGAIN' } });
    expect(await store.get(u.user)).toBe(result.refreshToken);
    // The IMAP hook fails as a login failure, not a crash.
    await expect(openClient(imapAccount(u.user, tokens))).rejects.toMatchObject({
      code: 'AUTH',
      cause: { code: 'AUTH_SIGN_IN_AGAIN' },
    });
  });
});
