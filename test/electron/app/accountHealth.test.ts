/**
 * An account's health as the app service keeps it: coded problems (never told from a server's words), the
 * activity list's one entry per failing episode and one when the account works again (kept across restarts),
 * editing an account (identities, servers, password), the POP scope for a Microsoft POP3 account, and the form's
 * errors worded from the catalogue.
 */
import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import type {
  ActivityEntry,
  ConnectionStatus,
  MailAccountInput,
  ServerSettings,
} from '../../../shared/ipc/contract.js';
import { AccountActivity, readAccountActivity } from '../../../electron/app/accountActivity.js';
import { passwordKey } from '../../../electron/settings/mailAccounts.js';
import { english } from '../../../shared/i18n/index.js';
import { openTestApp, type TestApp } from './appFixtures.js';

let app: TestApp | undefined;
afterEach(() => {
  app?.cleanup();
  app = undefined;
});

function value<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.value;
}

const server = (host: string, user: string, port = 993): ServerSettings => ({ host, port, security: 'tls', user });
const since = '2026-03-01T12:00:00Z';

const input = (over: Partial<MailAccountInput> = {}): MailAccountInput => ({
  me: ['pam@example.org'],
  protocol: 'imap',
  incoming: server('imap.example.org', 'pam'),
  smtp: server('smtp.example.org', 'pam', 465),
  auth: { kind: 'password', password: 'pw' },
  ...over,
});

function refused(detail: string): ConnectionStatus {
  return {
    state: 'offline',
    message: `Cannot reach imap.example.org: ${detail} (retrying)`,
    code: 'AUTH_REFUSED',
    server: 'imap',
    details: [{ key: 'accounts.problem.AUTH_REFUSED', params: { account: 'pam', server: 'IMAP', detail } }],
    since,
  };
}
const connecting: ConnectionStatus = { state: 'connecting', message: 'Connecting to imap.example.org…', since };
const connected: ConnectionStatus = { state: 'connected', message: 'Watching pam@imap.example.org', since };

async function accountEntries(a: TestApp): Promise<ActivityEntry[]> {
  return value(await a.api.listActivity({})).filter((e) => e.source === 'account');
}

