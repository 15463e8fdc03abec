/**
 * The one composition function every root uses (the Electron main process, the web host, the CLI commands): opens
 * the data dir once as a `SharedDataDir` (so every write, whoever makes it, takes the data dir's lock and every
 * read sees what another process wrote), applies the configuration file's settings, builds the app service and
 * starts the mail agents on that same shared data dir: one per account of the configuration (IMAP or POP3, with
 * their OAuth token sources, and a router that sends each reply through its own account; runAccounts.ts).
 *
 * Who runs the mail loop: the agents (electron/agent/), started here — by `watch`, by `web --config`, and for the
 * accounts the app keeps itself (the desktop app; the web host without a configuration file): those start at
 * once and again whenever an account is saved, removed or signed in again. Each account's health (its
 * connection, a lapsed sign-in) is passed to the app service for the account screens and the sign-in banner. The app service only asks it to carry out decisions; the CLI's `decide`
 * writes under the same lock and the agent's reconcile tick sends what it queued.
 *
 * The calendar: with a `caldav` block (the file's or an account's) the agents and the app service write through one
 * `DavAccounts` opened here (openCompanionDav.ts), so a decision taken in the app reaches the server like one the
 * agent carries out.
 */
import type { AgentHandle } from '../agent/agentHandle.js';
import { AccountError } from '../accounts/accountError.js';
import { createAppService, type AppService } from '../app/appService.js';
import { mailConnectionTester, type ConnectionTester } from '../app/connectionTester.js';
import type { DataDir } from '../store/dataDir.js';
import type { SharedDataDir } from '../store/sharedDataDir.js';
import type { AgentConfig } from '../settings/agentConfig.js';
import { appAgentConfig } from '../settings/appAgentConfig.js';
import { ConfiguredMailAccounts, passwordKey, type MailAccountStore } from '../settings/mailAccounts.js';
import { ConfiguredSecrets, type SecretStore } from '../settings/secretStore.js';
import type { TokenStore } from '../accounts/tokenStore.js';
import type { DiscoveryDeps } from '../accounts/discoverAccount.js';
import type { OAuthClients } from '../settings/oauthClients.js';
import { tokenStoreFor } from './accountRuntime.js';
import { openCompanionStore } from './openCompanionStore.js';
import { openCompanionDav } from './openCompanionDav.js';
import { rememberDavConfig } from '../settings/davConfigFile.js';
import type { DavAccounts } from '../caldav/davAccounts.js';
import type { ProcessedRecord, RunningAccounts } from './runAccounts.js';

export interface CompanionOptions {
  readonly dataDir: string;
  /** The configuration file (`--config`): account, addresses, policy. Null or absent: none. */
  readonly config?: AgentConfig | null;
  /**
   * The accounts the app keeps itself, with their password and token stores (the desktop app: settings file and
   * OS keychain; the web host without a configuration file: 0600 files). Without them the accounts come from
   * `config`, read-only (an OAuth account can still sign in again: its tokenFile is written).
   */
  readonly stores?: AppAccountStores;
  /** Client IDs for "Sign in with Microsoft / Google". */
  readonly oauthClients?: OAuthClients;
  /** A CA to trust besides the system's, for the app's accounts and connection tests (test servers). */
  readonly ca?: string | null;
  readonly discovery?: DiscoveryDeps;
  readonly fetch?: typeof fetch;
  readonly pollSeconds?: number;
  /** Start the mail agents for `config` (default true when a config is given). */
  readonly runAgent?: boolean;
  readonly now?: () => number;
  readonly log?: (line: string) => void;
  readonly fsync?: boolean;
  readonly tester?: ConnectionTester;
  readonly localZone?: string;
}

/** Listeners attached before the agents start, so none misses a message. */
export interface AppAccountStores {
  readonly accounts: MailAccountStore;
  readonly secrets: SecretStore;
  readonly tokens: (accountId: string) => TokenStore | null;
}

export interface AgentHooks {
  /** Each handled message with its account's id ("default" in the single-account form). */
  readonly onProcessed?: (accountId: string, record: ProcessedRecord) => void;
  /** An account's sign-in lapsed (AUTH_SIGN_IN_AGAIN): said once; its agent keeps its data and retries. */
  readonly onSignInNeeded?: (accountId: string, error: AccountError) => void;
}

export interface Companion {
  /** The data dir as every unit of work uses it: `run(fn)` writes under the lock, `run(fn, { write: false })` reads. */
  readonly store: SharedDataDir;
  /** The stores as loaded now (reloaded in place by `store.run` when another process wrote). */
  readonly data: DataDir;
  readonly service: AppService;
  /** The running mail agents as one handle (one account: its agent), or null. */
  readonly agent: AgentHandle | null;
  /** The CalDAV/CardDAV side of the running configuration (null: the local vdir only). */
  readonly dav: DavAccounts | null;
  /**
   * Stops the running agents, then starts those of `config` (null: none) on the same data dir. Throws AccountError
   * when an account's sign-in settings cannot be used at all (no token store, the provider unreachable).
   */
  startAgent(config: AgentConfig | null, hooks?: AgentHooks): Promise<RunningAccounts | null>;
  /** Lets the agent finish the message in hand, then releases everything. */
  close(): Promise<void>;
}

