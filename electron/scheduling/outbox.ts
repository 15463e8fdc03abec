/**
 * Where outgoing iMIP messages go. The orchestrator hands every OutgoingItip to an `OutgoingSink`; the CLI's sink
 * writes .eml files into a folder, the watcher's sink (mail transport) queues them for SMTP.
 */
import { createHash } from 'node:crypto';
import type { OutgoingItip } from '../../shared/model/outgoing.js';
import { writeToOutbox } from '../outbox/index.js';

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
}

export interface OutgoingSink {
  deliver(msg: OutgoingItip, meta: DeliveryMeta): Promise<Delivery>;
}

/**
 * The same cause and recipient always give the same Message-ID, so a message regenerated after a crash, or by a
 * second device handling the same mail, is recognised in the Sent folder and not sent twice.
 */
export function deterministicMessageId(msg: OutgoingItip, cause: string): string {
  const digest = createHash('sha256').update(`${cause}\n${msg.method}\n${msg.uid}\n${msg.recurrenceId ?? ''}\n${msg.to.address.toLowerCase()}`).digest('hex').slice(0, 32);
  const domain = /@([^@>\s]+)$/.exec(msg.from.address)?.[1] ?? 'imip-companion.invalid';
  return `<${digest}@${domain}>`;
}

/** Writes each message as a complete RFC 5322 .eml file with its outbox record into `dir`, one per recipient. */
export class FolderSink implements OutgoingSink {
  readonly #dir: string;
  constructor(dir: string) {
    this.#dir = dir;
  }

  async deliver(msg: OutgoingItip, meta: DeliveryMeta): Promise<Delivery> {
    // nodemailer's composer is loaded with the first message to write: most `process` runs send nothing.
    const { buildImipMail } = await import('../mail/buildImipMail.js');
    const messageId = deterministicMessageId(msg, meta.cause);
    const raw = await buildImipMail(msg, { date: new Date(meta.now), autoSubmitted: meta.autoSubmitted, messageId });
    const location = await writeToOutbox(this.#dir, raw, { method: msg.method, to: msg.to, uid: msg.uid, messageId, now: meta.now });
    return { method: msg.method, to: msg.to.address, from: msg.from.address, location };
  }
}
