/**
 * The account part of `MainApi`: list, discover, test, save, remove, and OAuth sign-in (new, or again for an
 * account whose sign-in lapsed). Owns each account's health as the person sees it (accountHealth.ts words it) and
 * the rule that a stored secret — password or token — only ever goes to the servers of the account it was stored
 * for. Knows nothing of Electron or HTTP: the account, password and token stores, the connection tester and the
 * discovery's network are handed in; the companion restarts the agents when told the accounts changed.
 */
import type {
  AccountsView,
  ActivityEntry,
  MailProtocol,
  ConnectionStatus,
  ConnectionTestResult,
  DiscoveryView,
  MailAccountInput,
  OAuthChoice,
  ServerSettings,
  SignInDone,
  SignInStart,
} from '../../shared/ipc/contract.js';
import type { OAuthProviderSettings } from '../../shared/model/oauthSettings.js';
import { AccessTokens } from '../accounts/accessTokens.js';
import type { AccountError } from '../accounts/accountError.js';
import { defaultDiscoveryDeps, discoverAccount, type DiscoveryDeps } from '../accounts/discoverAccount.js';
import { resolveProvider } from '../accounts/oauthProvider.js';
import type { TokenStore } from '../accounts/tokenStore.js';
import { newAccountId, passwordKey, type MailAccountStore, type StoredMailAccount } from '../settings/mailAccounts.js';
import type { SecretStore } from '../settings/secretStore.js';
import type { OAuthClients } from '../settings/oauthClients.js';
import { accountView, discoveryView, healthOf, type LiveHealth } from './accountViews.js';
import type { AccountActivity } from './accountActivity.js';
import type { ConnectionTester, TestAccount } from './connectionTester.js';
import { testServer } from './serverTest.js';
import { IpcFailure } from './serveMainApi.js';
import { SignInFlows } from './signInFlows.js';
import { noClient, notFound, readOnly, secretsUnavailable, signInFailure } from './accountFailures.js';
import { saveCalDav } from './calendarAccounts.js';

export type { OAuthClients };

export interface AccountsDeps {
  readonly accounts: MailAccountStore;
  readonly secrets: SecretStore;
  /** Where an account's refresh token is kept; null when nothing can keep one here. */
  readonly tokens: (accountId: string) => TokenStore | null;
  readonly oauthClients?: OAuthClients;
  readonly discovery?: DiscoveryDeps;
  readonly tester?: ConnectionTester;
  /** A CA to trust besides the system's for the connection test (the agents get the same). */
  readonly ca?: string | null;
  readonly fetch?: typeof fetch;
  readonly now: () => number;
  readonly connectionTimeoutMs?: number;
  readonly signInTimeoutMs?: number;
  /**
   * The accounts changed (`saved`: added, changed, removed or signed in again — the companion restarts the agents)
   * or only their health did; the renderer is told either way.
   */
  readonly changed: (view: AccountsView, saved: boolean) => void;
  /** The data dir's addresses gain a new account's. */
  readonly addMe: (me: readonly string[]) => Promise<void>;
  /** Where account trouble is recorded for the activity list (null: not recorded). */
  readonly activity?: AccountActivity | null;
  /** A new entry of that record, for the live activity list. */
  readonly activityAdded?: (entry: ActivityEntry) => void;
  readonly log?: (line: string) => void;
  /** The form chose where new invitations go for a calendar server (`user@url`, settings/calendarTargets.ts). */
  readonly chooseCalendar?: (server: { url: string; user: string }, href: string | null) => Promise<void>;
}

export interface AccountsService {
  listAccounts(): Promise<AccountsView>;
  discoverAccount(args: { address: string }): Promise<DiscoveryView>;
  testAccount(input: MailAccountInput): Promise<ConnectionTestResult>;
  saveMailAccount(input: MailAccountInput): Promise<AccountsView>;
  removeAccount(args: { id: string }): Promise<AccountsView>;
  beginSignIn(args: {
    oauth?: OAuthChoice;
    loginHint?: string;
    accountId?: string;
    protocol?: MailProtocol;
  }): Promise<SignInStart>;
  finishSignIn(args: { flowId: string }): Promise<SignInDone>;
  cancelSignIn(args: { flowId: string }): Promise<null>;
  /** An account's sign-in lapsed (AUTH_SIGN_IN_AGAIN from its token source). */
  signInNeeded(accountId: string, error: AccountError): void;
  /** A running account's connection changed (for its health). */
  connectionChanged(accountId: string, status: ConnectionStatus | null): void;
  dispose(): void;
}

