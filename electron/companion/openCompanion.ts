/**
 * The one composition function every root uses (the Electron main process, the web host, the CLI commands): opens
 * the data dir once as a `SharedDataDir` (so every write, whoever makes it, takes the data dir's lock and every
 * read sees what another process wrote), applies the configuration file's settings, builds the app service and
 * starts the mail agents on that same shared data dir: one per account of the configuration (IMAP or POP3, with
 * their OAuth token sources, and a router that sends each reply through its own account; runAccounts.ts).
 *
 * Who runs the mail loop: the agents (electron/agent/), started here — by `watch`, by `web --config`, and by the
 * desktop app once an account is saved. The app service only asks it to carry out decisions; the CLI's `decide`
 * writes under the same lock and the agent's reconcile tick sends what it queued.
 */
import type { AgentHandle } from '../agent/agentHandle.js';
import { AccountError } from '../accounts/accountError.js';
import { createAppService, type AppService } from '../app/appService.js';
import { mailConnectionTester, type ConnectionTester } from '../app/connectionTester.js';
import type { DataDir } from '../store/dataDir.js';
import type { SharedDataDir } from '../store/sharedDataDir.js';
import { ConfiguredAccount, type AccountStore } from '../settings/accountStore.js';
import type { AgentConfig } from '../settings/agentConfig.js';
import { ConfiguredSecrets, type SecretStore } from '../settings/secretStore.js';
import { openCompanionStore } from './openCompanionStore.js';
import type { ProcessedRecord, RunningAccounts } from './runAccounts.js';

export interface CompanionOptions {
  readonly dataDir: string;
  /** The configuration file (`--config`): account, addresses, policy. Null or absent: none. */
  readonly config?: AgentConfig | null;
  /** The desktop app's account and password stores; without them both come from `config`, read-only. */
  readonly stores?: { readonly accounts: AccountStore; readonly secrets: SecretStore };
  /** Start the mail agents for `config` (default true when a config is given). */
  readonly runAgent?: boolean;
  readonly now?: () => number;
  readonly log?: (line: string) => void;
  readonly fsync?: boolean;
  readonly tester?: ConnectionTester;
  readonly localZone?: string;
}

/** Listeners attached before the agents start, so none misses a message. */
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
  const service = createAppService({
    store,
    agent: null,
    accounts: opts.stores?.accounts ?? new ConfiguredAccount(config),
    secrets:
      opts.stores?.secrets ??
      new ConfiguredSecrets({ imap: config?.imap.password ?? null, smtp: config?.smtp.password ?? null }),
    canEditAccount: opts.stores !== undefined,
    fileSettings: config?.settings ?? null,
    tester: opts.tester ?? mailConnectionTester(),
    now,
    log,
    ...(opts.localZone ? { localZone: opts.localZone } : {}),
  });
  let running: RunningAccounts | null = null;

  async function startAgent(next: AgentConfig | null, hooks: AgentHooks = {}): Promise<RunningAccounts | null> {
    const previous = running;
    running = null;
    service.setAgent(null);
    await previous?.stop();
    if (!next) return null;
    // Loaded here, not at the top: the CLI's one-shot commands never start an agent and need not load IMAP and SMTP.
    const { startAccounts } = await import('./runAccounts.js');
    const started = await startAccounts(next, {
      shared: store,
      now,
      log,
      ...(hooks.onProcessed ? { onProcessed: hooks.onProcessed } : {}),
      onSignInNeeded: hooks.onSignInNeeded ?? ((id, e) => log(`${id}: ${e.code}: ${e.message}`)),
    });
    running = started;
    service.setAgent(started.handle);
    return started;
  }

  if (config && opts.runAgent !== false) {
    try {
      await startAgent(config);
    } catch (e) {
      // The app still opens (decisions, calendar, settings); the account waits until its sign-in is put right.
      if (!(e instanceof AccountError)) throw e;
      log(`${e.code}: ${e.message}`);
    }
  }
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
    startAgent,
    close: () => (closed ??= startAgent(null).then(() => service.dispose())),
  };
}
