/**
 * The record of messages already handled, for exactly-once processing where the mail server cannot carry a
 * keyword and for message files: `state/processed.jsonl`, one JSON object per line, only ever appended. Owns: the
 * key of a message, recovery from a line torn by a crash, and "the later line for a key wins".
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { normalizeAddress } from '../../shared/util/address.js';
import { sha256Hex } from './fileNames.js';
import type { Message } from '../../shared/i18n/index.js';
import { readMessage, textMessage } from '../../shared/model/storedMessage.js';
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

  /** Appends one line; once it resolves the record survives a crash (with fsync on) and `get` returns it. */
  record(key: string, entry: ProcessedEntry): Promise<void> {
    const clean = toEntry(entry as unknown as Record<string, unknown>) ?? entry;
    return this.log.append({ key, ...clean }).then(() => {
      this.entries.set(key, clean);
    });
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
  };
}
