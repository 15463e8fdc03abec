/**
 * A real OAuth 2.0 / OpenID Connect provider on loopback for the tests (oauth2-mock-server: discovery, JWKS,
 * authorize, token with PKCE), with the bookkeeping a mail server needs: which access token belongs to which
 * user until when, refresh tokens that can be revoked (invalid_grant, RFC 6749 §5.2), and an RFC 7662
 * introspection endpoint that Dovecot's oauth2 passdb asks (test/servers/oauthstack.sh, introspection_mode = auth).
 * The "browser" is plain HTTP: `authorize(url)` follows the provider's redirect to the app's loopback listener.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { OAuth2Server } from 'oauth2-mock-server';

/** The port oauthstack.sh's Dovecot asks for introspection. */
export const OAUTHSTACK_PROVIDER_PORT = 16180;

interface Grant {
  readonly user: string;
  revoked: boolean;
}

export class TestOAuthProvider {
  readonly #mock = new OAuth2Server();
  readonly #server: http.Server;
  readonly #codes = new Map<string, string>();
  readonly #refresh = new Map<string, Grant>();
  readonly #access = new Map<string, { user: string; expiresAt: number; grant: Grant }>();
  /** Lifetime of new access tokens in seconds. */
  accessTtlSeconds = 3600;
  /** Token requests by grant type. */
  readonly requests = { authorization_code: 0, refresh_token: 0 };
  /** Introspections answered, active or not. */
  readonly introspections: { token: string; active: boolean }[] = [];
  issuer = '';
  /** Tests change the redirect the "person" sends back (an error, another state). */
  onAuthorize: ((redirect: URL) => void) | null = null;

  private constructor() {
    this.#server = http.createServer((req, res) => {
      if (req.url?.startsWith('/introspect') && req.headers.authorization) return this.#introspect(req, res);
      this.#mock.service.requestHandler(req, res);
    });
    // Every token unique (two tokens signed in the same second would otherwise be the same text).
    this.#mock.service.on('beforeTokenSigning', (token: { payload: Record<string, unknown> }) => {
      token.payload.jti = randomUUID();
    });
    this.#mock.service.on('beforeAuthorizeRedirect', (redirect: { url: URL }, req: http.IncomingMessage) => {
      const q = new URL(req.url ?? '/', 'http://x').searchParams;
      this.onAuthorize?.(redirect.url);
      const code = redirect.url.searchParams.get('code');
      if (code) this.#codes.set(code, q.get('login_hint') ?? 'nobody');
    });
    this.#mock.service.on(
      'beforeResponse',
      (
        response: { body: Record<string, unknown>; statusCode: number },
        req: http.IncomingMessage & { body: Record<string, string> },
      ) => {
        const body = req.body;
        let grant: Grant | undefined;
        if (body.grant_type === 'authorization_code') {
          this.requests.authorization_code++;
          const user = body.code ? this.#codes.get(body.code) : undefined;
          if (user) this.#codes.delete(body.code as string);
          grant = user ? { user, revoked: false } : undefined;
        } else if (body.grant_type === 'refresh_token') {
          this.requests.refresh_token++;
          const old = body.refresh_token ? this.#refresh.get(body.refresh_token) : undefined;
          grant = old && !old.revoked ? old : undefined;
        }
        if (!grant) {
          response.statusCode = 400;
          response.body = { error: 'invalid_grant', error_description: 'unknown, used or revoked grant' };
          return;
        }
        // Opaque access tokens (RFC 6749 §1.4 leaves the format to the provider): Dovecot 2.3's submission service
        // refuses an AUTH line longer than its command limit, which a signed JWT in XOAUTH2 exceeds.
        const access = `at-${randomUUID()}`;
        response.body.access_token = access;
        const refresh = String(response.body.refresh_token);
        this.#refresh.set(refresh, grant);
        this.#access.set(access, { user: grant.user, expiresAt: Date.now() + this.accessTtlSeconds * 1000, grant });
        response.body.expires_in = this.accessTtlSeconds;
        delete response.body.id_token; // the mail scopes ask for no ID token (as Microsoft's and Google's do not)
      },
    );
  }

  static async start(port = 0): Promise<TestOAuthProvider> {
    const p = new TestOAuthProvider();
    await p.#mock.issuer.keys.generate('RS256');
    await new Promise<void>((resolve, reject) => {
      p.#server.once('error', reject);
      p.#server.listen(port, '127.0.0.1', () => resolve());
    });
    p.issuer = `http://127.0.0.1:${(p.#server.address() as AddressInfo).port}`;
    p.#mock.issuer.url = p.issuer;
    return p;
  }

  /** Revokes every grant of a user (as "sign out everywhere" or a changed password does). */
  revoke(user: string): void {
    for (const g of this.#refresh.values()) if (g.user === user) g.revoked = true;
  }

  /** Ends every access token of a user now (as if an hour had passed). */
  expireAccessTokens(user: string): void {
    for (const a of this.#access.values()) if (a.user === user) a.expiresAt = 0;
  }

  /**
   * The browser's part: open the authorization URL, follow the provider's redirect to the app's loopback
   * listener, and return that listener's answer.
   */
  async authorize(url: string): Promise<{ status: number; text: string }> {
    const first = await fetch(url, { redirect: 'manual' });
    const location = first.headers.get('location');
    if (!location) throw new Error(`the provider did not redirect (${first.status})`);
    const back = await fetch(location);
    return { status: back.status, text: await back.text() };
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #introspect(req: http.IncomingMessage, res: http.ServerResponse): void {
    const token = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '');
    const a = this.#access.get(token);
    const active = !!a && a.expiresAt > Date.now() && !a.grant.revoked;
    this.introspections.push({ token, active });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(active && a ? { active: true, username: a.user, scope: 'mail' } : { active: false }));
  }
}
