/**
 * What a person decided: `state/decisions.jsonl`, one JSON object per line, only ever appended. Written when a
 * pending decision is carried out (accept, approve, accept-counter …) or an event is answered directly
 * (`respond`), by whichever process did it (the app, the web host, the CLI). The activity list reads it beside the
 * processed-message log. Owns the record's shape and recovery from a line torn by a crash.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Message } from '../../shared/i18n/index.js';
import { readMessage, textMessage } from '../../shared/model/storedMessage.js';
import { JsonlAppender } from './jsonlAppender.js';
import { errnoCode, ioError, type StoreOptions } from './storeFiles.js';

export interface DecisionEntry {
  readonly at: string;
  /** The kind of the decision (invitation, party-crasher, counter …), or 'reply' for a direct answer. */
  readonly kind: string;
  /** What the person chose: a decision choice, or accepted / tentative / declined for a direct answer. */
  readonly choice: string;
  readonly outcome: string;
  /** Why, as a catalogue message; lines written before reasons became codes hold a sentence, read as literal text. */
  readonly reason: Message;
  readonly uid: string | null;
  readonly recurrenceId: string | null;
  /** Recipients of the iMIP messages the decision produced. */
  readonly sentTo: readonly string[];
  /** The open decision this carried out (absent for a direct answer and in lines written before it was kept). */
  readonly pendingId?: string;
}

export const DECISIONS_FILE = 'decisions.jsonl';
/** The choice of the line an undo writes (electron/app/undoAction.ts): what it names is no longer carried out. */
export const UNDO_CHOICE = 'undo';

export class DecisionLog {
  private constructor(private readonly log: JsonlAppender) {}

  get file(): string {
    return this.log.file;
  }

  static async open(dir: string, opts: StoreOptions = {}): Promise<DecisionLog> {
    try {
      await mkdir(dir, { recursive: true });
    } catch (e) {
      throw ioError('create the folder', dir, e);
    }
    const file = path.join(dir, DECISIONS_FILE);
    let torn = false;
    try {
      const bytes = await readFile(file);
      torn = bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a;
    } catch (e) {
      if (errnoCode(e) !== 'ENOENT') throw ioError('read', file, e);
    }
    return new DecisionLog(new JsonlAppender(file, opts.fsync ?? true, torn));
  }

  /**
   * Whether the open decision `pendingId` was carried out and logged already: a crash (or a full disk) between the
   * log line and removing the pending file leaves it open, and retrying it must not answer twice.
   */
  async hasCarriedOut(pendingId: string): Promise<boolean> {
    let text: string;
    try {
      text = await readFile(this.log.file, 'utf8');
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') return false;
      throw ioError('read', this.log.file, e);
    }
    const needle = `"pendingId":${JSON.stringify(pendingId)}`;
    // The last line about it decides: an undo (choice "undo") opened the decision again.
    const last = text
      .split('\n')
      .filter((line) => line.includes(needle))
      .at(-1);
    if (last === undefined) return false;
    try {
      return (JSON.parse(last) as { choice?: unknown }).choice !== UNDO_CHOICE;
    } catch {
      return true;
    }
  }

  /** Appends one record; once it resolves the record survives a crash (with fsync on). */
  record(entry: DecisionEntry): Promise<void> {
    const clean = decisionEntryOf(entry as unknown as Record<string, unknown>);
    return clean ? this.log.append(clean) : Promise.reject(new Error('not a decision record'));
  }
}

/** The record in a parsed line (extra fields dropped), or null when it is not one. */
export function decisionEntryOf(v: Record<string, unknown>): DecisionEntry | null {
  if (typeof v !== 'object' || v === null) return null;
  const text = (x: unknown): string | null => (typeof x === 'string' ? x : null);
  if (
    typeof v.at !== 'string' ||
    typeof v.kind !== 'string' ||
    typeof v.choice !== 'string' ||
    typeof v.outcome !== 'string'
  )
    return null;
  return {
    at: v.at,
    kind: v.kind,
    choice: v.choice,
    outcome: v.outcome,
    reason: readMessage(v.reason) ?? textMessage(''),
    uid: text(v.uid),
    recurrenceId: text(v.recurrenceId),
    sentTo: Array.isArray(v.sentTo) ? v.sentTo.filter((x): x is string => typeof x === 'string') : [],
    ...(typeof v.pendingId === 'string' ? { pendingId: v.pendingId } : {}),
  };
}
