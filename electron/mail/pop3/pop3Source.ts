/**
 * The POP3 mail source: lists the mailbox by UIDL, downloads each message not handled yet, hands it to the
 * caller, and leaves every message on the server. POP3 has no flags or keywords, so the data dir's record
 * (`state/pop3/<account>.json`, the UIDLs handled) is the only marker of what was done: a message is recorded
 * only after its handler finished, so a crash repeats it (the orchestrator's processed log makes that a no-op)
 * and never skips it.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../fsio/atomicWrite.js';
import { Pop3Client, type Pop3Account } from './pop3Client.js';

/** Larger messages are not downloaded: no invitation is this big, and POP3 cannot fetch just one part. */
const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

export interface Pop3Message {
  readonly uid: string;
  readonly raw: Buffer;
}

export interface Pop3PollResult {
  /** Messages on the server. */
  readonly listed: number;
  /** Messages handed to the handler in this poll. */
  readonly handled: number;
  /** Messages left for the next poll (the handler asked for a retry, or it threw). */
  readonly retry: number;
  readonly skippedTooLarge: number;
}

export interface Pop3SourceOptions {
  /** The record file, e.g. `<data dir>/state/pop3/<account id>.json`. */
  readonly stateFile: string;
  readonly log?: (line: string) => void;
}

/** The handler says whether the message is done ('handled', recorded) or should be offered again later. */
export type Pop3Handler = (message: Pop3Message) => Promise<'handled' | 'retry'>;

export class Pop3Source {
  readonly #account: Pop3Account;
  readonly #stateFile: string;
  readonly #log: (line: string) => void;

  constructor(account: Pop3Account, opts: Pop3SourceOptions) {
    this.#account = account;
    this.#stateFile = opts.stateFile;
    this.#log = opts.log ?? (() => undefined);
  }

  /** One session: connect, UIDL, RETR what is new, QUIT (never DELE). Connection errors are thrown as Pop3Error. */
  async poll(handler: Pop3Handler): Promise<Pop3PollResult> {
    const done = await this.#readRecord();
    const client = await Pop3Client.connect(this.#account);
    let handled = 0;
    let retry = 0;
    let skippedTooLarge = 0;
    let listed = 0;
    try {
      const entries = await client.uidl();
      listed = entries.length;
      const sizes = await client.list();
      for (const e of entries) {
        if (done.has(e.uid)) continue;
        if ((sizes.get(e.msg) ?? 0) > MAX_MESSAGE_BYTES) {
          skippedTooLarge++;
          done.add(e.uid);
          await this.#writeRecord(done, entries);
          continue;
        }
        const raw = await client.retr(e.msg);
        let outcome: 'handled' | 'retry';
        try {
          outcome = await handler({ uid: e.uid, raw });
        } catch (err) {
          this.#log(`${e.uid}: not handled now: ${(err as Error).message}`);
          outcome = 'retry';
        }
        if (outcome === 'retry') {
          retry++;
          continue;
        }
        handled++;
        done.add(e.uid);
        await this.#writeRecord(done, entries);
      }
    } finally {
      await client.quit().catch(() => client.close());
    }
    return { listed, handled, retry, skippedTooLarge };
  }

  async #readRecord(): Promise<Set<string>> {
    try {
      const parsed = JSON.parse(await readFile(this.#stateFile, 'utf8')) as { handled?: unknown };
      return new Set(
        Array.isArray(parsed.handled) ? parsed.handled.filter((u): u is string => typeof u === 'string') : [],
      );
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
        this.#log(`the POP3 record ${this.#stateFile} is unreadable; starting a new one`);
      return new Set();
    }
  }

  /** Only UIDLs still on the server are kept, so the record does not grow forever (RFC 1939 §7: ids are unique). */
  async #writeRecord(done: Set<string>, onServer: readonly { uid: string }[]): Promise<void> {
    const present = new Set(onServer.map((e) => e.uid));
    const handled = [...done].filter((u) => present.has(u));
    await mkdir(path.dirname(this.#stateFile), { recursive: true });
    await writeFileAtomic(this.#stateFile, `${JSON.stringify({ handled }, null, 1)}\n`);
  }
}
