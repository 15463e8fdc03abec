/**
 * The sidecar record of one queued message (`<name>.state.json`) and the retry schedule. Owns the record's
 * shape, reading it tolerantly (a damaged record must not stop the queue) and the back-off arithmetic.
 *
 * Version 2 is written together with the message (outboxFolder.ts) and says what the message is: its
 * Message-ID, iTIP METHOD, UID and recipients, so sending, a refusal and the Sent copy need no look inside the
 * mail. Version 1 records (written by the queue on first sending, without method and UID) are still read.
 *
 * A message a person's action produced may be held (`heldUntil`): the drain leaves it alone until then, so the
 * action can still be undone and the message withdrawn (outboxHold.ts), as mail apps' "undo send". A hold is wall-clock
 * time (real seconds a person has to change their mind), whatever clock the queue was given (tests fix it).
 *
 * States: queued (no attempt yet) → sending (an attempt began; after a crash this is what makes the next drain
 * ask `alreadySent`) → retry (temporary failure, `nextAttemptAt` set) or sent / failed (final, then the .eml
 * and the record move to `sent/` or `failed/`).
 */
import type { SmtpFailureCode } from '../mail/smtp/smtpTypes.js';

export type RecordState = 'queued' | 'sending' | 'retry' | 'sent' | 'failed';

/** What a queued message is, as its writer knew it: enough to send it and to note a refusal on the event. */
export interface QueuedMessage {
  readonly messageId: string | null;
  /** The iTIP METHOD (REQUEST, REPLY, …); null for a message queued by an earlier version. */
  readonly method: string | null;
  /** The event's UID; null for a message queued by an earlier version. */
  readonly uid: string | null;
  /** The envelope recipients (RCPT TO). */
  readonly to: readonly string[];
}

export interface OutboxRecord extends QueuedMessage {
  readonly version: 2;
  readonly state: RecordState;
  /** sha256 of the .eml bytes this record is about: a record for other bytes belongs to an earlier file of the same name. */
  readonly sha256: string;
  readonly attempts: number;
  readonly firstAttemptAt: number | null;
  readonly lastAttemptAt: number | null;
  /** Epoch ms from which the next attempt may run. */
  readonly nextAttemptAt: number;
  readonly lastError: string | null;
  readonly lastCode: SmtpFailureCode | 'SENT_CHECK' | null;
  /** The server's last answer: the 250 line once sent, the refusal otherwise. */
  readonly serverResponse: string | null;
  readonly sentAt: number | null;
  /** Sent by another device or an earlier run, as `alreadySent` reported; not sent again. */
  readonly alreadySent: boolean;
  /** Recipients the server refused while accepting the others. */
  readonly rejected: readonly string[];
  /** The copy for the Sent folder (`afterSend`): pending until the hook returned, so a crash retries the copy, never the send. */
  readonly sentCopy: 'none' | 'pending' | 'done' | 'failed';
  readonly sentCopyError: string | null;
  /** Epoch ms before which the message is not sent (the undo grace period); null or absent: not held. */
  readonly heldUntil?: number | null;
}

export function newRecord(
  sha256: string,
  message: QueuedMessage,
  now: number,
  heldUntil: number | null = null,
): OutboxRecord {
  return {
    version: 2,
    state: 'queued',
    messageId: message.messageId,
    method: message.method,
    uid: message.uid,
    sha256,
    to: [...message.to],
    attempts: 0,
    firstAttemptAt: null,
    lastAttemptAt: null,
    nextAttemptAt: now,
    lastError: null,
    lastCode: null,
    serverResponse: null,
    sentAt: null,
    alreadySent: false,
    rejected: [],
    sentCopy: 'none',
    sentCopyError: null,
    heldUntil,
  };
}

/** Whether the drain must leave the message alone now: it is queued (never tried) and its hold has not ended. */
export function isHeld(r: OutboxRecord, wallNow: number = Date.now()): boolean {
  return r.state === 'queued' && typeof r.heldUntil === 'number' && r.heldUntil > wallNow;
}

const STATES: readonly RecordState[] = ['queued', 'sending', 'retry', 'sent', 'failed'];

/**
 * The record in `text`, or 'damaged' when it is not one. A damaged record is treated as "an attempt may have
 * happened" by the queue (it asks alreadySent first), the safe reading when the truth is unknown.
 */
export function parseRecord(text: string): OutboxRecord | 'damaged' {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return 'damaged';
  }
  if (typeof v !== 'object' || v === null) return 'damaged';
  const r = v as Record<string, unknown>;
  if ((r.version !== 1 && r.version !== 2) || !STATES.includes(r.state as RecordState) || typeof r.sha256 !== 'string')
    return 'damaged';
  if (typeof r.attempts !== 'number' || typeof r.nextAttemptAt !== 'number' || !Array.isArray(r.to)) return 'damaged';
  const str = (x: unknown): string | null => (typeof x === 'string' && x !== '' ? x : null);
  // Version 1 had no method or UID; the next write of the record makes it version 2.
  const heldUntil = typeof r.heldUntil === 'number' && Number.isFinite(r.heldUntil) ? r.heldUntil : null;
  return {
    ...(v as OutboxRecord),
    version: 2,
    messageId: str(r.messageId),
    method: str(r.method),
    uid: str(r.uid),
    heldUntil,
  };
}

export function serialiseRecord(r: OutboxRecord): string {
  return `${JSON.stringify(r, null, 1)}\n`;
}

/** Capped exponential back-off; see retryDelay. */
export const RETRY = {
  firstMs: 30_000,
  maxMs: 60 * 60_000,
  /** ± this fraction, so many clients that lost the same server do not all come back in the same second. */
  jitter: 0.2,
  /**
   * RFC 5321 §4.5.4.1: give up on a message the server keeps deferring after 4–5 days. Only server deferrals
   * (4yz) count; an unreachable server or a wrong password keeps the message queued until the user acts.
   */
  giveUpMs: 5 * 24 * 60 * 60_000,
} as const;

/** Delay before attempt number `failures + 1`: 30 s, 1 min, 2 min, … 1 h, each ±20 %, never outside [30 s, 1 h]. */
export function retryDelay(failures: number, random: () => number): number {
  const exponent = Math.max(0, Math.min(failures - 1, 20));
  const base = Math.min(RETRY.maxMs, RETRY.firstMs * 2 ** exponent);
  const jittered = base * (1 - RETRY.jitter + 2 * RETRY.jitter * clamp01(random()));
  return Math.round(Math.min(RETRY.maxMs, Math.max(RETRY.firstMs, jittered)));
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0.5;
}
