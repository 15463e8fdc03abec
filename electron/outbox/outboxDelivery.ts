/**
 * One queued message, one attempt, under its lock: the order of writes that makes the outbox lose nothing and
 * send nothing twice. Owns the step order and what each failure code does to the message.
 *
 *   lock → (first time) add a Message-ID → already in sent/? → record 'sending' → alreadySent? → send
 *        → record 'sent' (synchronously) → afterSend (Sent copy) → move to sent/
 *
 * 'sent' is recorded before the Sent copy is made, not after it: from the moment the server
 * said 250 the decision is durable, so a crash during the IMAP APPEND repeats the APPEND (sentCopy 'pending'),
 * never the SMTP transaction. A crash between the end of DATA and that record leaves 'sending', and the next drain
 * asks `alreadySent` first. That is the one window where only the hook can tell, and it cannot when the copy was
 * never filed (RFC 5321 §6.1 / RFC 1047: a client cannot know whether a message was taken when the connection dies
 * after the final dot); BENCHMARKS.md measures it.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { SmtpEnvelope, SmtpFailure, SmtpSendResult } from '../mail/smtp/smtpTypes.js';
import { failure } from '../mail/smtp/smtpFailures.js';
import { ensureMessageId, envelopeFromHeader } from '../mail/smtp/mailEnvelope.js';
import { tryLock } from '../fsio/lockFile.js';
import { writeFileAtomic, writeFileAtomicSync } from '../fsio/atomicWrite.js';
import { LOCK_SUFFIX, STATE_SUFFIX, linkInto, readIfExists, removeIfExists } from './outboxFiles.js';
import {
  RETRY,
  isHeld,
  newRecord,
  parseRecord,
  retryDelay,
  serialiseRecord,
  type OutboxRecord,
  type QueuedMessage,
} from './outboxRecord.js';

const writeAtomic = (file: string, text: string): Promise<void> => writeFileAtomic(file, text);

export interface DrainHooks {
  /** True when a message with this Message-ID is already in the Sent folder (another device or an earlier run). */
  readonly alreadySent?: (messageId: string) => Promise<boolean>;
  /** Called once the server accepted the message (the agent files it in Sent, marked handled). */
  readonly afterSend?: (raw: Buffer, message: QueuedMessage) => Promise<void>;
  /**
   * Called once when recipients will never get the message: the server refused some of them while taking the
   * rest, or refused the message for good (then every recipient). The agent notes it on the event. Its failure
   * is logged and changes nothing about the message.
   */
  readonly onUndelivered?: (message: QueuedMessage, refused: readonly UndeliveredRecipient[]) => Promise<void>;
}

export interface UndeliveredRecipient {
  readonly recipient: string;
  /** The server's answer, when there is one for this recipient. */
  readonly response: string | null;
}

export interface MessageSender {
  send(raw: Buffer, envelope?: { from: string; to: string[] }): Promise<SmtpSendResult>;
}

export interface DeliveryContext {
  readonly dir: string;
  readonly now: () => number;
  readonly random: () => number;
  readonly log: (line: string) => void;
  readonly sender: MessageSender;
  readonly hooks: DrainHooks;
  /** Message-IDs already in sent/ (and sent during this drain): never sent again. */
  readonly sentIds: Set<string>;
}

export type DeliveryOutcome =
  | { readonly kind: 'sent' | 'skipped' | 'failed' | 'busy' | 'notDue' }
  /** `halt`: the account or server is at fault, so the rest of the queue would fail the same way now. */
  | { readonly kind: 'retried'; readonly halt: SmtpFailure | null };

