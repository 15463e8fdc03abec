/**
 * One authenticated IMAP connection and the rule that only one thing uses it at a time. Owns: the exclusive
 * section (`use`), ending IDLE before any command (RFC 2177 §3: nothing but DONE may be sent while idling),
 * starting IDLE when the connection is free, and telling its owner about new mail (`exists`) and a dropped
 * connection (`close`). imapflow's own auto-IDLE is off: it would only start 15 s after the last command and
 * would not know about commands sent through rawCommands.ts.
 */
import type { ImapFlow, MailboxObject } from 'imapflow';
import { connectOrExplain } from './clientOptions.js';
import { breakIdle } from './rawCommands.js';
import type { ImapAccount } from './imapTypes.js';

export interface SessionEvents {
  /** New messages in the selected mailbox (RFC 3501 §7.3.1 EXISTS grew). */
  onExists?: (path: string) => void;
  /** The connection is gone (server restart, network, `doveadm kick`, our own logout). */
  onClose?: () => void;
  /** Flags changed by another client (an untagged FETCH outside our own FETCH/STORE, RFC 3501 §7.4.2). */
  onForeignFlags?: (path: string) => void;
  /** An exclusive section finished: the owner may start IDLE again. */
  onFree?: () => void;
}

export class ImapSession {
  readonly client: ImapFlow;
  #tail: Promise<unknown> = Promise.resolve();
  #pending = 0;
  #closed = false;
  #bytesAtClose = 0;

  readonly #events: SessionEvents;

  private constructor(client: ImapFlow, events: SessionEvents) {
    this.client = client;
    this.#events = events;
    client.on('exists', (ev) => {
      if (ev.count > ev.prevCount) events.onExists?.(ev.path);
    });
    client.on('flags', (ev) => events.onForeignFlags?.(ev.path));
    client.on('close', () => {
      this.#bytesAtClose = client.stats().received;
      this.#closed = true;
      events.onClose?.();
    });
  }

  static async open(account: ImapAccount, events: SessionEvents): Promise<ImapSession> {
    return new ImapSession(await connectOrExplain(account, { disableAutoIdle: true }), events);
  }

  get closed(): boolean {
    return this.#closed || this.client.isClosed || !this.client.usable;
  }

  /** True while an exclusive section runs or waits. */
  get busy(): boolean {
    return this.#pending > 0;
  }

  get idling(): boolean {
    return this.client.idling;
  }

  get supportsIdle(): boolean {
    return this.client.capabilities.has('IDLE');
  }

  /** Bytes received on this connection so far (kept after it closed). */
  receivedBytes(): number {
    return this.#closed ? this.#bytesAtClose : this.client.stats().received;
  }

  /** Runs `fn` with the connection to itself, after ending IDLE; sections run in call order. */
  use<T>(fn: (client: ImapFlow) => Promise<T>): Promise<T> {
    this.#pending++;
    const run = this.#tail.then(async () => {
      try {
        await breakIdle(this.client);
        return await fn(this.client);
      } finally {
        this.#pending--;
        if (this.#pending === 0) this.#events.onFree?.();
      }
    });
    this.#tail = run.catch(() => undefined);
    return run;
  }

  /**
   * Starts IDLE (RFC 2177) when the server has it, a mailbox is selected and nobody wants the connection. The
   * promise imapflow returns settles when IDLE ends; it is not awaited (reference §8.6), `exists` is the signal.
   */
  startIdle(): boolean {
    if (this.closed || this.busy || this.client.idling || !this.supportsIdle || !this.client.mailbox) return false;
    this.client.idle().catch(() => undefined);
    return true;
  }

  async logout(): Promise<void> {
    if (this.closed) return;
    try {
      await this.use(async (c) => c.logout());
    } catch {
      this.client.close();
    }
  }

  /** Ends the connection without LOGOUT (tests use it to simulate a dropped network). */
  drop(): void {
    this.client.close();
  }
}

/** The mailbox as our scanner needs it, with imapflow's BigInts turned into strings. */
export interface MailboxInfo {
  readonly path: string;
  readonly uidValidity: string;
  readonly uidNext: number;
  /** Messages in the mailbox (RFC 3501 §7.3.1 EXISTS). */
  readonly exists: number;
  /** RFC 7162 HIGHESTMODSEQ, null when the server has no CONDSTORE or the mailbox has NOMODSEQ. */
  readonly highestModseq: bigint | null;
  /** Whether keywords can be stored: PERMANENTFLAGS has `\*` or our keywords (RFC 3501 §7.1 PERMANENTFLAGS). */
  readonly keywords: boolean;
}

export function mailboxInfo(client: ImapFlow, mb: MailboxObject, ourKeywords: readonly string[]): MailboxInfo {
  const pf = mb.permanentFlags;
  // RFC 3501 §7.1: without PERMANENTFLAGS the client may assume every flag is permanent.
  const keywords = !mb.readOnly && (!pf || pf.has('\\*') || ourKeywords.every((k) => pf.has(k)));
  const condstore = client.enabled.has('CONDSTORE') && !mb.noModseq && typeof mb.highestModseq === 'bigint';
  return {
    path: mb.path,
    uidValidity: mb.uidValidity.toString(),
    uidNext: mb.uidNext,
    exists: mb.exists,
    highestModseq: condstore ? (mb.highestModseq as bigint) : null,
    keywords,
  };
}

/** Selects `path` unless it is selected already (a SELECT costs a round trip and resets the server's view). */
export async function ensureSelected(
  client: ImapFlow,
  path: string,
  ourKeywords: readonly string[],
): Promise<MailboxInfo> {
  const current = client.mailbox;
  if (current && current.path === path) return mailboxInfo(client, current, ourKeywords);
  return mailboxInfo(client, await client.mailboxOpen(path), ourKeywords);
}
