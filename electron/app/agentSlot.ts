/**
 * THE place where the mail agent is plugged into the app (desktop and web host alike).
 *
 * PLUG-IN POINT: the lead's `startAgent(config: AgentConfig, deps)` from electron/agent/agent.ts is not there yet.
 * When it is, replace the body of `startAgent` below with
 *
 *     const { startAgent: start } = await import('../agent/agent.js');
 *     return adaptAgent(await start(config, { data: deps.data, orchestrator: deps.orchestrator, log: deps.log }));
 *
 * where `adaptAgent` maps the agent's handle onto `AgentHandle` (agentHandle.ts). The agent must use the DataDir
 * and Orchestrator it is given here (not open its own): the app reads open decisions from the same stores.
 * Until then the app runs without an agent: decisions are carried out by the orchestrator and replies land in the
 * data dir's outbox/ folder, which the agent drains once it runs.
 */
import type { AgentConfig } from '../agent/config.js';
import type { DataDir } from '../store/dataDir.js';
import type { Orchestrator } from '../scheduling/orchestrator.js';
import type { AgentHandle } from './agentHandle.js';
import type { StoredAccount } from './settingsStore.js';
import { policyOf, timeframeOf } from './liveOrchestrator.js';

export interface AgentDeps {
  readonly data: DataDir;
  readonly orchestrator: Orchestrator;
  readonly log: (line: string) => void;
}

/** Starts the agent for `config`, or resolves null when this build has none. */
export async function startAgent(config: AgentConfig, deps: AgentDeps): Promise<AgentHandle | null> {
  deps.log(`No mail agent in this build yet: not watching ${config.imap.host}; replies are written to ${deps.data.root}/outbox.`);
  return null;
}

/** The desktop app's agent configuration: the account from its settings, the passwords from the keychain. */
export function agentConfigFor(account: StoredAccount, passwords: { imap: string | null; smtp: string | null }, data: DataDir): AgentConfig {
  const cfg = data.config();
  const server = (s: StoredAccount['imap'], password: string | null): AgentConfig['imap'] => ({ host: s.host, port: s.port, security: s.security, user: s.user || null, password, ca: null });
  const tf = timeframeOf(cfg);
  return {
    imap: server(account.imap, passwords.imap),
    smtp: server(account.smtp, passwords.smtp ?? passwords.imap),
    me: cfg.me,
    policy: policyOf(cfg),
    timeframe: tf.text,
    timeframeMs: tf.ms,
    dataDir: data.root,
    pollSeconds: 60,
    warnings: [],
  };
}