export async function deliverOne(ctx: DeliveryContext, name: string): Promise<DeliveryOutcome> {
  const emlPath = path.join(ctx.dir, name);
  const statePath = emlPath + STATE_SUFFIX;
  // Cheap check without the lock, so a drain does not lock every file that is waiting for its retry time.
  const peek = await readRecord(statePath);
  if (peek !== null && peek !== 'damaged' && peek.state === 'retry' && peek.nextAttemptAt > ctx.now())
    return { kind: 'notDue' };
  // Held for its undo grace period: the person may still withdraw it (outboxHold.ts).
  if (peek !== null && peek !== 'damaged' && isHeld(peek)) return { kind: 'notDue' };

  const lock = await tryLock(emlPath + LOCK_SUFFIX);
  if (!lock) return { kind: 'busy' };
  try {
    const loaded = await load(ctx, name);
    if (loaded === null) return { kind: 'busy' }; // another process finished it between our listing and our lock
    const { raw, record, uncertain } = loaded;
    if (record?.state === 'sent' || record?.state === 'failed') {
      // A previous drain stopped after deciding: finish its bookkeeping, never send again.
      const done = record.state === 'sent' ? await copyToSent(ctx, statePath, record, raw) : record;
      await finish(ctx, name, done);
      return { kind: done.state === 'sent' ? 'skipped' : 'failed' };
    }
    if (record?.state === 'retry' && record.nextAttemptAt > ctx.now()) return { kind: 'notDue' };
    if (record && isHeld(record)) return { kind: 'notDue' };
    // The envelope is what the mail's header says (RFC 5321 §3.3); the record keeps whom it went to. A message
    // queued by an earlier version has no record yet: what it is comes from its header this once.
    const envelope = envelopeFromHeader(raw);
    const messageId = record?.messageId ?? ensureMessageId(raw).messageId;
    const now = ctx.now();
    const base = record ?? newRecord(sha256(raw), { messageId, method: null, uid: null, to: envelope?.to ?? [] }, now);
    if (ctx.sentIds.has(messageId)) {
      // The same message regenerated after a crash (processed again before its processed record was written).
      ctx.log(`${name}: ${messageId} was sent before (outbox sent/); not sending it again`);
      await finish(ctx, name, { ...base, messageId, state: 'sent', alreadySent: true, sentAt: now });
      return { kind: 'skipped' };
    }
    const to = envelope?.to.length ? [...envelope.to] : base.to;
    const current: OutboxRecord = {
      ...base,
      messageId,
      to,
      state: 'sending',
      lastAttemptAt: now,
      firstAttemptAt: base.firstAttemptAt ?? now,
    };
    await writeAtomic(statePath, serialiseRecord(current));

    const asked = await askSentFolder(ctx, name, current, uncertain);
    if (asked) return asked;
    // One line per step, so a log read after a crash shows how far an attempt got (see BENCHMARKS.md).
    ctx.log(`${name}: sending ${messageId}`);
    const result = await safeSend(ctx.sender, raw, envelope);
    if (!result.ok) return await recordFailure(ctx, name, current, result);
    const sent: OutboxRecord = {
      ...current,
      state: 'sent',
      attempts: current.attempts + 1,
      sentAt: ctx.now(),
      serverResponse: result.response,
      rejected: [...(result.rejected ?? [])],
      lastError: null,
      lastCode: null,
      sentCopy: ctx.hooks.afterSend ? 'pending' : 'none',
    };
    // The moment between the server's 250 and this record is the one window in which a crash could send the
    // message twice, so the record is renamed into place synchronously, in the same turn of the event loop that
    // read the answer (which a killed process cannot undo), and made durable right after.
    writeFileAtomicSync(statePath, serialiseRecord(sent));
    ctx.log(`${name}: recorded as sent ${messageId}`);
    await writeAtomic(statePath, serialiseRecord(sent));
    await finish(ctx, name, await copyToSent(ctx, statePath, sent, raw));
    if (sent.rejected.length)
      await tellUndelivered(
        ctx,
        name,
        sent,
        sent.rejected.map((recipient) => ({ recipient, response: null })),
      );
    return { kind: 'sent' };
  } finally {
    await lock.release();
  }
}

/**
 * Reads the message and its record under the lock; gives a message without a Message-ID its id (written back
 * before anything is sent, so every later attempt and device uses the same one). null when the file is gone.
 */
