/**
 * The account part of the app service against a real OpenID Connect provider on loopback (oauth2-mock-server):
 * a new account signed in through the loopback redirect and saved with that sign-in, a token only ever offered
 * to the servers of the account it belongs to, a lapsed sign-in shown and renewed, removal forgetting secrets,
 * and the web host's own account files kept 0600.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MailAccountInput, ServerSettings } from '../../../shared/ipc/contract.js';
import type { ConnectionTester, TestAccount } from '../../../electron/app/connectionTester.js';
import { AccountError } from '../../../electron/accounts/accountError.js';
import { FileMailAccounts, passwordKey } from '../../../electron/settings/mailAccounts.js';
import { FileSecretStore } from '../../../electron/settings/secretStore.js';
import { appAgentConfig } from '../../../electron/settings/appAgentConfig.js';
import { prepareAccount } from '../../../electron/companion/accountRuntime.js';
import { TestOAuthProvider } from '../../servers/oauthProvider.js';
import { openTestApp, type TestApp } from './appFixtures.js';

let idp: TestOAuthProvider;
let app: TestApp | undefined;
beforeAll(async () => {
  idp = await TestOAuthProvider.start();
});
afterAll(async () => {
  await idp.stop();
});
afterEach(() => {
  app?.cleanup();
  app = undefined;
});

function value<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
}

const server = (host: string, user: string, port = 993): ServerSettings => ({ host, port, security: 'tls', user });

function oauthInput(user: string, host: string, flowId: string | null, id: string | null = null): MailAccountInput {
  return {
    id,
    me: [user],
    protocol: 'imap',
    incoming: server(`imap.${host}`, user),
    smtp: server(`smtp.${host}`, user, 465),
    auth: { kind: 'oauth2', oauth: { provider: 'oidc', issuer: idp.issuer, clientId: 'companion' }, flowId },
  };
}

/** Signs in through the app's API, the "browser" following the provider's redirect to the loopback listener. */
async function signIn(a: TestApp, user: string, accountId?: string): Promise<string> {
  const start = value(
    await a.api.beginSignIn(
      accountId
        ? { accountId }
        : { oauth: { provider: 'oidc', issuer: idp.issuer, clientId: 'companion' }, loginHint: user },
    ),
  );
  expect(new URL(start.url).searchParams.get('code_challenge_method')).toBe('S256');
  const page = await idp.authorize(start.url);
  expect(page.status).toBe(200);
  value(await a.api.finishSignIn({ flowId: start.flowId }));
  return start.flowId;
}

