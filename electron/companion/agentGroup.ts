/**
 * Several accounts' agents as the one `AgentHandle` the app service holds: the status bar says "connected" when
 * every account is, otherwise the first account that is not; activity and changed decisions come from all. A
 * decision is carried out by the first agent (they share the data dir, its lock and the outbox, and the router
 * sends the reply through the account it speaks for); then every agent is woken, so the one whose mailbox holds
 * the message marks it.
 */
import type { ActivityEntry, ConnectionStatus } from '../../shared/ipc/contract.js';
import type { Choice } from '../../shared/model/decisions.js';
import type { AgentHandle } from '../agent/agentHandle.js';
import type { ProcessRecord } from '../scheduling/orchestrator.js';

export class AgentGroup implements AgentHandle {
  readonly #agents: readonly AgentHandle[];
  readonly #afterStop: () => void | Promise<void>;
  #connection: ConnectionStatus | null = null;

  constructor(agents: readonly AgentHandle[], afterStop: () => void | Promise<void> = () => undefined) {
    if (agents.length === 0) throw new Error('AgentGroup needs at least one agent');
    this.#agents = agents;
    this.#afterStop = afterStop;
  }

  connection(): ConnectionStatus {
    const all = this.#agents.map((a) => a.connection());
    const notConnected = all.find((c) => c.state !== 'connected');
    const next: ConnectionStatus = notConnected ?? {
      state: 'connected',
      message: all.map((c) => c.message).join(' · '),
      details: all.flatMap((c) => c.details ?? []),
      since:
        all
          .map((c) => c.since)
          .sort()
          .at(-1) ?? (all[0] as ConnectionStatus).since,
    };
    const prev = this.#connection;
    if (!prev || prev.state !== next.state || prev.message !== next.message) this.#connection = next;
    return this.#connection as ConnectionStatus;
  }

  onConnection(cb: (status: ConnectionStatus) => void): () => void {
    let previous = this.connection();
    const offs = this.#agents.map((a) =>
      a.onConnection(() => {
        const next = this.connection();
        if (next !== previous) cb(next);
        previous = next;
      }),
    );
    return () => offs.forEach((off) => off());
  }

  onActivity(cb: (entry: ActivityEntry) => void): () => void {
    const offs = this.#agents.map((a) => a.onActivity(cb));
    return () => offs.forEach((off) => off());
  }

  onDecisionsChanged(cb: () => void): () => void {
    const offs = this.#agents.map((a) => a.onDecisionsChanged(cb));
    return () => offs.forEach((off) => off());
  }

  async decide(id: string, choice: Choice, comment: string | null): Promise<ProcessRecord & { readonly id: string }> {
    const record = await (this.#agents[0] as AgentHandle).decide(id, choice, comment);
    for (const a of this.#agents.slice(1)) a.wake();
    return record;
  }

  wake(): void {
    for (const a of this.#agents) a.wake();
  }

  async stop(): Promise<void> {
    await Promise.all(this.#agents.map((a) => a.stop()));
    await this.#afterStop();
  }
}
