/**
 * The in-memory side of the sync state: one MailboxSyncState per mailbox shared by the scanner and by
 * `mark`/`claim`, plus how far the known HIGHESTMODSEQ may advance. Owns the modseq bookkeeping that lets a
 * restart skip SEARCH and FETCH when nothing changed although we stored keywords ourselves: the MODSEQ in the
 * answer to our own STORE (RFC 7162 §3.1.4) is the mailbox's HIGHESTMODSEQ right after it, so the known value
 * moves up to it. Changes by other clients are seen as untagged FETCH FLAGS (during IDLE or with the next
 * command, RFC 3501 §7.4.2); one of those makes the state stop claiming to be in sync, and the next start
 * searches again. (Counting +1 per STORE does not work: Dovecot spends two mod-sequences on a -FLAGS with two
 * keywords.) New mail is covered by UIDNEXT. Durable writes for local marks, debounced ones for bookkeeping.
 */
import { emptyState, SyncStateStore, type MailboxSyncState } from './syncState.js';

const SAVE_DELAY_MS = 300;

interface LiveModseq {
  uidValidity: string;
  /** The HIGHESTMODSEQ the state accounts for. */
  known: bigint;
  inSync: boolean;
  /** True once a scan of this mailbox completed in this session: only then is `known` persisted. */
  scanned: boolean;
}

export class MailboxBook {
  readonly store: SyncStateStore;
  readonly #states = new Map<string, Promise<MailboxSyncState>>();
  readonly #live = new Map<string, LiveModseq>();
  readonly #timers = new Map<string, NodeJS.Timeout>();

  constructor(stateDir: string) {
    this.store = new SyncStateStore(stateDir);
  }

  state(mailbox: string): Promise<MailboxSyncState> {
    let p = this.#states.get(mailbox);
    if (!p) {
      p = this.store.load(mailbox);
      this.#states.set(mailbox, p);
    }
    return p;
  }

  /** A new UIDVALIDITY: every UID we remembered for this mailbox is meaningless now (RFC 3501 §2.3.1.1). */
  async resetIfUidValidityChanged(state: MailboxSyncState, uidValidity: string): Promise<boolean> {
    if (state.uidValidity === uidValidity) return false;
    const fresh = emptyState(state.mailbox, uidValidity);
    Object.assign(state, fresh);
    this.#live.delete(state.mailbox);
    await this.store.save(state, { durable: true });
    return true;
  }

  /** A scan selected the mailbox: from here on our own STOREs may advance the known modseq. */
  beginScan(mailbox: string, uidValidity: string, highestModseq: bigint | null): void {
    if (highestModseq === null) this.#live.delete(mailbox);
    else this.#live.set(mailbox, { uidValidity, known: highestModseq, inSync: true, scanned: false });
  }

  /** The modseq to persist at the end of a scan that started at `selected`. */
  endScan(mailbox: string, selected: bigint | null): string | null {
    const live = this.#live.get(mailbox);
    if (!live || selected === null) return selected === null ? null : selected.toString();
    live.scanned = true;
    return live.inSync ? live.known.toString() : selected.toString();
  }

  /** MODSEQ values the server gave back for our own STORE (rawCommands.uidStore). */
  noteOwnStore(state: MailboxSyncState, modseqs: ReadonlyMap<number, bigint>): void {
    const live = this.#live.get(state.mailbox);
    if (!live || !live.inSync || live.uidValidity !== state.uidValidity) return;
    for (const modseq of modseqs.values()) if (modseq > live.known) live.known = modseq;
    if (live.scanned) {
      state.highestModseq = live.known.toString();
      this.saveSoon(state);
    }
  }

  /** Another client changed flags in this mailbox (an untagged FETCH we did not ask for). */
  noteForeignChange(mailbox: string): void {
    const live = this.#live.get(mailbox);
    if (live) live.inSync = false;
  }

  /** Bookkeeping that may be lost in a crash (it then costs one SEARCH): written within SAVE_DELAY_MS. */
  saveSoon(state: MailboxSyncState): void {
    if (this.#timers.has(state.mailbox)) return;
    const t = setTimeout(() => {
      this.#timers.delete(state.mailbox);
      this.store.save(state).catch(() => undefined);
    }, SAVE_DELAY_MS);
    t.unref();
    this.#timers.set(state.mailbox, t);
  }

  async saveNow(state: MailboxSyncState, durable = false): Promise<void> {
    const t = this.#timers.get(state.mailbox);
    if (t) {
      clearTimeout(t);
      this.#timers.delete(state.mailbox);
    }
    await this.store.save(state, { durable });
  }

  /** Writes every pending state and clears the timers (stop()). */
  async flush(): Promise<void> {
    const pending = [...this.#timers.keys()];
    for (const mailbox of pending) {
      const state = await this.state(mailbox);
      await this.saveNow(state);
    }
  }

  /** A new connection: what the previous one knew about modseqs is stale. */
  forgetLive(): void {
    this.#live.clear();
  }
}