describe('account health in the app service', () => {
  it('records a refused login once per episode, not per retry, and once more when it works again', async () => {
    app = await openTestApp();
    const added: ActivityEntry[] = [];
    app.service.events.on('activityAdded', (e) => added.push(e));
    value(await app.api.saveMailAccount(input()));
    const id = 'pam@example.org';
    const health = app.service.accountHealth;
    // Every poll fails again, with the server's varying words; the agents restart in between.
    health.connectionChanged(id, refused('[AUTHENTICATIONFAILED] Authentication failed.'));
    health.connectionChanged(id, connecting);
    health.connectionChanged(id, refused('[AUTHENTICATIONFAILED] Authentication failed (2).'));
    health.connectionChanged(id, refused('[AUTHENTICATIONFAILED] Authentication failed (3).'));
    await expect.poll(() => accountEntries(app!)).toHaveLength(1);
    const [failed] = await accountEntries(app);
    expect(failed).toMatchObject({
      kind: 'account',
      source: 'account',
      outcome: 'error',
      account: id,
      reason: { key: 'accounts.problem.AUTH_REFUSED', params: { account: id, server: 'IMAP' } },
    });
    expect(english.render(failed!.reason)).toBe(`The IMAP server refused the login of ${id}.`);
    health.connectionChanged(id, connected);
    await expect.poll(() => accountEntries(app!)).toHaveLength(2);
    expect((await accountEntries(app))[0]).toMatchObject({
      outcome: 'applied',
      reason: { key: 'accounts.activity.restored.login', params: { account: id } },
    });
    // An unreachable server is not a login problem: nothing recorded, and connected again changes nothing.
    health.connectionChanged(id, { ...refused('connect ECONNREFUSED'), code: 'CONNECT_FAILED' });
    health.connectionChanged(id, { ...connected, message: 'Watching again' });
    await new Promise((r) => setTimeout(r, 50));
    expect(await accountEntries(app)).toHaveLength(2);
    expect(added.filter((e) => e.source === 'account').map((e) => e.outcome)).toEqual(['error', 'applied']);
  });

  it('keeps an open episode across a restart of the app, and ends it silently when the account is removed', async () => {
    app = await openTestApp();
    const file = path.join(app.dir, 'accounts.jsonl');
    let clock = Date.parse(since);
    const first = new AccountActivity(file, () => clock++);
    const failing = {
      health: 'password-needed',
      problemCode: 'AUTH_REFUSED',
      reason: { key: 'accounts.problem.AUTH_REFUSED', params: { account: 'a@x', server: 'IMAP', detail: 'no' } },
    } as const;
    expect(await first.observe('a', 'a@x', failing)).toMatchObject({ outcome: 'error' });
    expect(await first.observe('a', 'a@x', failing)).toBeNull();
    // A new process reads the log: the episode is still open.
    const second = new AccountActivity(file, () => clock++);
    expect(await second.observe('a', 'a@x', failing)).toBeNull();
    const signIn = {
      health: 'sign-in-needed',
      problemCode: 'AUTH_SIGN_IN_AGAIN',
      reason: { key: 'accounts.problem.AUTH_SIGN_IN_AGAIN', params: { account: 'a@x', server: 'oauth', detail: 'x' } },
    } as const;
    // Another kind of failure is a new line; working again names what was put right.
    expect(await second.observe('a', 'a@x', signIn)).toMatchObject({ outcome: 'error' });
    const ok = { health: 'ok', problemCode: null, reason: null } as const;
    expect(await second.observe('a', 'a@x', ok)).toMatchObject({
      outcome: 'applied',
      reason: { key: 'accounts.activity.restored.AUTH_SIGN_IN_AGAIN' },
    });
    expect(await second.observe('a', 'a@x', ok)).toBeNull();
    await second.observe('b', 'b@x', failing);
    second.forget('b');
    expect(await second.observe('b', 'b@x', ok)).toBeNull();
    expect((await readAccountActivity(file)).map((e) => `${e.account} ${e.outcome}`)).toEqual([
      'a error',
      'a error',
      'a applied',
      'b error',
    ]);
  });

  it('edits an account: identities, servers (the password typed again), a new password; the agents restart', async () => {
    app = await openTestApp();
    let restarts = 0;
    app.service.onAccountsSaved(() => restarts++);
    value(await app.api.saveMailAccount(input()));
    const id = 'pam@example.org';
    // Another address of the same mailbox: the stored password stays (same servers, same user).
    const more = value(
      await app.api.saveMailAccount(
        input({ id, me: [id, 'pam@example.net'], auth: { kind: 'password', password: '' } }),
      ),
    );
    expect(more.accounts).toMatchObject([{ id, me: [id, 'pam@example.net'], hasSecret: true }]);
    expect(app.secrets.get(passwordKey(id, 'incoming'))).toBe('pw');
    expect(app.data.config().me).toContain('pam@example.net');
    // Another server: not without its password.
    const moved = input({
      id,
      me: [id, 'pam@example.net'],
      incoming: server('mail.example.net', 'pam'),
      auth: { kind: 'password', password: '' },
    });
    expect(await app.api.saveMailAccount(moved)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', reason: { key: 'accounts.form.passwordAgain' } },
    });
    value(await app.api.saveMailAccount({ ...moved, auth: { kind: 'password', password: 'pw2' } }));
    expect(value(await app.api.listAccounts()).accounts).toMatchObject([
      { id, incoming: { host: 'mail.example.net' }, me: [id, 'pam@example.net'] },
    ]);
    expect(app.secrets.get(passwordKey(id, 'incoming'))).toBe('pw2');
    expect(app.secrets.get(passwordKey(id, 'smtp'))).toBe('pw2');
    // A new password only.
    value(await app.api.saveMailAccount({ ...moved, auth: { kind: 'password', password: 'pw3' } }));
    expect(app.secrets.get(passwordKey(id, 'incoming'))).toBe('pw3');
    expect(value(await app.api.listAccounts()).accounts).toHaveLength(1);
    expect(restarts).toBe(4);
    // An account that is gone, or accounts from a configuration file, answer in the catalogue's words.
    expect(await app.api.saveMailAccount(input({ id: 'nobody' }))).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', reason: { key: 'accounts.form.notFound', params: { account: 'nobody' } } },
    });
    app.account.editable = false;
    expect(await app.api.removeAccount({ id })).toMatchObject({
      ok: false,
      error: { reason: { key: 'accounts.form.readOnly' } },
    });
  });

  it("asks Microsoft for the POP scope for a POP3 account only, and stores it with the account's settings", async () => {
    app = await openTestApp({ oauthClients: { microsoft: { clientId: 'ms-client' } } });
    const scopeOf = async (protocol: 'imap' | 'pop3'): Promise<string[]> => {
      const start = value(await app!.api.beginSignIn({ oauth: { provider: 'microsoft' }, protocol }));
      value(await app!.api.cancelSignIn({ flowId: start.flowId }));
      const url = new URL(start.url);
      expect(url.origin).toBe('https://login.microsoftonline.com');
      return (url.searchParams.get('scope') ?? '').split(' ');
    };
    const imap = await scopeOf('imap');
    expect(imap).toEqual(
      expect.arrayContaining([
        'https://outlook.office.com/IMAP.AccessAsUser.All',
        'https://outlook.office.com/SMTP.Send',
        'offline_access',
      ]),
    );
    expect(imap).not.toContain('https://outlook.office.com/POP.AccessAsUser.All');
    expect(await scopeOf('pop3')).toContain('https://outlook.office.com/POP.AccessAsUser.All');
    // Without a client ID for the provider: worded, with the provider's name.
    app.cleanup();
    app = await openTestApp();
    expect(await app.api.beginSignIn({ oauth: { provider: 'google' } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', reason: { key: 'accounts.form.noClient', params: { provider: 'Google' } } },
    });
  });
});
