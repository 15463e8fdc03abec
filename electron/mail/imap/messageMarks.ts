/**
 * Our keywords on one message, on an open connection: `mark` stores exactly one state keyword and removes the
 * other two; `claim` takes a message with a conditional STORE (RFC 7162 §3.1.3) so two devices on one mailbox do
 * not both answer it. Both return 'unsupported' when the mailbox cannot keep keywords (PERMANENTFLAGS without `\*`,
 * RFC 3501 §7.1, or the STORE refused with NO [CANNOT], RFC 5530); the caller then uses the local record.
 */
import type { ImapFlow } from 'imapflow';
import { ImapError } from './imapErrors.js';
import { ensureSelected, type MailboxInfo } from './imapSession.js';
import { CLAIM_KEYWORD, KEYWORDS, STATE_KEYWORDS, type MessageRef, type MessageState } from './imapTypes.js';
import type { MailboxBook } from './mailboxBook.js';
import { uidStore } from './rawCommands.js';
import { formatUidSet } from './uidSet.js';
import type { MailboxSyncState } from './syncState.js';

export const OUR_KEYWORDS: readonly string[] = [...STATE_KEYWORDS, CLAIM_KEYWORD];

export type ClaimOutcome = 'won' | 'lost' | 'gone' | 'unsupported';

/** Selects the message's mailbox and checks that its UIDs still mean what the reference says. */
export async function selectFor(client: ImapFlow, ref: MessageRef): Promise<MailboxInfo> {
  const info = await ensureSelected(client, ref.mailbox, OUR_KEYWORDS);
  if (info.uidValidity !== ref.uidValidity) {
    throw new ImapError(
      'UIDVALIDITY_CHANGED',
      `${ref.mailbox} has UIDVALIDITY ${info.uidValidity}, the reference ${ref.uidValidity}`,
    );
  }
  return info;
}

/**
 * Adds the state keyword first and removes the others afterwards, so another device never sees the message
 * without any of our keywords in between (it would process it again). `pristine`: the message was found by our
 * SEARCH … NOT KEYWORD and not marked since, so there is nothing to remove (one round trip less per message).
 */
export async function storeState(
  client: ImapFlow,
  book: MailboxBook,
  state: MailboxSyncState,
  info: MailboxInfo,
  uid: number,
  value: MessageState,
  pristine = false,
): Promise<'stored' | 'unsupported'> {
  if (!info.keywords) return 'unsupported';
  const keyword = KEYWORDS[value];
  const added = await uidStore(client, { uid, op: '+FLAGS', flags: [keyword] });
  if (added.kind === 'refused') return 'unsupported';
  if (added.kind === 'ok') book.noteOwnStore(state, added.modseqs);
  if (pristine) return 'stored';
  const removed = await uidStore(client, { uid, op: '-FLAGS', flags: STATE_KEYWORDS.filter((k) => k !== keyword) });
  if (removed.kind === 'ok') book.noteOwnStore(state, removed.modseqs);
  return 'stored';
}

/**
 * Reads the message's flags and MODSEQ, then `UID STORE uid (UNCHANGEDSINCE modseq) +FLAGS ($ITipClaimed)`.
 * Sequentially the second device sees $ITipClaimed (or a state keyword) and loses without storing; when both
 * STOREs are in flight together Dovecot answers one of them `OK [MODIFIED]` most of the time, but not always
 * (reference §3.3: a few double wins per hundred races), so a claim narrows the window, it is not a lock.
 */
export async function claimOnServer(
  client: ImapFlow,
  book: MailboxBook,
  state: MailboxSyncState,
  info: MailboxInfo,
  uid: number,
): Promise<ClaimOutcome> {
  return (await claimAllOnServer(client, book, state, info, [uid])).get(uid) ?? 'gone';
}

/**
 * The claim of a group of messages (a scan's batch) in two round trips whatever its size: `UID FETCH set (FLAGS
 * MODSEQ)`, then one `UID STORE set (UNCHANGEDSINCE m) +FLAGS ($ITipClaimed)` for those without any of our
 * keywords, where m is the highest MODSEQ the FETCH saw among them. One value for the whole set is exact: a change
 * made after the FETCH gets a MODSEQ above the mailbox's HIGHESTMODSEQ at that time (RFC 7162 §3.1.1), hence above
 * m, and fails the test for that message alone; a message unchanged since has its MODSEQ ≤ m and passes. The
 * server lists the failed ones in `OK [MODIFIED set]` (§3.1.3): lost, the rest of the set won.
 */