async function load(
  ctx: DeliveryContext,
  name: string,
): Promise<{ raw: Buffer; record: OutboxRecord | null; uncertain: boolean } | null> {
  const emlPath = path.join(ctx.dir, name);
  let raw = await readIfExists(emlPath);
  if (!raw) return null;
  const stored = await readRecord(emlPath + STATE_SUFFIX);
  let record: OutboxRecord | null = stored === 'damaged' ? null : stored;
  if (record && record.sha256 !== sha256(raw)) {
    ctx.log(`${name}: its state file describes other bytes (an earlier message of the same name); starting afresh`);
    record = null;
  }
  const ensured = ensureMessageId(raw);
  if (ensured.added) {
    // Only ever before a first attempt: once sent, the file carries the id that was added.
    await writeFileAtomic(emlPath, ensured.raw);
    raw = ensured.raw;
    if (record) record = { ...record, sha256: sha256(raw), messageId: ensured.messageId };
    ctx.log(`${name}: had no Message-ID; added ${ensured.messageId}`);
  }
  return { raw, record, uncertain: stored === 'damaged' || (record !== null && mayHaveBeenDelivered(record)) };
}

/**
 * Whether an earlier attempt may have reached the recipient: 'sending' with nobody holding the lock (the process
 * died mid-send), a connection lost or an unexpected reply mid-conversation (RFC 5321 §6.1: after the final dot
 * the client cannot know), or an earlier deferral for exactly this doubt. A 4yz/5yz reply, an unreachable host or
 * a refused login are definite: nothing was accepted.
 */
function mayHaveBeenDelivered(r: OutboxRecord): boolean {
  if (r.state === 'sending') return true;
  if (r.state !== 'retry') return false;
  return (
    r.lastCode === 'SENT_CHECK' ||
    r.lastCode === 'PROTOCOL' ||
    (r.lastCode === 'TEMPORARY' && r.serverResponse === null)
  );
}

/** Step 2: null to go on sending; an outcome when the Sent folder has it or cannot be asked after an earlier attempt. */
async function askSentFolder(
  ctx: DeliveryContext,
  name: string,
  current: OutboxRecord,
  uncertain: boolean,
): Promise<DeliveryOutcome | null> {
  const messageId = current.messageId;
  if (!ctx.hooks.alreadySent || !messageId) return null;
  try {
    if (!(await ctx.hooks.alreadySent(messageId))) return null;
    ctx.log(`${name}: ${messageId} is already in the Sent folder; not sending it again`);
    await finish(ctx, name, { ...current, state: 'sent', alreadySent: true, sentAt: ctx.now() });
    return { kind: 'skipped' };
  } catch (e) {
    const why = `could not check the Sent folder for ${messageId}: ${errorText(e)}`;
    if (!uncertain) {
      ctx.log(`${name}: ${why}; no earlier attempt can have delivered it, so sending`);
      return null;
    }
    // It may have gone out before; sending blind could duplicate it. Ask again later.
    const next: OutboxRecord = {
      ...current,
      state: 'retry',
      nextAttemptAt: ctx.now() + retryDelay(current.attempts + 1, ctx.random),
      lastError: why,
      lastCode: 'SENT_CHECK',
    };
    await writeAtomic(path.join(ctx.dir, name + STATE_SUFFIX), serialiseRecord(next));
    ctx.log(`${name}: ${why}; trying again later`);
    return { kind: 'retried', halt: null };
  }
}

async function recordFailure(
  ctx: DeliveryContext,
  name: string,
  current: OutboxRecord,
  f: SmtpFailure,
): Promise<DeliveryOutcome> {
  const now = ctx.now();
  const attempts = current.attempts + 1;
  const base: OutboxRecord = {
    ...current,
    attempts,
    lastError: f.message,
    lastCode: f.code,
    serverResponse: f.response ?? null,
  };
  const everyone = (why: string): UndeliveredRecipient[] =>
    current.to.map((recipient) => ({ recipient, response: why }));
  if (f.code === 'REJECTED') {
    ctx.log(`${name}: refused for good: ${f.message}; moved to failed/`);
    await finish(ctx, name, { ...base, state: 'failed' });
    await tellUndelivered(ctx, name, current, everyone(f.response ?? f.message));
    return { kind: 'failed' };
  }
  // A 4yz to this message (mailbox full, greylisting) concerns only it; 421 and lost connections concern the server.
  const messageLevel =
    f.code === 'TEMPORARY' &&
    typeof f.responseCode === 'number' &&
    f.responseCode >= 400 &&
    f.responseCode < 500 &&
    f.responseCode !== 421;
  if (messageLevel && current.firstAttemptAt !== null && now - current.firstAttemptAt >= RETRY.giveUpMs) {
    const gaveUp = `Gave up after ${Math.round((now - current.firstAttemptAt) / 3_600_000)} hours of deferrals (RFC 5321 §4.5.4.1): ${f.message}`;
    ctx.log(`${name}: ${gaveUp}; moved to failed/`);
    await finish(ctx, name, { ...base, state: 'failed', lastError: gaveUp });
    await tellUndelivered(ctx, name, current, everyone(gaveUp));
    return { kind: 'failed' };
  }
  const next: OutboxRecord = { ...base, state: 'retry', nextAttemptAt: now + retryDelay(attempts, ctx.random) };
  await writeAtomic(path.join(ctx.dir, name + STATE_SUFFIX), serialiseRecord(next));
  ctx.log(
    `${name}: ${f.code}, attempt ${attempts}; next try at ${new Date(next.nextAttemptAt).toISOString()}: ${f.message}`,
  );
  return { kind: 'retried', halt: messageLevel ? null : f };
}

