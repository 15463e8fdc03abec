/**
 * One pass over one mailbox (INBOX or Sent): select, decide from UIDVALIDITY/UIDNEXT/HIGHESTMODSEQ whether
 * anything can have changed (RFC 3501 §2.3.1.1, RFC 7162 §3.1.2), search the time frame for messages without our
 * keywords, read BODYSTRUCTURE in bounded batches, download only calendar sections, and hand each batch's messages
 * over as one group in UID order. Mail without a calendar part is left untouched on the server and remembered locally.
 * The connection is held only while commands run, never while the handler runs (it may call mark/claim).
 */
import { flushQueuedMarks, OUR_KEYWORDS } from './messageMarks.js';
import { ensureSelected, type ImapSession, type MailboxInfo } from './imapSession.js';
import type { FetchedMessage, ImapStats } from './imapTypes.js';
import type { MailboxBook } from './mailboxBook.js';
import type { ImapFlow } from 'imapflow';
import {
  fetchMails,
  fetchMeta,
  isPartTooLarge,
  searchCandidates,
  type FetchedMail,
  type MessageMeta,
} from './messageFetch.js';
import type { MailboxSyncState } from './syncState.js';
import { formatUidSet } from './uidSet.js';

export interface ScanDeps {
  readonly session: ImapSession;
  readonly book: MailboxBook;
  readonly timeframeMs: number;
  readonly now: () => number;
  readonly batchSize: number;
  readonly stats: ImapStats;
  /** `mailbox/uidvalidity/uid` handed over on this connection: not handed again before a reconnect. */
  readonly handed: Set<string>;
  /** Handed over on this connection and not marked since: none of our state keywords is set on them. */
  readonly pristine: Set<string>;
  /**
   * Messages whose download was in flight when a connection died, and how often. A message that killed a
   * session once is fetched alone and without BINARY; after a second time it is skipped for this run.
   */
  readonly suspects: Map<string, number>;
  /** Keys of the messages being downloaded right now; the source moves them to `suspects` when the connection dies. */
  readonly inFlight: Set<string>;
  readonly stopping: () => boolean;
  /** Receives each batch's messages as one group (they may be claimed, processed and marked together). */
  readonly handle: (group: readonly FetchedMessage[]) => Promise<void>;
  readonly log: (line: string) => void;
}

export type ScanResult = 'unchanged' | 'scanned' | 'stopped';

/**
 * True when the saved state proves there is nothing to look at (no SEARCH, no FETCH). Messages handed over but
 * not marked are looked at again after a restart, not again and again on one connection (`handed`).
 */
export function isUnchanged(
  state: MailboxSyncState,
  uidValidity: string,
  uidNext: number,
  highestModseq: bigint | null,
  handed?: ReadonlySet<string>,
): boolean {
  if (state.uidValidity !== uidValidity || state.uidNext !== uidNext) return false;
  if ([...state.unfinished].some((uid) => !handed?.has(handedKey(state.mailbox, uidValidity, uid)))) return false;
  if ([...state.local.values()].some((m) => m.queued)) return false;
  // Without CONDSTORE only new mail (UIDNEXT) can be noticed; flag changes by other clients are not.
  return highestModseq === null || state.highestModseq === highestModseq.toString();
}