export async function claimAllOnServer(
  client: ImapFlow,
  book: MailboxBook,
  state: MailboxSyncState,
  info: MailboxInfo,
  uids: readonly number[],
): Promise<Map<number, ClaimOutcome>> {
  const out = new Map<number, ClaimOutcome>();
  if (!info.keywords) {
    for (const uid of uids) out.set(uid, 'unsupported');
    return out;
  }
  const seen = await fetchFlags(client, uids);
  const missing = uids.filter((u) => !seen.has(u));
  if (missing.length > 0) {
    // Dovecot answers a FETCH from the session's view; a message that arrived since the last sync point is not in
    // it yet (RFC 3501 §5.2). NOOP syncs the view (§6.1.2); only then is an empty answer "expunged".
    await client.noop();
    for (const [uid, m] of await fetchFlags(client, missing)) seen.set(uid, m);
  }
  const open: number[] = [];
  let highest: bigint | null = null;
  let everyModseq = true;
  for (const uid of uids) {
    const m = seen.get(uid);
    if (!m) out.set(uid, 'gone');
    else if (OUR_KEYWORDS.some((k) => m.flags.has(k))) out.set(uid, 'lost');
    else {
      open.push(uid);
      if (m.modseq === null) everyModseq = false;
      else if (highest === null || m.modseq > highest) highest = m.modseq;
    }
  }
  if (open.length === 0) return out;
  const unchangedSince = info.highestModseq !== null && everyModseq && highest !== null ? highest : undefined;
  const res = await uidStore(client, { uid: open, op: '+FLAGS', flags: [CLAIM_KEYWORD], unchangedSince });
  if (res.kind === 'refused') {
    for (const uid of open) out.set(uid, 'unsupported');
    return out;
  }
  book.noteOwnStore(state, res.modseqs);
  const modified = res.kind === 'modified' ? res.uids : new Set<number>();
  for (const uid of open) out.set(uid, modified.has(uid) ? 'lost' : 'won');
  return out;
}

/** FLAGS and MODSEQ (sent along by imapflow once CONDSTORE is enabled) of each UID the server answers for. */
async function fetchFlags(
  client: ImapFlow,
  uids: readonly number[],
): Promise<Map<number, { flags: Set<string>; modseq: bigint | null }>> {
  const out = new Map<number, { flags: Set<string>; modseq: bigint | null }>();
  if (uids.length === 0) return out;
  const wanted = new Set(uids);
  for (const msg of await client.fetchAll(formatUidSet(uids), { uid: true, flags: true }, { uid: true })) {
    if (!wanted.has(msg.uid)) continue;
    out.set(msg.uid, { flags: msg.flags ?? new Set(), modseq: typeof msg.modseq === 'bigint' ? msg.modseq : null });
  }
  return out;
}

/**
 * One state keyword on each message of a group, one `UID STORE set +FLAGS` per keyword (a handled group mostly
 * needs one). The messages must be `pristine` (storeState): none of our state keywords to remove.
 */
export async function storePristineStates(
  client: ImapFlow,
  book: MailboxBook,
  state: MailboxSyncState,
  info: MailboxInfo,
  marks: ReadonlyMap<number, MessageState>,
): Promise<'stored' | 'unsupported'> {
  if (!info.keywords) return 'unsupported';
  const byValue = new Map<MessageState, number[]>();
  for (const [uid, value] of marks) byValue.set(value, [...(byValue.get(value) ?? []), uid]);
  for (const [value, uids] of byValue) {
    const added = await uidStore(client, { uid: uids, op: '+FLAGS', flags: [KEYWORDS[value]] });
    if (added.kind === 'refused') return 'unsupported';
    if (added.kind === 'ok') book.noteOwnStore(state, added.modseqs);
  }
  return 'stored';
}

/** Marks recorded while the connection was down, stored now that it is back. */
export async function flushQueuedMarks(
  client: ImapFlow,
  book: MailboxBook,
  state: MailboxSyncState,
  info: MailboxInfo,
): Promise<void> {
  if (!info.keywords) return;
  let changed = false;
  for (const [uid, mark] of [...state.local]) {
    if (!mark.queued || mark.state === 'claimed') continue;
    const done = await storeState(client, book, state, info, uid, mark.state);
    if (done === 'stored') state.local.delete(uid);
    else state.local.set(uid, { state: mark.state });
    changed = true;
  }
  if (changed) await book.saveNow(state, true);
}
