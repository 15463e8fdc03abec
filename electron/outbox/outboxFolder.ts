/**
 * The writer of the outbox: a folder of composed iMIP mails waiting to be sent (or handed to another mail
 * client), one `.eml` per message with its record `<name>.state.json` (outboxRecord.ts). Owns the file naming
 * and the atomic publication:
 *
 * - Names are `<10-digit sequence>-<METHOD>-<recipient>.eml`. The sequence is one more than the highest in the
 *   folder, so names are unique and sort in creation order across restarts; a clock alone would collide within a
 *   millisecond and can step backwards (NTP, DST on some file systems).
 * - Message and record go to dot-prefixed `.tmp` files first and are flushed; then the record is linked to its
 *   final name, then the message. `link` fails with EEXIST instead of overwriting, so two writers (two app
 *   windows, the CLI) never clobber each other; a reader that lists `*.eml` never sees half a mail, and finds
 *   the record already there (a message without one was written by an earlier version: outboxScan.ts reads it
 *   from its header).
 */
import { promises as fs } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { MailAddress } from '../../shared/model/mail.js';
import { fsyncDir } from '../fsio/atomicWrite.js';
import { STATE_SUFFIX } from './outboxFiles.js';
import { newRecord, serialiseRecord } from './outboxRecord.js';

export interface OutboxEntry {
  /** The iTIP METHOD (REQUEST, REPLY, …); goes into the file name and the record. */
  readonly method: string;
  /** The recipient; its address goes into the file name and, unless `recipients` says otherwise, the envelope. */
  readonly to: MailAddress | string;
  /** The event UID: in the record, and in error messages so a failed write can be traced to its event. */
  readonly uid: string;
  /** The Message-ID the mail carries (null: the queue gives it one before the first attempt). */
  readonly messageId?: string | null;
  /** Envelope recipients when they are more than `to`. */
  readonly recipients?: readonly string[];
  /** Epoch ms for the record (the caller's clock). */
  readonly now?: number;
  /** Epoch ms before which the drain does not send it (the undo grace period of a person's action). */
  readonly heldUntil?: number | null;
}

const SEQUENCE_DIGITS = 10;
/** A message or a record left behind by one: both hold a sequence number that must not be handed out again at once. */
const NAME_PATTERN = /^(\d{10})-[A-Z0-9]+-.*\.eml(?:\.state\.json)?$/;
/** Tries before giving up when other writers keep taking the next number. */
const MAX_ATTEMPTS = 50;

/** Serialises writes per folder inside this process, so sequence numbers are handed out in call order. */
const queues = new Map<string, Promise<unknown>>();
let counter = 0;

export async function writeToOutbox(dir: string, raw: Buffer, entry: OutboxEntry): Promise<string> {
  const key = path.resolve(dir);
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => writeOne(key, raw, entry));
  queues.set(key, next);
  try {
    return await next;
  } finally {
    if (queues.get(key) === next) queues.delete(key);
  }
}

async function writeOne(dir: string, raw: Buffer, entry: OutboxEntry): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const suffix = `${sanitiseMethod(entry.method)}-${sanitiseRecipient(entry.to)}.eml`;
  let sequence = (await highestSequence(dir)) + 1;
  const stem = path.join(dir, `.${process.pid}-${Date.now().toString(36)}-${++counter}-${suffix}`);
  const [tmp, tmpRecord] = [`${stem}.tmp`, `${stem}.state.tmp`];
  const address = typeof entry.to === 'string' ? entry.to : entry.to.address;
  const record = newRecord(
    createHash('sha256').update(raw).digest('hex'),
    {
      messageId: entry.messageId ?? null,
      method: entry.method.toUpperCase(),
      uid: entry.uid,
      to: entry.recipients ?? [address],
    },
    entry.now ?? Date.now(),
    entry.heldUntil ?? null,
  );
  try {
    await writeFlushed(tmp, raw);
    await writeFlushed(tmpRecord, serialiseRecord(record));
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++, sequence++) {
      const target = path.join(dir, `${String(sequence).padStart(SEQUENCE_DIGITS, '0')}-${suffix}`);
      if (!(await publish(tmpRecord, target + STATE_SUFFIX))) continue;
      if (await publish(tmp, target)) {
        await fsyncDir(dir);
        return target;
      }
      // The name is a message without a record (an earlier version's writer): leave it alone, take the next one.
      await fs.rm(target + STATE_SUFFIX, { force: true });
    }
  } finally {
    await fs.rm(tmp, { force: true });
    await fs.rm(tmpRecord, { force: true });
  }
  throw new Error(
    `Could not find a free outbox file name in ${dir} for ${entry.method} ${entry.uid} after ${MAX_ATTEMPTS} tries.`,
  );
}

/** Moves tmp to target without overwriting; false when target already exists. */
async function publish(tmp: string, target: string): Promise<boolean> {
  try {
    await fs.link(tmp, target);
    return true;
  } catch (e: unknown) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // FAT volumes and some network shares have no hard links: fall back to check-then-rename, still atomic
    // for readers; only two processes racing for the same number could then collide.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS' || code === 'EXDEV') {
      if (await exists(target)) return false;
      await fs.rename(tmp, target);
      return true;
    }
    throw e;
  }
}

async function highestSequence(dir: string): Promise<number> {
  let highest = 0;
  for (const name of await fs.readdir(dir)) {
    const m = NAME_PATTERN.exec(name);
    if (m?.[1]) highest = Math.max(highest, Number(m[1]));
  }
  return highest;
}

async function writeFlushed(file: string, data: Buffer | string): Promise<void> {
  const handle = await fs.open(file, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

function sanitiseMethod(method: string): string {
  const m = method.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return m === '' ? 'MAIL' : m;
}

/** Keeps the address readable but safe on Windows, macOS and Linux: no path separators, quotes or controls. */
export function sanitiseRecipient(to: MailAddress | string): string {
  const address = (typeof to === 'string' ? to : to.address).trim().toLowerCase();
  const safe = address
    .replace(/[^a-z0-9._@+-]/g, '_')
    .replace(/^\.+/, '')
    .slice(0, 64);
  return safe === '' ? 'unknown' : safe;
}
