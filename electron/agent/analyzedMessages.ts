/**
 * Which open decision came from which mailbox message (`D/state/analyzed.json`): a message marked `$ITipAnalyzed`
 * waits for its decision; once the decision is gone (taken in the app, by the CLI, or made obsolete) the agent's
 * reconcile tick marks the message `$ITipProcessed` and forgets it here.
 */
import type { Outcome } from '../../shared/model/decisions.js';
import type { DataDir } from '../store/dataDir.js';
import type { MessageState } from '../mail/imap/index.js';
import type { ProcessRecord } from '../scheduling/orchestrator.js';

/** The record itself is kept by the data dir (electron/store/analyzedMessages.ts). */
export { AnalyzedMessages } from '../store/analyzedMessages.js';

/** Which keyword a handled message gets (RFC 3501 §2.3.2 keywords; see electron/mail/imap/imapTypes.ts). */
export function keywordFor(record: ProcessRecord, data: DataDir): MessageState {
  if (record.pendingId && data.pending.get(record.pendingId)) return 'analyzed';
  return keywordForOutcome(record.outcome, record.kind);
}

function keywordForOutcome(outcome: Outcome, kind: string): MessageState {
  if (outcome === 'applied' || kind === 'outdated') return 'processed';
  if (outcome === 'pending') return 'analyzed';
  return 'ignore';
}