async function tellUndelivered(
  ctx: DeliveryContext,
  name: string,
  r: OutboxRecord,
  refused: readonly UndeliveredRecipient[],
): Promise<void> {
  if (!ctx.hooks.onUndelivered || refused.length === 0) return;
  try {
    await ctx.hooks.onUndelivered(queuedMessage(r), refused);
  } catch (e) {
    ctx.log(`${name}: noting the undelivered recipients failed: ${errorText(e)}`);
  }
}

/** The Sent copy; its failure is recorded, never a reason to send again. */
async function copyToSent(
  ctx: DeliveryContext,
  statePath: string,
  r: OutboxRecord,
  raw: Buffer,
): Promise<OutboxRecord> {
  if (r.sentCopy !== 'pending') return r;
  if (!ctx.hooks.afterSend) return { ...r, sentCopy: 'none' };
  let done: OutboxRecord;
  try {
    await ctx.hooks.afterSend(raw, queuedMessage(r));
    done = { ...r, sentCopy: 'done', sentCopyError: null };
  } catch (e) {
    ctx.log(`${r.messageId ?? 'message'}: sent, but the copy for the Sent folder failed: ${errorText(e)}`);
    done = { ...r, sentCopy: 'failed', sentCopyError: errorText(e) };
  }
  await writeAtomic(statePath, serialiseRecord(done));
  return done;
}

/**
 * Final bookkeeping: the decision goes into the record in outbox/ first, then the .eml and a copy of the record
 * go to sent/ or failed/, then the originals are removed. A crash at any point repeats only this function.
 */
async function finish(ctx: DeliveryContext, name: string, r: OutboxRecord): Promise<void> {
  if (r.state === 'sent' && r.messageId) ctx.sentIds.add(r.messageId);
  const emlPath = path.join(ctx.dir, name);
  const statePath = emlPath + STATE_SUFFIX;
  await writeAtomic(statePath, serialiseRecord(r));
  const destDir = path.join(ctx.dir, r.state === 'sent' ? 'sent' : 'failed');
  const finalName = await linkInto(emlPath, destDir, name);
  await writeAtomic(path.join(destDir, finalName + STATE_SUFFIX), serialiseRecord(r));
  await removeIfExists(emlPath);
  await removeIfExists(statePath);
}

async function safeSend(sender: MessageSender, raw: Buffer, envelope: SmtpEnvelope | null): Promise<SmtpSendResult> {
  try {
    return await sender.send(raw, envelope ? { from: envelope.from, to: [...envelope.to] } : undefined);
  } catch (e) {
    // SmtpSender never throws; another implementation might. Unknown means retry (and ask alreadySent first).
    return failure('TEMPORARY', false, `The sender failed: ${errorText(e)}`);
  }
}

async function readRecord(file: string): Promise<OutboxRecord | 'damaged' | null> {
  const bytes = await readIfExists(file);
  return bytes === null ? null : parseRecord(bytes.toString('utf8'));
}

function queuedMessage(r: OutboxRecord): QueuedMessage {
  return { messageId: r.messageId, method: r.method, uid: r.uid, to: r.to };
}

function sha256(raw: Buffer): string {
  return createHash('sha256').update(raw).digest('hex');
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