export function createAccountsService(deps: AccountsDeps): AccountsService {
  const { accounts, secrets } = deps;
  const flows = new SignInFlows({
    now: deps.now,
    ...(deps.signInTimeoutMs ? { timeoutMs: deps.signInTimeoutMs } : {}),
  });
  const live = new Map<string, LiveHealth>();
  const find = (id: string): StoredMailAccount | null => accounts.list().find((a) => a.id === id) ?? null;

  async function view(): Promise<AccountsView> {
    const list = await Promise.all(
      accounts.list().map(async (a) => accountView(a, await hasSecret(a), live.get(a.id) ?? {})),
    );
    return {
      accounts: list,
      canEdit: accounts.editable,
      oauthClients: { microsoft: !!deps.oauthClients?.microsoft, google: !!deps.oauthClients?.google },
    };
  }

  async function hasSecret(a: StoredMailAccount): Promise<boolean> {
    if (a.auth === 'password') return secrets.has(passwordKey(a.id, 'incoming'));
    return !!(await deps
      .tokens(a.id)
      ?.get(a.id)
      .catch(() => null));
  }

  async function announce(saved = true): Promise<AccountsView> {
    const v = await view();
    deps.changed(v, saved);
    return v;
  }

  /** Account trouble into the activity list: once when a login or sign-in starts failing, once when it works again. */
  async function record(id: string): Promise<void> {
    const a = find(id);
    if (!a || !deps.activity) return;
    try {
      const h = healthOf(a, await hasSecret(a), live.get(id) ?? {});
      const entry = await deps.activity.observe(id, a.me[0] ?? a.incoming.user, h);
      if (entry) deps.activityAdded?.(entry);
    } catch (e) {
      deps.log?.(`${id}: the activity list could not record the account's state: ${(e as Error).message}`);
    }
  }

  /** `protocol`: a POP3 account at Microsoft needs the POP scope besides IMAP and SMTP. */
  function providerSettings(choice: OAuthChoice, protocol: MailProtocol = 'imap'): OAuthProviderSettings {
    const clients = deps.oauthClients ?? {};
    if (choice.provider === 'oidc')
      return {
        provider: 'oidc',
        issuer: choice.issuer,
        clientId: choice.clientId,
        scopes: ['openid', 'offline_access'],
      };
    if (choice.provider === 'microsoft') {
      const clientId = choice.clientId ?? clients.microsoft?.clientId;
      if (!clientId) throw noClient('Microsoft');
      const tenant = clients.microsoft?.tenant;
      return {
        provider: 'microsoft',
        clientId,
        ...(tenant ? { tenant } : {}),
        ...(protocol === 'pop3' ? { pop3: true } : {}),
      };
    }
    const clientId = choice.clientId ?? clients.google?.clientId;
    if (!clientId) throw noClient('Google');
    const secret = choice.clientId ? undefined : clients.google?.clientSecret;
    return { provider: 'google', clientId, ...(secret ? { clientSecret: secret } : {}) };
  }

  async function resolve(settings: OAuthProviderSettings) {
    try {
      return await resolveProvider(settings, deps.fetch ? { fetch: deps.fetch } : {});
    } catch (e) {
      throw signInFailure(e);
    }
  }

  /**
   * The access-token source for testing `input`: the form's finished sign-in, or — only when the form names the
   * very servers of a stored OAuth account — that account's kept sign-in. Anything else gets no token.
   */
  async function tokenSourceFor(input: MailAccountInput): Promise<(() => Promise<string>) | null> {
    if (input.auth.kind !== 'oauth2') return null;
    if (input.auth.flowId) {
      const flow = flows.get(input.auth.flowId);
      const result = await flows.finished(input.auth.flowId);
      if (!flow || !result || (flow.accountId !== null && flow.accountId !== input.id)) return null;
      return async () => result.accessToken;
    }
    const stored = input.id ? find(input.id) : null;
    if (!stored?.oauth || !sameServers(stored, input)) return null;
    const store = deps.tokens(stored.id);
    if (!store) return null;
    const tokens = new AccessTokens(await resolve(stored.oauth), stored.id, store, { now: deps.now });
    return () => tokens.get();
  }

  /** A stored password, only for the server (host, port, user) and account it was stored for. */
  function storedPassword(input: MailAccountInput, server: 'incoming' | 'smtp'): string | null {
    const stored = input.id ? find(input.id) : null;
    if (!stored || stored.auth !== 'password' || !sameServer(stored[server], input[server])) return null;
    return (
      secrets.get(passwordKey(stored.id, server)) ?? (server === 'smtp' ? storedPassword(input, 'incoming') : null)
    );
  }

  async function testAccount(input: MailAccountInput): Promise<ConnectionTestResult> {
    let accessToken: (() => Promise<string>) | null = null;
    let passwords: { incoming: string | null; smtp: string | null } = { incoming: null, smtp: null };
    if (input.auth.kind === 'oauth2') {
      accessToken = await tokenSourceFor(input);
      if (!accessToken) {
        const message = 'Sign in first: the test uses the sign-in of this form or of this very account only.';
        const r = { ok: false, code: 'SIGN_IN_NEEDED', message };
        return { imap: r, smtp: r };
      }
    } else {
      const typed = input.auth.password;
      passwords = {
        incoming: typed || storedPassword(input, 'incoming'),
        smtp: input.auth.smtpPassword || typed || storedPassword(input, 'smtp'),
      };
    }
    const opts = { tester: deps.tester, timeoutMs: deps.connectionTimeoutMs ?? 20_000 };
    const account = (s: ServerSettings, password: string | null): TestAccount => ({
      ...s,
      ...(password ? { password } : {}),
      ...(accessToken ? { accessToken } : {}),
      ...(deps.ca ? { ca: deps.ca } : {}),
    });
    const [imap, smtp] = await Promise.all([
      testServer(input.protocol, account(input.incoming, passwords.incoming), opts, !accessToken),
      testServer('smtp', account(input.smtp, passwords.smtp), opts, !accessToken),
    ]);
    return { imap, smtp };
  }

  async function storeSignIn(id: string, input: MailAccountInput, stored: StoredMailAccount | null): Promise<void> {
    if (input.auth.kind !== 'oauth2') return;
    const store = deps.tokens(id);
    if (!store) throw secretsUnavailable('The sign-in cannot be kept safely here.');
    if (input.auth.flowId) {
      const flow = flows.get(input.auth.flowId);
      const result = await flows.finished(input.auth.flowId);
      if (!flow || !result || (flow.accountId !== null && flow.accountId !== id))
        throw new IpcFailure('SIGN_IN_FAILED', 'Sign in first (the sign-in of this form was not completed).', {
          key: 'accounts.form.signInIncomplete',
        });
      await store.set(id, result.refreshToken);
      flows.consume(input.auth.flowId);
    } else if (!stored || stored.auth !== 'oauth2' || !sameServers(stored, input)) {
      throw new IpcFailure('SIGN_IN_FAILED', 'Sign in first: a kept sign-in only serves the servers it was made for.', {
        key: 'accounts.form.signInFirst',
      });
    }
    live.delete(id);
  }

  function storePasswords(id: string, input: MailAccountInput, stored: StoredMailAccount | null): void {
    if (input.auth.kind !== 'password') return;
    const available = secrets.availability();
    if (!available.ok) throw secretsUnavailable(`Passwords cannot be stored safely here: ${available.message}`);
    const { password, smtpPassword } = input.auth;
    const keep = stored?.auth === 'password' && sameServers(stored, input) && secrets.has(passwordKey(id, 'incoming'));
    if (!password && !keep)
      throw new IpcFailure(
        'INVALID_ARGUMENT',
        'Type the password: a stored one is only sent to the server it was saved for.',
        { key: 'accounts.form.passwordAgain' },
      );
    if (password) secrets.set(passwordKey(id, 'incoming'), password);
    if (smtpPassword || password) secrets.set(passwordKey(id, 'smtp'), smtpPassword || password);
    live.delete(id);
  }

  async function forgetSecrets(id: string, keep: 'password' | 'oauth2' | null): Promise<void> {
    if (keep !== 'password') {
      secrets.delete(passwordKey(id, 'incoming'));
      secrets.delete(passwordKey(id, 'smtp'));
    }
    if (keep !== 'oauth2') await deps.tokens(id)?.delete(id);
    if (keep === null) secrets.delete(passwordKey(id, 'caldav'));
  }

  return {
    listAccounts: view,

    async discoverAccount({ address }) {
      return discoveryView(address, await discoverAccount(address, deps.discovery ?? defaultDiscoveryDeps()));
    },

    testAccount,

    async saveMailAccount(input) {
      if (!accounts.editable) throw readOnly();
      const stored = input.id ? find(input.id) : null;
      if (input.id && !stored) throw notFound(input.id);
      const id =
        stored?.id ??
        newAccountId(
          input.me[0] ?? input.incoming.user,
          accounts.list().map((a) => a.id),
        );
      const mailPassword = input.auth.kind === 'password' ? input.auth.password : '';
      const caldav = saveCalDav(id, input.caldav, mailPassword, stored, secrets);
      storePasswords(id, input, stored);
      await storeSignIn(id, input, stored);
      await forgetSecrets(id, input.auth.kind);
      if (caldav && input.caldav?.calendar !== undefined)
        await deps.chooseCalendar?.(caldav, input.caldav.calendar ?? null);
      accounts.save({
        id,
        me: [...input.me],
        protocol: input.protocol,
        incoming: input.incoming,
        smtp: input.smtp,
        auth: input.auth.kind,
        oauth: input.auth.kind === 'oauth2' ? providerSettings(input.auth.oauth, input.protocol) : null,
        caldav,
      });
      if (input.me.length) await deps.addMe(input.me);
      return announce();
    },

    async removeAccount({ id }) {
      if (!accounts.editable) throw readOnly();
      if (!find(id)) throw notFound(id);
      accounts.remove(id);
      await forgetSecrets(id, null);
      live.delete(id);
      deps.activity?.forget(id);
      return announce();
    },

    async beginSignIn({ oauth, loginHint, accountId, protocol }) {
      const stored = accountId ? find(accountId) : null;
      if (accountId && !stored?.oauth)
        throw new IpcFailure('NOT_FOUND', `There is no account ${accountId} that signs in with a provider.`, {
          key: 'accounts.form.notFound',
          params: { account: accountId },
        });
      const settings = stored?.oauth ?? providerSettings(oauth as OAuthChoice, protocol);
      const provider = await resolve(settings);
      const hint = stored ? stored.incoming.user || stored.me[0] || null : (loginHint ?? null);
      try {
        const { flow, url } = await flows.begin(provider, stored?.id ?? null, hint);
        return { flowId: flow.id, url };
      } catch (e) {
        throw signInFailure(e);
      }
    },

    async finishSignIn({ flowId }) {
      const flow = flows.get(flowId);
      if (!flow)
        throw new IpcFailure('NOT_FOUND', 'This sign-in is over (finished, cancelled or timed out).', {
          key: 'accounts.form.signInOver',
        });
      let result;
      try {
        result = await flow.result;
      } catch (e) {
        throw signInFailure(e);
      }
      if (flow.accountId) {
        const store = deps.tokens(flow.accountId);
        if (!store) throw secretsUnavailable('The sign-in cannot be kept safely here.');
        await store.set(flow.accountId, result.refreshToken);
        flows.consume(flowId);
        live.delete(flow.accountId);
        await announce();
      }
      return { flowId, accountId: flow.accountId };
    },

    async cancelSignIn({ flowId }) {
      flows.cancel(flowId);
      return null;
    },

    signInNeeded(accountId, error) {
      live.set(accountId, { ...live.get(accountId), signIn: error.message });
      void announce(false);
      void record(accountId);
    },

    connectionChanged(accountId, status) {
      const before = live.get(accountId)?.connection;
      if (before?.state === status?.state && before?.message === status?.message) return;
      live.set(accountId, { ...live.get(accountId), connection: status });
      void announce(false);
      void record(accountId);
    },

    dispose: () => flows.dispose(),
  };
}

/** Same server and login: host (DNS names are case-insensitive), port and user name. */
export function sameServer(a: ServerSettings, b: ServerSettings): boolean {
  return a.host.toLowerCase() === b.host.toLowerCase() && a.port === b.port && a.user === b.user;
}

function sameServers(stored: StoredMailAccount, input: MailAccountInput): boolean {
  return (
    stored.protocol === input.protocol &&
    sameServer(stored.incoming, input.incoming) &&
    sameServer(stored.smtp, input.smtp)
  );
}
