/**
 * Which open decision came from which mailbox message (`D/state/analyzed.json`): a message marked `$ITipAnalyzed`
 * waits for its decision; once the decision is gone (taken in the app, by the CLI, or made obsolete) the agent's
 * reconcile tick marks the message `$ITipProcessed` and forgets it here.
 */
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import type { MessageSource, Outcome } from '../../shared/model/decisions.js';
import { writeFileAtomic } from '../store/atomicWrite.js';
import type { DataDir } from '../store/dataDir.js';
import type { MessageState } from '../mail/imap/index.js';
import type { ProcessRecord } from '../scheduling/orchestrator.js';

export class AnalyzedMessages {
  readonly #file: string;

  constructor(root: string) {
    this.#file = path.join(root, 'state', 'analyzed.json');
  }

  /** Pending decision id → its message; empty when the file is missing or unreadable. */
  async read(): Promise<Map<string, MessageSource>> {
    try {
      return new Map(Object.entries(JSON.parse(await readFile(this.#file, 'utf8')) as Record<string, MessageSource>));
    } catch {
      return new Map();
    }
  }

  async write(map: Map<string, MessageSource>): Promise<void> {
    await writeFileAtomic(this.#file, JSON.stringify(Object.fromEntries(map), null, 1));
  }

  async remember(pendingId: string, ref: MessageSource): Promise<void> {
    const map = await this.read();
    map.set(pendingId, ref);
    await this.write(map);
  }
}

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
