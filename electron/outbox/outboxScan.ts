/**
 * The reader of the outbox: a synchronous look at the outbox folder for `list()` and `nextDue()`: the agent asks right after the
 * orchestrator wrote a new `.eml`, so the answer must come from the disk as it is now, not from the last drain.
 * Owns the per-file cache (header facts keyed by size and mtime) that keeps the scan cheap: the folder holds a
 * few messages, and each is read once until it changes.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { LOCK_SUFFIX, STATE_SUFFIX, isMessageName } from './outboxFiles.js';
import { isHeld, parseRecord, type OutboxRecord } from './outboxRecord.js';
import { envelopeFromHeader, readMessageId } from '../mail/smtp/mailEnvelope.js';
import { STALE_LOCK_MS } from '../fsio/lockFile.js';

export interface QueueEntry {
  readonly file: string;
  readonly state: 'queued' | 'sending' | 'retry';
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly lastError: string | null;
  readonly to: string[];
  readonly messageId: string | null;
  readonly method: string | null;
  readonly uid: string | null;
  /** Epoch ms until which the message is held for its undo grace period; null when it is not held. */
  readonly heldUntil: number | null;
  /** Another drain (this process or another) holds the message's lock right now. */
  readonly locked: boolean;
}

interface FileFacts {
  readonly size: number;
  readonly mtimeMs: number;
  readonly sha256: string;
  readonly to: string[];
  readonly messageId: string | null;
}

export class OutboxScanner {
  readonly #dir: string;
  readonly #cache = new Map<string, FileFacts>();

  constructor(dir: string) {
    this.#dir = dir;
  }

  /** Every queued message in file-name order (= creation order, outboxFolder.ts), as of now. */
  scan(now: number): QueueEntry[] {
    let names: string[];
    try {
      names = readdirSync(this.#dir).filter(isMessageName).sort();
    } catch {
      return [];
    }
    const entries: QueueEntry[] = [];
    const seen = new Set<string>();
    for (const name of names) {
      const facts = this.#facts(name);
      if (!facts) continue; // sent and moved between readdir and read
      seen.add(name);
      entries.push(toEntry(name, facts, this.#record(name, facts), this.#locked(name), now));
    }
    for (const name of this.#cache.keys()) if (!seen.has(name)) this.#cache.delete(name);
    return entries;
  }

  #facts(name: string): FileFacts | null {
    const file = path.join(this.#dir, name);
    try {
      const st = statSync(file);
      const cached = this.#cache.get(name);
      if (cached && cached.size === st.size && cached.mtimeMs === st.mtimeMs) return cached;
      const raw = readFileSync(file);
      const facts: FileFacts = {
        size: st.size,
        mtimeMs: st.mtimeMs,
        sha256: createHash('sha256').update(raw).digest('hex'),
        to: [...(envelopeFromHeader(raw)?.to ?? [])],
        messageId: readMessageId(raw),
      };
      this.#cache.set(name, facts);
      return facts;
    } catch {
      return null;
    }
  }

  /** The record when it is about these bytes; 'damaged' when unreadable; null when there is none yet. */
  #record(name: string, facts: FileFacts): OutboxRecord | 'damaged' | null {
    let text: string;
    try {
      text = readFileSync(path.join(this.#dir, name + STATE_SUFFIX), 'utf8');
    } catch {
      return null;
    }
    const r = parseRecord(text);
    if (r === 'damaged') return r;
    return r.sha256 === facts.sha256 ? r : null;
  }

  #locked(name: string): boolean {
    try {
      return Date.now() - statSync(path.join(this.#dir, name + LOCK_SUFFIX)).mtimeMs < STALE_LOCK_MS;
    } catch {
      return false;
    }
  }
}

/** How often to look again at a message someone else is sending: they normally finish within seconds. */
const LOCKED_RECHECK_MS = 30_000;

function toEntry(
  file: string,
  facts: FileFacts,
  record: OutboxRecord | 'damaged' | null,
  locked: boolean,
  now: number,
): QueueEntry {
  // What the message is comes from its record; a message queued by an earlier version has only its header.
  const known = record !== null && record !== 'damaged';
  const base = {
    file,
    locked,
    to: known && record.to.length ? [...record.to] : facts.to,
    messageId: (known ? record.messageId : null) ?? facts.messageId,
    method: known ? record.method : null,
    uid: known ? record.uid : null,
    heldUntil: known && isHeld(record) ? (record.heldUntil ?? null) : null,
  };
  if (record === null) {
    return {
      ...base,
      state: locked ? 'sending' : 'queued',
      attempts: 0,
      nextAttemptAt: locked ? now + LOCKED_RECHECK_MS : now,
      lastError: null,
    };
  }
  if (record === 'damaged') {
    return {
      ...base,
      state: 'sending',
      attempts: 0,
      nextAttemptAt: locked ? now + LOCKED_RECHECK_MS : now,
      lastError: 'The state file is damaged; the Sent folder is checked before sending again.',
    };
  }
  // 'sent' or 'failed' still here means a drain stopped while moving the file: the next drain finishes the move.
  const state = record.state === 'retry' ? 'retry' : record.state === 'queued' && !locked ? 'queued' : 'sending';
  const due = locked
    ? now + LOCKED_RECHECK_MS
    : record.state === 'retry'
      ? record.nextAttemptAt
      : base.heldUntil !== null
        ? // The hold is wall-clock time; the queue's clock may be fixed (tests), so what is left of it counts.
          now + Math.max(0, base.heldUntil - Date.now())
        : Math.min(now, record.nextAttemptAt);
  return { ...base, state, attempts: record.attempts, nextAttemptAt: due, lastError: record.lastError };
}
