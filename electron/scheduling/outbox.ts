/**
 * Where outgoing iMIP messages go. The orchestrator hands every OutgoingItip to an `OutgoingSink`; the CLI's sink
 * writes .eml files into a folder, the watcher's sink (mail transport) queues them for SMTP. The mail's words
 * (the engine's catalogue messages for Subject and text part) are rendered here, in the person's language: what
 * the outbox holds is a complete mail, as it always was.
 */
import { createHash } from 'node:crypto';
import { renderItipMail, type OutgoingItip } from '../../shared/model/outgoing.js';
import { english, type Translator } from '../../shared/i18n/index.js';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeToOutbox } from '../outbox/index.js';
import { STATE_SUFFIX } from '../outbox/outboxFiles.js';
import { parseRecord } from '../outbox/outboxRecord.js';
import { checkFileFault } from '../fsio/fileFaults.js';
import type { DataDirConfig } from '../store/dataDir.js';
import { personWordsOf } from '../settings/language.js';
import { myNameFor } from '../settings/organizeSettings.js';
import { undoGraceMsOf } from '../settings/schedulingSettings.js';

export interface Delivery {
  readonly method: string;
  readonly to: string;
  readonly from: string;
  /** Where the message went: a file path or a queue entry. */
  readonly location: string;
}

export interface DeliveryMeta {
  readonly now: number;
  /** Sent without a person's action (RFC 3834 Auto-Submitted). */
  readonly autoSubmitted: boolean;
  /** What caused this message (the incoming message's key, or the decision): makes its Message-ID deterministic. */
  readonly cause: string;
  /**
   * The Message-ID of the mail this one answers (the invitation a REPLY answers, the COUNTER a DECLINECOUNTER
   * declines): In-Reply-To and References, so the answer threads with it in the organizer's mail client.
   */
  readonly inReplyTo?: string | null;
}

/** Methods that answer the mail that caused them. */
const ANSWERS = new Set(['REPLY', 'DECLINECOUNTER']);

export interface OutgoingSink {
  deliver(msg: OutgoingItip, meta: DeliveryMeta): Promise<Delivery>;
}

/**
 * The same cause and recipient always give the same Message-ID, so a message regenerated after a crash, or by a
 * second device handling the same mail, is recognised in the Sent folder and not sent twice.
 */
export function deterministicMessageId(msg: OutgoingItip, cause: string): string {
  const digest = createHash('sha256')
    .update(`${cause}\n${msg.method}\n${msg.uid}\n${msg.recurrenceId ?? ''}\n${msg.to.address.toLowerCase()}`)
    .digest('hex')
    .slice(0, 32);
  const domain = /@([^@>\s]+)$/.exec(msg.from.address)?.[1] ?? 'imip-companion.invalid';
  return `<${digest}@${domain}>`;
}

/** Writes each message as a complete RFC 5322 .eml file with its outbox record into `dir`, one per recipient. */
export interface FolderSinkOptions {
  /**
   * How long mail a person's action produced (not auto-submitted) stays held in the outbox, so the action can be
   * undone (electron/outbox/outboxHold.ts); 0 or absent: sent as soon as the drain runs.
   */
  readonly holdMs?: number;
  /** The language of the mail's Subject and text part (electron/settings/language.ts); English when absent. */
  readonly words?: Translator;
  /**
   * My name as the address a message is from, for the From of a message that names none (a REPLY, an event made
   * before the name was set); null: none.
   */
  readonly nameFor?: (address: string) => string | null;
}

export class FolderSink implements OutgoingSink {
  readonly #dir: string;
  readonly #holdMs: number;
  readonly #words: Translator;
  readonly #nameFor: (address: string) => string | null;
  /** Message-ID → file of what the outbox holds, read once (first delivery), then kept up to date. */
  #known: Promise<Map<string, string>> | null = null;
  constructor(dir: string, opts: FolderSinkOptions = {}) {
    this.#dir = dir;
    this.#holdMs = Math.max(0, opts.holdMs ?? 0);
    this.#words = opts.words ?? english;
    this.#nameFor = opts.nameFor ?? (() => null);
  }

  async deliver(msg: OutgoingItip, meta: DeliveryMeta): Promise<Delivery> {
    // nodemailer's composer is loaded with the first message to write: most `process` runs send nothing.
    const { buildImipMail } = await import('../mail/buildImipMail.js');
    const messageId = deterministicMessageId(msg, meta.cause);
    // Carried out again after a failure (the message's record or the decision's removal was not written): the
    // same cause gives the same Message-ID, and a message already in the outbox is not written a second time.
    this.#known ??= indexByMessageId(this.#dir);
    const known = await this.#known;
    const earlier = known.get(messageId);
    if (earlier) return { method: msg.method, to: msg.to.address, from: msg.from.address, location: earlier };
    // Every message of this outbox is mine: my name where the engine gave the From none.
    const name = msg.from.name ? null : this.#nameFor(msg.from.address);
    const from = name ? { ...msg.from, name } : msg.from;
    const raw = await buildImipMail(renderItipMail({ ...msg, from }, this.#words), {
      date: new Date(meta.now),
      autoSubmitted: meta.autoSubmitted,
      messageId,
      inReplyTo: ANSWERS.has(msg.method) ? (meta.inReplyTo ?? null) : null,
    });
    // The outbox is one of the data dir's writes: the fault-injection tests fail it like the others.
    checkFileFault('write', this.#dir);
    const location = await writeToOutbox(this.#dir, raw, {
      method: msg.method,
      to: msg.to,
      uid: msg.uid,
      messageId,
      now: meta.now,
      // Wall-clock: the grace period is real seconds for a person, whatever clock the engine was given (--now).
      heldUntil: !meta.autoSubmitted && this.#holdMs > 0 ? Date.now() + this.#holdMs : null,
    });
    known.set(messageId, location);
    return { method: msg.method, to: msg.to.address, from: msg.from.address, location };
  }
}

/**
 * Message-ID → outbox file (waiting, sent or failed), from the records beside the messages. A waiting record still
 * 'queued' without its message does not count: the writer links the record before the message (outboxFolder.ts),
 * so a kill between the two leaves a record for a message that was never queued, and nothing would send it.
 */
async function indexByMessageId(dir: string): Promise<Map<string, string>> {
  const index = new Map<string, string>();
  for (const folder of [dir, path.join(dir, 'sent'), path.join(dir, 'failed')]) {
    const names = await readdir(folder).catch(() => [] as string[]);
    const present = new Set(names);
    for (const name of names.filter((n) => n.endsWith(STATE_SUFFIX))) {
      const record = parseRecord(await readFile(path.join(folder, name), 'utf8').catch(() => ''));
      const message = name.slice(0, -STATE_SUFFIX.length);
      if (record === 'damaged' || !record.messageId) continue;
      if (folder === dir && record.state === 'queued' && !present.has(message)) continue;
      index.set(record.messageId, path.join(folder, message));
    }
  }
  return index;
}

/**
 * How the mail sent on my behalf is written, from config.json: held for the undo grace period, in my language, with
 * my name (that of the address it is from) in its From. One place for every outbox writer (the agents, the app, the
 * CLI).
 */
export function outboxOptionsOf(cfg: DataDirConfig): FolderSinkOptions {
  return { holdMs: undoGraceMsOf(cfg), words: personWordsOf(cfg), nameFor: myNameFor(cfg) };
}
