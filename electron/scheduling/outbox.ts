/**
 * Where outgoing iMIP messages go. The orchestrator hands every OutgoingItip to an `OutgoingSink`; the CLI's sink
 * writes .eml files into a folder, the watcher's sink (mail transport) queues them for SMTP.
 */
import type { OutgoingItip } from '../../shared/model/outgoing.js';
import { buildImipMail } from '../mail/buildImipMail.js';
import { writeToOutbox } from '../mail/outboxFolder.js';

export interface Delivery {
  readonly method: string;
  readonly to: string;
  readonly from: string;
  /** Where the message went: a file path or a queue entry. */
  readonly location: string;
}

export interface OutgoingSink {
  deliver(msg: OutgoingItip, meta: { readonly now: number; readonly autoSubmitted: boolean }): Promise<Delivery>;
}

/** Writes each message as a complete RFC 5322 .eml file into `dir`, one file per recipient. */
export class FolderSink implements OutgoingSink {
  readonly #dir: string;
  constructor(dir: string) {
    this.#dir = dir;
  }

  async deliver(msg: OutgoingItip, meta: { now: number; autoSubmitted: boolean }): Promise<Delivery> {
    const raw = await buildImipMail(msg, { date: new Date(meta.now), autoSubmitted: meta.autoSubmitted });
    const location = await writeToOutbox(this.#dir, raw, { method: msg.method, to: msg.to, uid: msg.uid });
    return { method: msg.method, to: msg.to.address, from: msg.from.address, location };
  }
}
