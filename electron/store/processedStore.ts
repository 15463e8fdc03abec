/**
 * The record of messages already handled, for exactly-once processing where the mail server cannot carry a
 * keyword and for message files: `state/processed.jsonl`, one JSON object per line, only ever appended. Owns: the
 * key of a message, recovery from a line torn by a crash, and "the later line for a key wins". A message that left
 * a decision open is recorded with its scheduling text and envelope (`message`), so a decision whose file becomes
 * unreadable can be derived again from the message that caused it; that text is read back from the file only then,
 * never kept in memory.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { normalizeAddress } from '../../shared/util/address.js';
import { sha256Hex } from './fileNames.js';
import type { Message } from '../../shared/i18n/index.js';
import { readMessage, textMessage } from '../../shared/model/storedMessage.js';
import type { MailEnvelope } from '../../shared/model/mail.js';
import type { MessageSource } from '../../shared/model/decisions.js';
import { JsonlAppender } from './jsonlAppender.js';
import { errnoCode, ioError, type StoreOptions, type StoreProblem } from './storeFiles.js';

export interface ProcessedEntry {
  readonly at: string;
  readonly kind: string;
  readonly outcome: string;
  /** Why, as a catalogue message; lines written before reasons became codes hold a sentence, read as literal text. */
  readonly reason: Message;
  readonly uid: string | null;
  readonly recurrenceId: string | null;
  readonly pendingId: string | null;
  /** What the message said of itself (absent in records written before they were kept). */
  readonly method?: string | null;
  readonly sequence?: number | null;
}

/** The message behind an open decision, as the engine read it (what `processItip` takes, and where it lives). */
export interface RecordedMessage {
  readonly ics: string;
  readonly headerMethod: string | null;
  readonly envelope: MailEnvelope;
  readonly source: MessageSource | null;
}

export const PROCESSED_FILE = 'processed.jsonl';

export class ProcessedStore {
  private readonly entries = new Map<string, ProcessedEntry>();
  private readonly problemList: StoreProblem[] = [];
  private readonly log: JsonlAppender;

  private constructor(
    readonly file: string,
    fsync: boolean,
  ) {
    this.log = new JsonlAppender(file, fsync);
  }

  static async open(dir: string, opts: StoreOptions = {}): Promise<ProcessedStore> {
    try {
      await mkdir(dir, { recursive: true });
    } catch (e) {
      throw ioError('create the folder', dir, e);
    }
    const store = new ProcessedStore(path.join(dir, PROCESSED_FILE), opts.fsync ?? true);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(store.file);
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') return store;
      throw ioError('read', store.file, e);
    }
    store.load(new TextDecoder('utf-8').decode(bytes));
    return store;
  }

  /**
   * The key a message is recorded under: its Message-ID without angle brackets, or, for a message without one,
   * `sha256:` over the sender and the calendar text (line breaks normalised, so the same message read from IMAP
   * and from a saved .eml file gets the same key).
   */
  static keyFor(messageId: string | null, icsText: string, from: string | null): string {
    const id = messageId
      ?.trim()
      .replace(/^<(.*)>$/s, '$1')
      .trim();
    if (id) return id;
    return `sha256:${sha256Hex(`${normalizeAddress(from)}\n${icsText.replace(/\r\n?/g, '\n')}`)}`;
  }

  get problems(): readonly StoreProblem[] {
    return this.problemList;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): ProcessedEntry | null {
    return this.entries.get(key) ?? null;
  }

  /**
   * Appends one line; once it resolves the record survives a crash (with fsync on) and `get` returns it. `message`
   * (for a message that left a decision open) goes into the file only.
   */
  record(key: string, entry: ProcessedEntry, message?: RecordedMessage): Promise<void> {
    const clean = toEntry(entry as unknown as Record<string, unknown>) ?? entry;
    return this.log.append({ key, ...clean, ...(message ? { message } : {}) }).then(() => {
      this.entries.set(key, clean);
    });
  }

  /**
   * The last record that opened decision `pendingId` and holds its message, read from the file (rare: only when that
   * decision's file is unusable), or null. Lines without a message (older versions) do not count.
   */
  async findDecisionMessage(pendingId: string): Promise<(ProcessedEntry & { message: RecordedMessage }) | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') return null;
      throw ioError('read', this.file, e);
    }
    const needle = `"pendingId":${JSON.stringify(pendingId)}`;
    const lines = text.split('\n');
    for (let i = lines.length - 1; i >= 0; i--) {
      const line = lines[i] as string;
      if (!line.includes(needle)) continue;
      const found = parseDecisionLine(line, pendingId);
      if (found) return found;
    }
    return null;
  }

  private load(text: string): void {
    const lines = text.split('\n');
    // Text after the last line break is a line a crash interrupted (or one written without its break).
    const last = lines.pop() ?? '';
    const bad: number[] = [];
    lines.forEach((line, i) => {
      if (line.trim() !== '' && !this.accept(line)) bad.push(i + 1);
    });
    if (last !== '') {
      this.log.markTornTail();
      // A complete record that merely lacks its line break is kept; a torn one is ignored, as a crash leaves it.
      this.accept(last);
    }
    if (bad.length) {
      const shown = bad.slice(0, 10).join(', ') + (bad.length > 10 ? ', …' : '');
      this.problemList.push({
        file: this.file,
        message: `${PROCESSED_FILE}: ${bad.length} line(s) are not valid records and were skipped (line ${shown}); the file is left as it is`,
      });
    }
  }

  private accept(line: string): boolean {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return false;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const v = value as Record<string, unknown>;
    const entry = toEntry(v);
    if (typeof v.key !== 'string' || !entry) return false;
    this.entries.set(v.key, entry);
    return true;
  }
}

