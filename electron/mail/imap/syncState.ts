/**
 * Per-mailbox sync state in the state directory, one JSON file per mailbox, written atomically
 * (electron/fsio/atomicWrite.ts). Owns: the resume point (UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ as strings,
 * RFC 3501 §2.3.1.1 and RFC 7162 §3.1.2), the UIDs of mail that is not ours (never fetched again), messages
 * handed over but not yet marked, and the local keyword record used when the server cannot store keywords.
 * All of it is keyed by UIDVALIDITY: when the server reports another one, the whole state of that mailbox is
 * dropped (RFC 3501 §2.3.1.1: the old UIDs mean nothing any more).
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../fsio/atomicWrite.js';
import type { MessageState } from './imapTypes.js';
import { formatUidSet, parseUidSet } from './uidSet.js';

export type LocalState = MessageState | 'claimed';

export interface LocalMark {
  state: LocalState;
  /** Recorded while disconnected: still to be stored as a keyword once the server is reachable. */
  queued?: boolean;
}

export interface MailboxSyncState {
  readonly mailbox: string;
  uidValidity: string | null;
  /** UIDNEXT seen when the last complete scan started. */
  uidNext: number | null;
  /** HIGHESTMODSEQ the state is known to be in sync with (last scan plus our own STOREs), null without CONDSTORE. */
  highestModseq: string | null;
  /** Messages without a calendar part: left untouched on the server, never fetched again. */
  notOurs: Set<number>;
  /** Handed over but neither marked nor recorded: searched for again on the next start. */
  unfinished: Set<number>;
  local: Map<number, LocalMark>;
}

const VERSION = 1;
const STATES: readonly LocalState[] = ['processed', 'analyzed', 'ignore', 'claimed'];

export function emptyState(mailbox: string, uidValidity: string | null = null): MailboxSyncState {
  return {
    mailbox,
    uidValidity,
    uidNext: null,
    highestModseq: null,
    notOurs: new Set(),
    unfinished: new Set(),
    local: new Map(),
  };
}

export class SyncStateStore {
  readonly #dir: string;
  readonly #chains = new Map<string, Promise<void>>();

  constructor(dir: string) {
    this.#dir = dir;
  }

  fileFor(mailbox: string): string {
    return path.join(this.#dir, `mailbox-${encodeURIComponent(mailbox)}.json`);
  }

  async load(mailbox: string): Promise<MailboxSyncState> {
    let text: string;
    try {
      text = await readFile(this.fileFor(mailbox), 'utf8');
    } catch {
      return emptyState(mailbox);
    }
    try {
      return fromJson(mailbox, JSON.parse(text) as Record<string, unknown>);
    } catch {
      // A damaged file costs one full scan of the time frame, nothing more.
      return emptyState(mailbox);
    }
  }

  /** Writes the state as it is when the write starts; writes of one mailbox never overtake each other. */
  save(state: MailboxSyncState, opts: { durable?: boolean } = {}): Promise<void> {
    const file = this.fileFor(state.mailbox);
    const prev = this.#chains.get(file) ?? Promise.resolve();
    const next = prev
      .catch(() => undefined)
      .then(async () => {
        await mkdir(this.#dir, { recursive: true });
        await writeFileAtomic(file, JSON.stringify(toJson(state)), { fsync: opts.durable === true });
      });
    this.#chains.set(file, next);
    return next;
  }
}

function toJson(s: MailboxSyncState): Record<string, unknown> {
  const local: Record<string, { s: LocalState; q?: 1 }> = {};
  for (const [uid, mark] of s.local) local[String(uid)] = mark.queued ? { s: mark.state, q: 1 } : { s: mark.state };
  return {
    version: VERSION,
    mailbox: s.mailbox,
    uidValidity: s.uidValidity,
    uidNext: s.uidNext,
    highestModseq: s.highestModseq,
    notOurs: formatUidSet(s.notOurs),
    unfinished: formatUidSet(s.unfinished),
    local,
  };
}

function fromJson(mailbox: string, j: Record<string, unknown>): MailboxSyncState {
  if (j['version'] !== VERSION) return emptyState(mailbox);
  const state = emptyState(mailbox, typeof j['uidValidity'] === 'string' ? j['uidValidity'] : null);
  state.uidNext = typeof j['uidNext'] === 'number' ? j['uidNext'] : null;
  state.highestModseq = typeof j['highestModseq'] === 'string' ? j['highestModseq'] : null;
  state.notOurs = parseUidSet(j['notOurs']);
  state.unfinished = parseUidSet(j['unfinished']);
  const local = j['local'];
  if (local && typeof local === 'object') {
    for (const [key, value] of Object.entries(local as Record<string, { s?: unknown; q?: unknown }>)) {
      const uid = Number(key);
      const st = value?.s as LocalState;
      if (Number.isInteger(uid) && uid > 0 && STATES.includes(st))
        state.local.set(uid, value.q ? { state: st, queued: true } : { state: st });
    }
  }
  return state;
}