export async function openCompanion(opts: CompanionOptions): Promise<Companion> {
  const log = opts.log ?? (() => undefined);
  const now = opts.now ?? (() => Date.now());
  const config = opts.config ?? null;
  const store = await openCompanionStore({
    dataDir: opts.dataDir,
    config,
    log,
    ...(opts.fsync === undefined ? {} : { fsync: opts.fsync }),
  });
  // The app too moves unusable files aside and rebuilds unusable decisions at once, not at its first write.
  await store.repairNow();
  let dav: DavAccounts | null = null;
  let davFor: AgentConfig | null = null;
  let unwatchDav: () => void = () => undefined;
  /** The app service once built (the first `useDav` runs before it). */
  let told: AppService | null = null;
  /** The DAV side follows the configuration the agents run with (the app may save another account). */
  async function useDav(next: AgentConfig | null): Promise<DavAccounts | null> {
    if (next === davFor) return dav;
    unwatchDav();
    await dav?.close();
    dav = null;
    davFor = next;
    dav = await openCompanionDav(store, next, log);
    // Each poll's outcome (synced, offline, refused) reaches the renderer; so does a new set of servers.
    unwatchDav =
      dav?.status.onChange((remote) => {
        told?.calendarSyncChanged();
        // Events another client made, changed or deleted on the server are in the cache now: the app shows them.
        if (remote) told?.refresh();
      }) ?? (() => undefined);
    told?.calendarSyncChanged();
    return dav;
  }
  if (await useDav(config)) {
    const file = config?.file;
    if (file) await store.run((data) => rememberDavConfig(data, file));
  }
  const stores = opts.stores ?? configuredStores(config);
  const service = createAppService({
    store,
    agent: null,
    calendar: () => dav?.calendar ?? null,
    calendarAccounts: () => dav?.backends ?? [],
    calendarStatus: () => dav?.status ?? null,
    accounts: stores.accounts,
    secrets: stores.secrets,
    tokens: stores.tokens,
    ...(opts.oauthClients ? { oauthClients: opts.oauthClients } : {}),
    ...(opts.discovery ? { discovery: opts.discovery } : {}),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
    ca: opts.ca ?? null,
    fileSettings: config?.settings ?? null,
    tester: opts.tester ?? mailConnectionTester(),
    now,
    log,
    ...(opts.localZone ? { localZone: opts.localZone } : {}),
  });
  told = service;
  let running: RunningAccounts | null = null;
  let unwatch: (() => void)[] = [];

  async function startAgent(next: AgentConfig | null, hooks: AgentHooks = {}): Promise<RunningAccounts | null> {
    const previous = running;
    running = null;
    service.setAgent(null);
    for (const u of unwatch) u();
    unwatch = [];
    await previous?.stop();
    if (!next) {
      await useDav(null);
      return null;
    }
    const nextDav = await useDav(next);
    // Loaded here, not at the top: the CLI's one-shot commands never start an agent and need not load IMAP and SMTP.
    const { startAccounts } = await import('./runAccounts.js');
    const started = await startAccounts(next, {
      shared: store,
      now,
      log,
      dav: nextDav,
      ...(hooks.onProcessed ? { onProcessed: hooks.onProcessed } : {}),
      ...(opts.fetch ? { fetch: opts.fetch } : {}),
      tokenStore: stores.tokens,
      onSignInNeeded: (id, e) => {
        service.accountHealth.signInNeeded(id, e);
        (hooks.onSignInNeeded ?? ((i, err) => log(`${i}: ${err.code}: ${err.message}`)))(id, e);
      },
    });
    running = started;
    for (const [id, handle] of started.byAccount) {
      service.accountHealth.connectionChanged(id, handle.connection());
      unwatch.push(handle.onConnection((s) => service.accountHealth.connectionChanged(id, s)));
    }
    service.setAgent(started.handle);
    return started;
  }

  /** Starts what may start; an account whose sign-in settings cannot be used waits, the app still opens. */
  async function startSafely(next: AgentConfig | null): Promise<void> {
    try {
      await startAgent(next);
    } catch (e) {
      if (!(e instanceof AccountError)) throw e;
      log(`${e.code}: ${e.message}`);
    }
  }

  const own = opts.stores;
  const ownConfig = (): AgentConfig | null =>
    own
      ? appAgentConfig(own.accounts.list(), own.secrets, store.current, {
          ca: opts.ca ?? null,
          ...(opts.pollSeconds ? { pollSeconds: opts.pollSeconds } : {}),
        })
      : null;
  let restarting: Promise<void> = Promise.resolve();
  const stopSaved =
    own && opts.runAgent !== false
      ? service.onAccountsSaved(() => {
          restarting = restarting.then(() => startSafely(ownConfig()));
        })
      : () => undefined;
  if (opts.runAgent !== false) await startSafely(own ? ownConfig() : config);
  let closed: Promise<void> | null = null;
  return {
    store,
    get data() {
      return store.current;
    },
    service,
    get agent() {
      return running?.handle ?? null;
    },
    get dav() {
      return dav;
    },
    startAgent,
    close: () =>
      (closed ??= (async () => {
        stopSaved();
        await restarting;
        await startAgent(null);
        service.dispose();
      })()),
  };
}

/** The configuration file's accounts, passwords and token files (read-only accounts; sign-in again writes). */
function configuredStores(config: AgentConfig | null): AppAccountStores {
  const list = config?.accounts ?? [];
  const passwords: Record<string, string | null> = {};
  for (const a of list) {
    passwords[passwordKey(a.id, 'incoming')] = a.incoming.server.password;
    passwords[passwordKey(a.id, 'smtp')] = a.smtp.password;
  }
  return {
    accounts: new ConfiguredMailAccounts(list),
    secrets: new ConfiguredSecrets(passwords),
    tokens: (id) => {
      const oauth = list.find((a) => a.id === id)?.oauth;
      return oauth?.tokenFile ? tokenStoreFor(id, oauth) : null;
    },
  };
}
