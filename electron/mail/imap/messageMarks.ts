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
  if (!info.keywords) return 'unsupported';
  let msg = await client.fetchOne(String(uid), { uid: true, flags: true }, { uid: true });
  if (!msg) {
    // Dovecot answers a FETCH from the session's view; a message that arrived since the last sync point is not in
    // it yet (RFC 3501 §5.2). NOOP syncs the view (§6.1.2); only then is an empty answer "expunged".
    await client.noop();
    msg = await client.fetchOne(String(uid), { uid: true, flags: true }, { uid: true });
  }
  if (!msg) return 'gone';
  const flags = msg.flags ?? new Set<string>();
  if (OUR_KEYWORDS.some((k) => flags.has(k))) return 'lost';
  const unchangedSince = info.highestModseq !== null && typeof msg.modseq === 'bigint' ? msg.modseq : undefined;
  const res = await uidStore(client, { uid, op: '+FLAGS', flags: [CLAIM_KEYWORD], unchangedSince });
  if (res.kind === 'refused') return 'unsupported';
  if (res.kind === 'modified') return 'lost';
  book.noteOwnStore(state, res.modseqs);
  return 'won';
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
