/**
 * Where the mail agent (electron/agent/agent.ts) is plugged into the app, desktop and web host alike: the agent
 * shares the app's DataDir (so the window shows what the agent just processed) and is adapted to `AgentHandle`.
 */
import type { AgentConfig } from '../settings/agentConfig.js';
import type { DataDir } from '../store/dataDir.js';
import type { Orchestrator } from '../scheduling/orchestrator.js';
import type { AgentHandle } from '../agent/agentHandle.js';
import type { ConnectionStatus } from '../../shared/ipc/contract.js';
import { Agent, type AgentStatus } from '../agent/agent.js';
import type { StoredAccount } from '../settings/accountStore.js';
import { policyOf, timeframeOf } from '../scheduling/liveOrchestrator.js';

export interface AgentDeps {
  readonly data: DataDir;
  readonly orchestrator: Orchestrator;
  readonly log: (line: string) => void;
}

/** Starts the agent for `config` on the app's data dir. */
export async function startAgent(config: AgentConfig, deps: AgentDeps): Promise<AgentHandle | null> {
  const agent = await Agent.create(config, { data: deps.data, log: deps.log });
  await agent.start();
  return adaptAgent(agent, config, () => Date.now());
}

/** The agent seen through the app's interface: connection status, activity and decisions as the UI wants them. */
export function adaptAgent(agent: Agent, config: AgentConfig, now: () => number): AgentHandle {
  let last: ConnectionStatus = { state: 'connecting', message: `Connecting to ${config.imap.host}…`, since: new Date(now()).toISOString() };
  const toStatus = (s: AgentStatus): ConnectionStatus => {
    const state: ConnectionStatus['state'] = s.connected ? 'connected' : s.lastError ? 'offline' : 'connecting';
    const message = s.connected
      ? `Watching ${config.imap.user ?? ''}@${config.imap.host}${s.queued ? `; ${s.queued} message${s.queued === 1 ? '' : 's'} waiting to be sent` : ''}`
      : s.lastError
        ? `Cannot reach ${config.imap.host}: ${s.lastError} (retrying)`
        : `Connecting to ${config.imap.host}…`;
    if (state !== last.state || message !== last.message) last = { state, message, since: new Date(now()).toISOString() };
    return last;
  };
  return {
    status: () => toStatus(agent.status()),
    onStatus: (cb) => {
      let previous = last;
      return agent.on('status', (s) => {
        const next = toStatus(s);
        if (next !== previous) cb(next);
        previous = next;
      });
    },
    onActivity: (cb) =>
      agent.on('processed', (r) => cb({ at: r.at, kind: r.kind, outcome: r.outcome, reason: r.reason, uid: r.uid, recurrenceId: r.recurrenceId, source: 'mail', choice: null })),
    onDecisionsChanged: (cb) => agent.on('decisionsChanged', cb),
    decide: (id, choice, comment) => agent.decide(id, choice, comment),
    wake: () => agent.wake(),
    stop: () => agent.stop(),
  };
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
