/**
 * The one composition function every root uses (the Electron main process, the web host, the CLI commands): opens
 * the data dir once as a `SharedDataDir` (so every write, whoever makes it, takes the data dir's lock and every
 * read sees what another process wrote), applies the configuration file's settings, builds the app service and
 * starts the mail agent on that same shared data dir.
 *
 * Who runs the mail loop: the `Agent` (electron/agent/), started here — by `watch`, by `web --config`, and by the
 * desktop app once an account is saved. The app service only asks it to carry out decisions; the CLI's `decide`
 * writes under the same lock and the agent's reconcile tick sends what it queued.
 */
import type { Agent } from '../agent/agent.js';
import { createAppService, type AppService } from '../app/appService.js';
import { mailConnectionTester, type ConnectionTester } from '../app/connectionTester.js';
import type { DataDir } from '../store/dataDir.js';
import type { SharedDataDir } from '../store/sharedDataDir.js';
import { ConfiguredAccount, type AccountStore } from '../settings/accountStore.js';
import type { AgentConfig } from '../settings/agentConfig.js';
import { ConfiguredSecrets, type SecretStore } from '../settings/secretStore.js';
import { openCompanionStore } from './openCompanionStore.js';

export interface CompanionOptions {
  readonly dataDir: string;
  /** The configuration file (`--config`): account, addresses, policy. Null or absent: none. */
  readonly config?: AgentConfig | null;
  /** The desktop app's account and password stores; without them both come from `config`, read-only. */
  readonly stores?: { readonly accounts: AccountStore; readonly secrets: SecretStore };
  /** Start the mail agent for `config` (default true when a config is given). */
  readonly runAgent?: boolean;
  readonly now?: () => number;
  readonly log?: (line: string) => void;
  readonly fsync?: boolean;
  readonly tester?: ConnectionTester;
  readonly localZone?: string;
}

export interface Companion {
  /** The data dir as every unit of work uses it: `run(fn)` writes under the lock, `run(fn, { write: false })` reads. */
  readonly store: SharedDataDir;
  /** The stores as loaded now (reloaded in place by `store.run` when another process wrote). */
  readonly data: DataDir;
  readonly service: AppService;
  /** The running mail agent, or null. */
  readonly agent: Agent | null;
  /**
   * Stops the running agent, then starts one for `config` (null: none) on the same data dir. `subscribe` runs before
   * the agent starts, so a listener misses no message.
   */
  startAgent(config: AgentConfig | null, subscribe?: (agent: Agent) => void): Promise<Agent | null>;
  /** Lets the agent finish the message in hand, then releases everything. */
  close(): Promise<void>;
}

export async function openCompanion(opts: CompanionOptions): Promise<Companion> {
  const log = opts.log ?? (() => undefined);
  const now = opts.now ?? (() => Date.now());
  const config = opts.config ?? null;
  const store = await openCompanionStore({ dataDir: opts.dataDir, config, log, ...(opts.fsync === undefined ? {} : { fsync: opts.fsync }) });
  const service = createAppService({
    store,
    agent: null,
    accounts: opts.stores?.accounts ?? new ConfiguredAccount(config),
    secrets: opts.stores?.secrets ?? new ConfiguredSecrets({ imap: config?.imap.password ?? null, smtp: config?.smtp.password ?? null }),
    canEditAccount: opts.stores !== undefined,
    fileSettings: config?.settings ?? null,
    tester: opts.tester ?? mailConnectionTester(),
    now,
    log,
    ...(opts.localZone ? { localZone: opts.localZone } : {}),
  });
  let agent: Agent | null = null;

  async function startAgent(next: AgentConfig | null, subscribe?: (agent: Agent) => void): Promise<Agent | null> {
    const running = agent;
    agent = null;
    service.setAgent(null);
    await running?.stop();
    if (!next) return null;
    // Loaded here, not at the top: the CLI's one-shot commands never start an agent and need not load IMAP and SMTP.
    const { Agent } = await import('../agent/agent.js');
    const started = await Agent.create(next, { shared: store, now, log });
    subscribe?.(started);
    await started.start();
    agent = started;
    service.setAgent(started);
    return started;
  }

  if (config && opts.runAgent !== false) await startAgent(config);
  let closed: Promise<void> | null = null;
  return {
    store,
    get data() {
      return store.current;
    },
    service,
    get agent() {
      return agent;
    },
    startAgent,
    close: () => (closed ??= startAgent(null).then(() => service.dispose())),
  };
}