export async function scanMailbox(deps: ScanDeps, mailbox: string, fromSent: boolean): Promise<ScanResult> {
  const state = await deps.book.state(mailbox);
  // A fresh SELECT even when selected: UIDNEXT and HIGHESTMODSEQ are only reported by SELECT/STATUS.
  const info = await deps.session.use(async (c) => {
    await c.mailboxOpen(mailbox);
    return ensureSelected(c, mailbox, OUR_KEYWORDS);
  });
  const previous = state.uidValidity;
  if ((await deps.book.resetIfUidValidityChanged(state, info.uidValidity)) && previous !== null) {
    deps.log(`imap: ${mailbox} has a new UIDVALIDITY ${info.uidValidity} (was ${previous}); rescanning`);
  }
  if (isUnchanged(state, info.uidValidity, info.uidNext, info.highestModseq, deps.handed)) return 'unchanged';
  deps.log(
    `imap: scanning ${mailbox} (UIDNEXT ${state.uidNext ?? '-'} → ${info.uidNext}, HIGHESTMODSEQ ${state.highestModseq ?? '-'} → ${info.highestModseq ?? '-'}, ${state.unfinished.size} unfinished)`,
  );
  deps.book.beginScan(mailbox, info.uidValidity, info.highestModseq);
  await deps.session.use(async (c) =>
    flushQueuedMarks(c, deps.book, state, await ensureSelected(c, mailbox, OUR_KEYWORDS)),
  );

  const frameStart = deps.now() - deps.timeframeMs;
  const changedSince = incrementalFrom(state, info, deps.handed);
  // An empty mailbox (a new account's Sent folder) needs no SEARCH.
  const found =
    info.exists === 0
      ? []
      : await deps.session.use(async (c) => {
          await ensureSelected(c, mailbox, OUR_KEYWORDS);
          deps.stats.searches++;
          return searchCandidates(c, frameStart, changedSince);
        });
  if (changedSince === null) {
    const stillOpen = new Set(found);
    for (const uid of state.unfinished) if (!stillOpen.has(uid)) state.unfinished.delete(uid);
  }
  const candidates = found.filter(
    (uid) => !state.notOurs.has(uid) && !isLocallyDone(state, uid) && !deps.handed.has(key(info, uid)),
  );

  const batches: number[][] = [];
  for (let i = 0; i < candidates.length; i += deps.batchSize) batches.push(candidates.slice(i, i + deps.batchSize));
  let next = batches[0] ? readBatch(deps, info, batches[0], frameStart) : null;
  for (let b = 0; b < batches.length; b++) {
    const batch = await (next ?? readBatch(deps, info, batches[b] ?? [], frameStart));
    // Read ahead: the next batch is downloaded while this one is handled (the handler holds the connection only
    // for its claim and marks), unless this one was large, so that at most two batches of calendar data are held.
    const following = batches[b + 1];
    next = following && batch.bytes <= READ_AHEAD_BYTES ? readBatch(deps, info, following, frameStart) : null;
    next?.catch(() => undefined); // awaited (and its failure thrown) at the next turn
    const done = await handBatch(deps, state, info, batch, fromSent, frameStart);
    await deps.book.saveNow(state);
    if (!done) return 'stopped';
  }
  state.uidNext = info.uidNext;
  state.highestModseq = deps.book.endScan(mailbox, info.highestModseq);
  await deps.book.saveNow(state);
  return 'scanned';
}

/**
 * The MODSEQ to search from when the saved state was in sync at a known HIGHESTMODSEQ: everything older was looked
 * at then. A full search when there is no such point, or when unfinished messages from an earlier run are due
 * again (they have not changed, so MODSEQ would not find them).
 */
function incrementalFrom(state: MailboxSyncState, info: MailboxInfo, handed: ReadonlySet<string>): bigint | null {
  if (state.highestModseq === null || info.highestModseq === null || state.uidValidity !== info.uidValidity)
    return null;
  if ([...state.unfinished].some((uid) => !handed.has(key(info, uid)))) return null;
  return BigInt(state.highestModseq) + 1n;
}

/** The calendar data of a batch held at once before the next batch is read ahead. */
const READ_AHEAD_BYTES = 4 * 1024 * 1024;

interface ReadBatch {
  readonly metas: MessageMeta[];
  readonly mails: FetchedMail[];
  readonly hopeless: number[];
  /** Calendar bytes downloaded. */
  readonly bytes: number;
}

/** BODYSTRUCTURE of a batch, then the calendar sections of those in the time frame. */
async function readBatch(deps: ScanDeps, info: MailboxInfo, uids: number[], frameStart: number): Promise<ReadBatch> {
  return deps.session.use(async (c) => {
    await ensureSelected(c, info.path, OUR_KEYWORDS);
    deps.stats.fetches++;
    const metas = await fetchMeta(c, uids);
    const got = await downloadCalendarMails(
      deps,
      c,
      info,
      metas.filter((m) => m.parts.length > 0 && m.internalDate >= frameStart),
    );
    return { metas, ...got, bytes: got.mails.reduce((n, m) => n + m.partBytes, 0) };
  });
}