async function introspect(token: string): Promise<{ active: boolean; username?: string }> {
  const r = await fetch(`${idp.issuer}/introspect`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  return (await r.json()) as { active: boolean; username?: string };
}

/** A tester that records each login and the token it was offered (never connects anywhere). */
function recordingTester(seen: { host: string; token: string | null; password: string | null }[]): ConnectionTester {
  const record = async (a: TestAccount) => {
    seen.push({ host: a.host, token: a.accessToken ? await a.accessToken() : null, password: a.password ?? null });
    return { ok: true as const };
  };
  return { imap: { testConnection: record }, smtp: { testConnection: record }, pop3: { testConnection: record } };
}

describe('accounts in the app service', () => {
  it('signs a new account in with PKCE through the loopback redirect and saves it with that sign-in once', async () => {
    app = await openTestApp();
    const saved = vi.fn();
    app.service.onAccountsSaved(saved);
    const flowId = await signIn(app, 'ann@oauth.test');
    const view = value(await app.api.saveMailAccount(oauthInput('ann@oauth.test', 'ann.test', flowId)));
    expect(view.accounts).toMatchObject([
      { id: 'ann@oauth.test', auth: 'oauth2', hasSecret: true, health: 'ok', oauth: { provider: 'oidc' } },
    ]);
    expect(saved).toHaveBeenCalledTimes(1);
    expect((await introspect((await app.tokens.get('ann@oauth.test'))!)).active).toBe(false); // a refresh token
    expect(app.data.config().me).toContain('ann@oauth.test');
    // The flow's tokens went to that account; the same flow cannot sign in a second one.
    expect(await app.api.saveMailAccount(oauthInput('bob@oauth.test', 'bob.test', flowId))).toMatchObject({
      ok: false,
      error: { code: 'SIGN_IN_FAILED' },
    });
  });

  it("never offers account A's token to account B's servers, in the test and in the running agents", async () => {
    const seen: { host: string; token: string | null; password: string | null }[] = [];
    app = await openTestApp({ tester: recordingTester(seen) });
    value(await app.api.saveMailAccount(oauthInput('ann@oauth.test', 'ann.test', await signIn(app, 'ann@oauth.test'))));
    value(await app.api.saveMailAccount(oauthInput('bob@oauth.test', 'bob.test', await signIn(app, 'bob@oauth.test'))));
    // A's id with B's servers: no token at all, nothing is connected to.
    const crossed = { ...oauthInput('bob@oauth.test', 'bob.test', null), id: 'ann@oauth.test' };
    expect(value(await app.api.testAccount(crossed)).imap).toMatchObject({ ok: false, code: 'SIGN_IN_NEEDED' });
    expect(seen).toEqual([]);
    // A's own servers: A's token, which the provider knows as A's.
    value(await app.api.testAccount(oauthInput('ann@oauth.test', 'ann.test', null, 'ann@oauth.test')));
    expect(seen.map((s) => s.host)).toEqual(['imap.ann.test', 'smtp.ann.test']);
    expect(await introspect(seen[0]!.token!)).toMatchObject({ active: true, username: 'ann@oauth.test' });

    // The agents: each account's servers get that account's token source only.
    const config = appAgentConfig(app.account.list(), app.secrets, app.data)!;
    const runtimes = await Promise.all(
      config.accounts!.map((a) => prepareAccount(a, { tokenStore: () => app!.tokens })),
    );
    const tokenOf = async (i: number) => {
      const rt = runtimes[i]!;
      const [incoming, smtp] = await Promise.all([rt.incoming.accessToken!(), rt.smtp.accessToken!()]);
      return { host: rt.incoming.host, incoming, smtp };
    };
    const [ann, bob] = [await tokenOf(0), await tokenOf(1)];
    expect(ann.host).toBe('imap.ann.test');
    expect((await introspect(ann.incoming)).username).toBe('ann@oauth.test');
    expect((await introspect(ann.smtp)).username).toBe('ann@oauth.test');
    expect(bob.host).toBe('imap.bob.test');
    expect((await introspect(bob.incoming)).username).toBe('bob@oauth.test');
    expect(bob.incoming).not.toBe(ann.incoming);
  });

  it('shows a lapsed sign-in, renews it for that account, and the agents restart', async () => {
    app = await openTestApp();
    value(await app.api.saveMailAccount(oauthInput('ann@oauth.test', 'ann.test', await signIn(app, 'ann@oauth.test'))));
    const changes: string[] = [];
    app.service.events.on('accountsChanged', (v) => changes.push(v.accounts[0]?.health ?? 'none'));
    const saved = vi.fn();
    app.service.onAccountsSaved(saved);
    const before = await app.tokens.get('ann@oauth.test');
    app.service.accountHealth.signInNeeded(
      'ann@oauth.test',
      new AccountError('AUTH_SIGN_IN_AGAIN', 'the provider no longer accepts this sign-in (invalid_grant)'),
    );
    await vi.waitFor(() => expect(changes).toEqual(['sign-in-needed']));
    expect(value(await app.api.listAccounts()).accounts[0]).toMatchObject({
      health: 'sign-in-needed',
      problem: expect.stringMatching(/invalid_grant/),
    });
    expect(saved).not.toHaveBeenCalled(); // health alone restarts nothing
    await signIn(app, 'ann@oauth.test', 'ann@oauth.test');
    expect(await app.tokens.get('ann@oauth.test')).not.toBe(before);
    expect(value(await app.api.listAccounts()).accounts[0]?.health).toBe('ok');
    expect(saved).toHaveBeenCalledTimes(1);
  });

  it('tells a refused password from an unreachable server, and forgets everything of a removed account', async () => {
    app = await openTestApp();
    const input: MailAccountInput = {
      me: ['pam@example.org'],
      protocol: 'pop3',
      incoming: server('pop.example.org', 'pam', 995),
      smtp: server('smtp.example.org', 'pam', 465),
      auth: { kind: 'password', password: 'pw' },
    };
    value(await app.api.saveMailAccount(input));
    const id = 'pam@example.org';
    const since = '2026-03-01T12:00:00Z';
    // The code tells them apart, whatever the server's words: here the server's text names no failure at all.
    app.service.accountHealth.connectionChanged(id, {
      state: 'offline',
      message: 'Cannot reach pop.example.org: -ERR Nope. (retrying)',
      code: 'AUTH_REFUSED',
      server: 'pop3',
      details: [{ key: 'ui.connection.unreachable', params: { host: 'pop.example.org', error: '-ERR Nope.' } }],
      since,
    });
    expect(value(await app.api.listAccounts()).accounts[0]).toMatchObject({
      health: 'password-needed',
      problemCode: 'AUTH_REFUSED',
      problem: '-ERR Nope.',
      reason: { key: 'accounts.problem.AUTH_REFUSED', params: { account: id, server: 'POP3', detail: '-ERR Nope.' } },
    });
    app.service.accountHealth.connectionChanged(id, {
      state: 'offline',
      message: 'Cannot reach pop.example.org: Authentication failed (retrying)',
      code: 'CONNECT_FAILED',
      server: 'pop3',
      since,
    });
    expect(value(await app.api.listAccounts()).accounts[0]).toMatchObject({
      health: 'unreachable',
      problemCode: 'CONNECT_FAILED',
    });
    // Changed servers need the password typed again: a stored one only goes where it was stored for.
    const moved = {
      ...input,
      id,
      incoming: server('pop.elsewhere.example', 'pam', 995),
      auth: { kind: 'password', password: '' },
    } as const;
    expect(await app.api.saveMailAccount(moved)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', reason: { key: 'accounts.form.passwordAgain' } },
    });
    expect(value(await app.api.removeAccount({ id })).accounts).toEqual([]);
    expect(app.secrets.has(passwordKey(id, 'incoming'))).toBe(false);
    expect(app.secrets.has(passwordKey(id, 'smtp'))).toBe(false);
  });

  it("keeps the web host's own accounts and passwords in files only the user can read", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'imip-accounts-'));
    try {
      const accounts = new FileMailAccounts(path.join(dir, 'a', 'accounts.json'));
      const secrets = new FileSecretStore(path.join(dir, 'a', 'secrets.json'));
      accounts.save({
        id: 'x',
        me: ['x@example.org'],
        protocol: 'imap',
        incoming: server('imap.example.org', 'x'),
        smtp: server('smtp.example.org', 'x', 465),
        auth: 'password',
        oauth: null,
      });
      secrets.set(passwordKey('x', 'incoming'), 'pw');
      expect(new FileMailAccounts(path.join(dir, 'a', 'accounts.json')).list()).toHaveLength(1);
      expect(new FileSecretStore(path.join(dir, 'a', 'secrets.json')).get('x:incoming')).toBe('pw');
      for (const f of ['accounts.json', 'secrets.json']) expect(statSync(path.join(dir, 'a', f)).mode & 0o077).toBe(0);
      secrets.delete('x:incoming');
      expect(secrets.has('x:incoming')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