function parseDecisionLine(line: string, pendingId: string): (ProcessedEntry & { message: RecordedMessage }) | null {
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
  const entry = typeof v === 'object' && v !== null ? toEntry(v) : null;
  const m = v.message as Record<string, unknown> | undefined;
  if (!entry || entry.pendingId !== pendingId || typeof m !== 'object' || m === null) return null;
  if (typeof m.ics !== 'string' || !isEnvelope(m.envelope)) return null;
  return {
    ...entry,
    message: {
      ics: m.ics,
      headerMethod: typeof m.headerMethod === 'string' ? m.headerMethod : null,
      envelope: m.envelope as MailEnvelope,
      source: typeof m.source === 'object' && m.source !== null ? (m.source as MessageSource) : null,
    },
  };
}

/** The fields the engine reads from an envelope have their types (the line is ours, but files get edited). */
function isEnvelope(e: unknown): e is MailEnvelope {
  if (typeof e !== 'object' || e === null) return false;
  const v = e as Record<string, unknown>;
  const list = (x: unknown): boolean => Array.isArray(x);
  return (
    typeof v.subject === 'string' &&
    list(v.replyTo) &&
    list(v.to) &&
    list(v.cc) &&
    list(v.authenticationResults) &&
    (v.receivedAt === null || typeof v.receivedAt === 'number') &&
    (v.messageId === null || typeof v.messageId === 'string')
  );
}

/** The entry fields of a record (extra fields dropped), or null when a required one is missing. */
function toEntry(v: Record<string, unknown>): ProcessedEntry | null {
  if (typeof v.at !== 'string' || typeof v.kind !== 'string' || typeof v.outcome !== 'string') return null;
  const text = (x: unknown): string | null => (typeof x === 'string' ? x : null);
  return {
    at: v.at,
    kind: v.kind,
    outcome: v.outcome,
    reason: readMessage(v.reason) ?? textMessage(''),
    uid: text(v.uid),
    recurrenceId: text(v.recurrenceId),
    pendingId: text(v.pendingId),
    ...('method' in v ? { method: text(v.method) } : {}),
    ...('sequence' in v ? { sequence: typeof v.sequence === 'number' ? v.sequence : null } : {}),
  };
}