/** Returns false when stop() was called (the group in hand is finished first). */
async function handBatch(
  deps: ScanDeps,
  state: MailboxSyncState,
  info: MailboxInfo,
  { metas, mails, hopeless }: ReadBatch,
  fromSent: boolean,
  frameStart: number,
): Promise<boolean> {
  rememberSkipped(state, metas, frameStart);
  for (const m of metas) {
    // Not silent: the message is left alone on the server, and the log says why.
    if (m.parts.length > 0 && m.parts.every(isPartTooLarge))
      deps.log(
        `imap: ${info.path} UID ${m.uid}: every calendar part is larger than the companion accepts (${m.parts.map((p) => `${p.size} bytes ${p.encoding}`).join(', ')}); not downloaded`,
      );
  }
  for (const uid of hopeless) state.notOurs.add(uid);
  const dates = new Map(metas.map((m) => [m.uid, m.internalDate]));
  if (deps.stopping()) return false;
  const group: FetchedMessage[] = [];
  for (const fetched of mails) {
    deps.stats.downloadedParts += fetched.mail.calendarParts.length;
    deps.stats.calendarBytes += fetched.partBytes;
    const ref = { mailbox: info.path, uidValidity: info.uidValidity, uid: fetched.uid };
    state.unfinished.add(fetched.uid);
    deps.handed.add(key(info, fetched.uid));
    deps.pristine.add(key(info, fetched.uid));
    deps.stats.handed++;
    group.push({ ref, internalDate: dates.get(fetched.uid) ?? 0, mail: fetched.mail, fromSent });
  }
  if (group.length > 0) {
    try {
      await deps.handle(group);
    } catch (e) {
      deps.log(
        `imap: handler failed for ${info.path} UID ${formatUidSet(group.map((m) => m.ref.uid))}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  return !deps.stopping();
}

/** The calendar sections of `wanted`: together with BINARY, suspects one by one without it, hopeless ones not at all. */
async function downloadCalendarMails(
  deps: ScanDeps,
  c: ImapFlow,
  info: MailboxInfo,
  wanted: readonly MessageMeta[],
): Promise<{ mails: FetchedMail[]; hopeless: number[] }> {
  const tries = (m: MessageMeta): number => deps.suspects.get(key(info, m.uid)) ?? 0;
  const hopeless = wanted.filter((m) => tries(m) >= 2).map((m) => m.uid);
  for (const uid of hopeless)
    deps.log(`imap: ${info.path} UID ${uid} ended the connection twice while downloading; skipped`);
  const runs: { metas: MessageMeta[]; binary: boolean }[] = [
    { metas: wanted.filter((m) => tries(m) === 0), binary: true },
  ];
  for (const m of wanted.filter((x) => tries(x) === 1)) runs.push({ metas: [m], binary: false });
  const mails: FetchedMail[] = [];
  for (const run of runs) {
    if (run.metas.length === 0) continue;
    for (const m of run.metas) deps.inFlight.add(key(info, m.uid));
    const got = await fetchMails(c, run.metas, { binary: run.binary });
    deps.inFlight.clear();
    deps.stats.fetches += got.fetches;
    mails.push(...got.mails);
  }
  return { mails: mails.sort((a, b) => a.uid - b.uid), hopeless };
}

/**
 * No calendar part, or received before the time frame (time only moves on): never fetched again. A message
 * whose calendar parts are all too large is treated the same way.
 */
function rememberSkipped(state: MailboxSyncState, metas: readonly MessageMeta[], frameStart: number): void {
  for (const m of metas) {
    const tooLarge = m.parts.length > 0 && m.parts.every(isPartTooLarge);
    if (m.parts.length === 0 || tooLarge || m.internalDate < frameStart) state.notOurs.add(m.uid);
  }
}

/** A local mark other than 'claimed' means the message was dealt with on this device (keyword-less server). */
function isLocallyDone(state: MailboxSyncState, uid: number): boolean {
  const mark = state.local.get(uid);
  return mark !== undefined && mark.state !== 'claimed';
}

function key(info: MailboxInfo, uid: number): string {
  return handedKey(info.path, info.uidValidity, uid);
}

export function handedKey(mailbox: string, uidValidity: string, uid: number): string {
  return `${mailbox}/${uidValidity}/${uid}`;
}
