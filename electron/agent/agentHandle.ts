/**
 * What the app (desktop window or web host) needs from a running mail agent (IMAP watcher + SMTP outbox). `Agent`
 * (agent.ts) implements it; the app service depends only on this interface, never on how mail is fetched or sent.
 */
import type { ActivityEntry, ConnectionStatus } from '../../shared/ipc/contract.js';
import type { Choice } from '../../shared/model/decisions.js';
import type { ProcessRecord } from '../scheduling/orchestrator.js';

export interface AgentHandle {
  /** The connection as it is now. */
  connection(): ConnectionStatus;
  /** Each call returns an unsubscribe function. */
  onConnection(cb: (status: ConnectionStatus) => void): () => void;
  onActivity(cb: (entry: ActivityEntry) => void): () => void;
  /** Open decisions (or the calendar) changed because mail was processed. */
  onDecisionsChanged(cb: () => void): () => void;
  /** Carries out a person's choice: marks the IMAP message and sends the reply at once. */
  decide(id: string, choice: Choice, comment: string | null): Promise<ProcessRecord & { readonly id: string }>;
  /** Look at the mailbox and the outbox now (settings changed, or the person asked). */
  wake(): void;
  /** Finishes the message in hand, then disconnects. Called when the app quits. */
  stop(): Promise<void>;
}
