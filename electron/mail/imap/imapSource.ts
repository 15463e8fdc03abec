/**
 * ImapSource: watches one account's INBOX (and its Sent folder) for scheduling mail and hands each message to
 * the agent, and keeps our per-message state on the server as keywords. Owns the connection life cycle:
 * connect, catch up, wait (IDLE, RFC 2177, or polling), reconnect with capped back-off after any drop, stop.
 * The scan itself is mailboxScanner.ts; keywords are messageMarks.ts; persistence is syncState.ts.
 */
import type { ImapFlow } from 'imapflow';
import { Backoff, Signal } from './backoff.js';
import { connectOrExplain, testAccount, type TestResult } from './clientOptions.js';
import { checkUidValidity, classifyConnectError, errorText, ImapError, toImapError } from './imapErrors.js';
import { ensureSelected, ImapSession } from './imapSession.js';
import {
  KEYWORDS,
  type FetchedMessage,
  type ImapAccount,
  type ImapSourceOptions,
  type ImapStats,
  type ImapStatus,
  type MessageRef,
  type MessageState,
} from './imapTypes.js';
import { MailboxBook } from './mailboxBook.js';
import { handedKey, isUnchanged, scanMailbox, type ScanDeps } from './mailboxScanner.js';
import { claimAllOnServer, OUR_KEYWORDS, selectFor, storePristineStates, storeState } from './messageMarks.js';
import { formatUidSet } from './uidSet.js';
import { appendSent, ensureSentFolder, findSentFolder, sentContains } from './sentFolder.js';

const INBOX = 'INBOX';

/** Receives a scan batch's messages of one mailbox, in UID order. */
export type GroupHandler = (group: readonly FetchedMessage[]) => Promise<void>;

export class ImapSource {
  readonly #account: ImapAccount;
  readonly #opts: Required<Omit<ImapSourceOptions, 'log'>> & { log: (line: string) => void };
  readonly #book: MailboxBook;
  readonly #wake = new Signal();
  readonly #stats: ImapStats = {
    searches: 0,
    fetches: 0,
    fetchedBytes: 0,
    downloadedParts: 0,
    calendarBytes: 0,
    handed: 0,
    connects: 0,
  };
  #session: ImapSession | null = null;
  #sent: string | null = null;
  #running: Promise<void> | null = null;
  #stopping = false;
  /** Set by EXISTS on INBOX: do a round now instead of waiting for the poll. */
  #newMail = false;
  #lastError: string | null = null;
  #lastErrorCode: string | null = null;
  #closedBytes = 0;
  /** Messages handed over on the current connection. */
  #handed = new Set<string>();
  #pristine = new Set<string>();
  readonly #suspects = new Map<string, number>();
  readonly #inFlight = new Set<string>();

  constructor(account: ImapAccount, opts: ImapSourceOptions) {
    this.#account = account;
    this.#opts = {
      stateDir: opts.stateDir,
      timeframeMs: opts.timeframeMs,
      now: opts.now,
      pollSeconds: opts.pollSeconds ?? 60,
      batchSize: Math.max(1, opts.batchSize ?? 50),
      watchSent: opts.watchSent ?? true,
      log: opts.log ?? (() => undefined),
    };
    this.#book = new MailboxBook(opts.stateDir);
  }

  /** Watches until `stop()`, handing messages over one at a time (see `runGroups`). */
  run(handle: (msg: FetchedMessage) => Promise<void>): Promise<void> {
    return this.runGroups(async (group) => {
      for (const msg of group) {
        if (this.#stopping) return;
        try {
          await handle(msg);
        } catch (e) {
          this.#opts.log(
            `imap: handler failed for ${msg.ref.mailbox} UID ${msg.ref.uid}: ${e instanceof Error ? e.message : String(e)}`,
          );
        }
      }
    });
  }

  /**
   * Watches until `stop()`, handing over each scan batch's messages as one group in UID order (a burst of new mail
   * is handled with one claim, one unit of work and one keyword STORE per group: `claimAll`, `markAll`). A message
   * of a group the handler leaves unmarked is looked at again after a reconnect or restart.
   */
  runGroups(handle: GroupHandler): Promise<void> {
    if (this.#running) return Promise.reject(new Error('ImapSource.run() is already running'));
    this.#stopping = false;
    const running = this.#loop(handle).finally(() => {
      this.#running = null;
    });
    this.#running = running;
    return running;
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wake.notify();
    if (this.#running) await this.#running.catch(() => undefined);
    else await this.#endSession();
    await this.#book.flush();
  }

  status(): ImapStatus {
    const s = this.#session;
    return {
      connected: !!s && !s.closed,
      lastError: this.#lastError,
      lastErrorCode: this.#lastErrorCode,
      idle: s?.idling ?? false,
    };
  }

  stats(): ImapStats {
    return { ...this.#stats, fetchedBytes: this.#closedBytes + (this.#session?.receivedBytes() ?? 0) };
  }

  async mark(ref: MessageRef, value: MessageState): Promise<void> {
    await this.markAll([{ ref, value }]);
  }

  /**
   * Stores each message's state keyword (all of one mailbox). Messages handed over on this connection and not
   * marked since need no removal of other keywords: one `UID STORE set +FLAGS` per keyword for all of them. Without
   * the server (or when it fails) the marks are recorded locally and stored by the next scan.
   */
  async markAll(marks: readonly { readonly ref: MessageRef; readonly value: MessageState }[]): Promise<void> {
    const first = marks[0];
    if (!first) return;
    const state = await this.#book.state(first.ref.mailbox);
    for (const { ref } of marks) {
      if (ref.mailbox !== first.ref.mailbox) throw new Error('markAll: messages of one mailbox only');
      checkUidValidity(state.uidValidity, ref);
      state.unfinished.delete(ref.uid);
    }
    const session = this.#live();
    if (!session) {
      for (const { ref, value } of marks) state.local.set(ref.uid, { state: value, queued: true });
      await this.#book.saveNow(state, true);
      return;
    }
    const pristine = new Map<number, MessageState>();
    const others: { ref: MessageRef; value: MessageState }[] = [];
    for (const m of marks) {
      if (this.#pristine.delete(handedKey(m.ref.mailbox, m.ref.uidValidity, m.ref.uid)))
        pristine.set(m.ref.uid, m.value);
      else others.push(m);
    }
    const stored: number[] = [];
    const local: { uid: number; value: MessageState; queued: boolean }[] = [];
    try {
      await session.use(async (c) => {
        const info = await selectFor(c, first.ref);
        if (pristine.size > 0) {
          if ((await storePristineStates(c, this.#book, state, info, pristine)) === 'stored')
            stored.push(...pristine.keys());
          else for (const [uid, value] of pristine) local.push({ uid, value, queued: false });
        }
        for (const { ref, value } of others) {
          if ((await storeState(c, this.#book, state, info, ref.uid, value)) === 'stored') stored.push(ref.uid);
          else local.push({ uid: ref.uid, value, queued: false });
        }
      });
    } catch (e) {
      if (e instanceof ImapError) throw e;
      // Connection lost or the server failed: remembered here, stored as a keyword on the next scan.
      this.#opts.log(
        `imap: mark ${first.ref.mailbox} UID ${formatUidSet(marks.map((m) => m.ref.uid))} queued: ${errorText(e)}`,
      );
      const done = new Set(stored);
      for (const { ref, value } of marks) if (!done.has(ref.uid)) local.push({ uid: ref.uid, value, queued: true });
    }
    for (const uid of stored) state.local.delete(uid);
    if (local.length === 0) {
      this.#book.saveSoon(state);
      return;
    }
    for (const l of local) state.local.set(l.uid, l.queued ? { state: l.value, queued: true } : { state: l.value });
    await this.#book.saveNow(state, true);
  }

  async claim(ref: MessageRef): Promise<boolean> {
    return (await this.claimAll([ref])).length === 1;
  }

  /**
   * Claims a group of messages of one mailbox (two devices on one mailbox, messageMarks.ts) and returns those this
   * device may handle, in the order given: claimed now, or by this device before (a restart between claim and
   * mark). Dealt with on this device already, or taken by another device: left out.
   */
  async claimAll(refs: readonly MessageRef[]): Promise<MessageRef[]> {
    const first = refs[0];
    if (!first) return [];
    const state = await this.#book.state(first.mailbox);
    const ours = new Set<number>();
    const asking = new Set<number>();
    for (const ref of refs) {
      if (ref.mailbox !== first.mailbox) throw new Error('claimAll: messages of one mailbox only');
      checkUidValidity(state.uidValidity, ref);
      const local = state.local.get(ref.uid);
      // Claimed by us before (a restart between claim and mark), or already dealt with on this device.
      if (local) {
        if (local.state === 'claimed') ours.add(ref.uid);
      } else asking.add(ref.uid);
    }
    const asked = [...asking];
    if (asked.length > 0) {
      const session = this.#live();
      if (!session) throw new ImapError('NOT_CONNECTED', 'a claim needs the server');
      // Write-ahead: the note that this device claims the messages is on disk before the keyword is on the server.
      // Otherwise a crash between the two leaves messages whose claim nobody owns, skipped by every device forever.
      for (const uid of asked) state.local.set(uid, { state: 'claimed' });
      await this.#book.saveNow(state, true);
      const outcomes = await session
        .use(async (c) => claimAllOnServer(c, this.#book, state, await selectFor(c, first), asked))
        .catch((e: unknown) => {
          for (const uid of asked) state.local.delete(uid);
          this.#book.saveSoon(state);
          throw toImapError(e, session.closed);
        });
      let lost = false;
      for (const uid of asked) {
        const outcome = outcomes.get(uid);
        if (outcome === 'won' || outcome === 'unsupported') ours.add(uid);
        else {
          state.local.delete(uid);
          lost = true;
        }
      }
      if (lost) await this.#book.saveNow(state, true);
    }
    return refs.filter((r) => ours.has(r.uid));
  }

  /**
   * Files a copy of mail we sent in the Sent folder, already marked handled, so no scan downloads it again (it is
   * our own answer, not news). Where the folder keeps no keywords the copy's UID goes into the local record instead.
   */
  async appendToSent(raw: Buffer, messageId: string | null): Promise<void> {
    const copy = await this.#withConnection(async (c, sent) => ({
      sent,
      ...(await appendSent(c, sent, raw, KEYWORDS.processed, messageId)),
    }));
    if (copy.marked) return;
    if (copy.uid === null) {
      this.#opts.log(
        `imap: the copy of ${messageId ?? 'a sent message'} in ${copy.sent} has no known UID; the next scan of ${copy.sent} reads it`,
      );
      return;
    }
    const state = await this.#book.state(copy.sent);
    await this.#book.resetIfUidValidityChanged(state, copy.uidValidity);
    state.local.set(copy.uid, { state: 'processed' });
    await this.#book.saveNow(state, true);
  }

  async sentHasMessageId(messageId: string): Promise<boolean> {
    return this.#withConnection(async (c, sent) => sentContains(c, sent, messageId));
  }

  /** "Test connection": connects and logs in once; the code says which step failed. */
  static testConnection(account: ImapAccount): Promise<TestResult> {
    return testAccount(account);
  }

  async #loop(handle: GroupHandler): Promise<void> {
    const backoff = new Backoff();
    while (!this.#stopping) {
      try {
        await this.#serve(handle, () => backoff.reset());
      } catch (e) {
        this.#lastError = errorText(e);
        this.#lastErrorCode = failureCode(e);
        this.#opts.log(`imap: ${this.#lastError}`);
        for (const k of this.#inFlight) this.#suspects.set(k, (this.#suspects.get(k) ?? 0) + 1);
      } finally {
        this.#inFlight.clear();
        await this.#endSession();
      }
      if (this.#stopping) break;
      const delay = backoff.take();
      this.#opts.log(`imap: reconnecting in ${delay / 1000} s`);
      await this.#wake.wait(delay);
    }
    await this.#book.flush();
  }

  /** One connection: catch up, then wait for work until stopped; throws when the connection is lost. */
  async #serve(handle: GroupHandler, healthy: () => void): Promise<void> {
    const session = await ImapSession.open(this.#account, {
      onExists: (path) => {
        if (path !== INBOX) return;
        this.#newMail = true;
        this.#wake.notify();
      },
      onForeignFlags: (path) => this.#book.noteForeignChange(path),
      onClose: () => this.#wake.notify(),
      onFree: () => this.#wake.notify(),
    });
    this.#session = session;
    this.#stats.connects++;
    this.#lastError = null;
    this.#lastErrorCode = null;
    this.#book.forgetLive();
    this.#handed = new Set();
    this.#pristine = new Set();
    if (this.#stopping) return;
    this.#sent = await session.use(async (c) => findSentFolder(c));
    const deps = this.#scanDeps(session, handle);
    for (;;) {
      this.#newMail = false;
      await this.#round(session, deps);
      healthy();
      if (this.#stopping) return;
      await this.#waitForWork(session);
      if (this.#stopping) return;
    }
  }

  #scanDeps(session: ImapSession, handle: GroupHandler): ScanDeps {
    return {
      session,
      book: this.#book,
      timeframeMs: this.#opts.timeframeMs,
      now: this.#opts.now,
      batchSize: this.#opts.batchSize,
      stats: this.#stats,
      handed: this.#handed,
      pristine: this.#pristine,
      suspects: this.#suspects,
      inFlight: this.#inFlight,
      stopping: () => this.#stopping,
      handle,
      log: this.#opts.log,
    };
  }

  /** INBOX, then the Sent folder when its STATUS (RFC 3501 §6.3.10) shows a change. */
  async #round(session: ImapSession, deps: ScanDeps): Promise<void> {
    if ((await scanMailbox(deps, INBOX, false)) === 'stopped') return;
    const sent = this.#sent;
    if (!this.#opts.watchSent || !sent || this.#stopping) return;
    const state = await this.#book.state(sent);
    const st = await session.use(async (c) =>
      c.status(sent, { uidNext: true, uidValidity: true, highestModseq: true }),
    );
    if (
      st &&
      st.uidValidity !== undefined &&
      st.uidNext !== undefined &&
      isUnchanged(state, st.uidValidity.toString(), st.uidNext, st.highestModseq ?? null, this.#handed)
    )
      return;
    await scanMailbox(deps, sent, true);
  }

  /**
   * Idles on INBOX until new mail, the poll interval (the only signal without IDLE; with IDLE it is the safety
   * poll that also covers the Sent folder), stop() or a dropped connection. An exclusive section run by
   * mark/claim/appendToSent ends IDLE; it is started again when the connection is free.
   */
  async #waitForWork(session: ImapSession): Promise<void> {
    const deadline = Date.now() + this.#opts.pollSeconds * 1000;
    for (;;) {
      if (this.#stopping || this.#newMail) return;
      if (session.closed) throw new ImapError('NOT_CONNECTED', 'the connection was closed');
      if (!session.busy && !session.idling) {
        if (session.client.mailbox === false || session.client.mailbox.path !== INBOX) {
          await this.#reselectInbox(session);
          continue;
        }
        session.startIdle();
      }
      const left = deadline - Date.now();
      if (left <= 0) return;
      await this.#wake.wait(left);
    }
  }

  /** Back on INBOX after a Sent operation; mail that came meanwhile raised no EXISTS for us (RFC 3501 §7.3.1). */
  async #reselectInbox(session: ImapSession): Promise<void> {
    const info = await session.use(async (c) => ensureSelected(c, INBOX, OUR_KEYWORDS));
    const state = await this.#book.state(INBOX);
    if (!isUnchanged(state, info.uidValidity, info.uidNext, info.highestModseq, this.#handed)) this.#newMail = true;
  }

  #live(): ImapSession | null {
    const s = this.#session;
    return s && !s.closed ? s : null;
  }

  async #endSession(): Promise<void> {
    const s = this.#session;
    this.#session = null;
    if (!s) return;
    await s.logout();
    this.#closedBytes += s.receivedBytes();
  }

  /** Uses the running connection, or a short one of its own when run() is not active (the outbox may send first). */
  async #withConnection<T>(fn: (c: ImapFlow, sent: string) => Promise<T>): Promise<T> {
    const session = this.#live();
    if (session) {
      const run = session.use(async (c) => {
        const sent = this.#sent ?? (this.#sent = await ensureSentFolder(c));
        if (!sent) throw new ImapError('NO_SENT_FOLDER');
        return fn(c, sent);
      });
      return run.catch((e: unknown) => {
        throw toImapError(e, session.closed);
      });
    }
    const client = await connectOrExplain(this.#account);
    try {
      const sent = await ensureSentFolder(client);
      if (!sent) throw new ImapError('NO_SENT_FOLDER');
      return await fn(client, sent);
    } catch (e) {
      throw toImapError(e, false);
    } finally {
      await client.logout().catch(() => client.close());
    }
  }
}

/** The code of a failure: the token source's (the `cause` of a login without a token), else the IMAP one. */
function failureCode(e: unknown): string {
  const cause = e instanceof ImapError ? (e.cause as { code?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string' && cause.code.startsWith('AUTH_')) return cause.code;
  return e instanceof ImapError ? e.code : classifyConnectError(e).code;
}
