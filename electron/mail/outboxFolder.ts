/**
 * A folder of composed iMIP mails waiting to be sent (or handed to another mail client), one `.eml` per
 * message. Owns the file naming and the atomic write:
 *
 * - Names are `<10-digit sequence>-<METHOD>-<recipient>.eml`. The sequence is one more than the highest in the
 *   folder, so names are unique and sort in creation order across restarts; a clock alone would collide within a
 *   millisecond and can step backwards (NTP, DST on some file systems).
 * - The bytes go to a dot-prefixed `.tmp` file first, are flushed, then linked to the final name. `link` fails
 *   with EEXIST instead of overwriting, so two writers (two app windows, the CLI) never clobber each other; a
 *   reader that lists `*.eml` never sees half a mail.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { MailAddress } from '../../shared/model/mail.js';

export interface OutboxHint {
  /** The iTIP METHOD (REQUEST, REPLY, …); goes into the file name. */
  readonly method: string;
  /** The recipient; its address goes into the file name. */
  readonly to: MailAddress | string;
  /** The event UID; used in error messages so a failed write can be traced to its event. */
  readonly uid: string;
}

const SEQUENCE_DIGITS = 10;
const NAME_PATTERN = /^(\d{10})-[A-Z0-9]+-.*\.eml$/;
/** Tries before giving up when other writers keep taking the next number. */
const MAX_ATTEMPTS = 50;

/** Serialises writes per folder inside this process, so sequence numbers are handed out in call order. */
const queues = new Map<string, Promise<unknown>>();

export async function writeToOutbox(dir: string, raw: Buffer, hint: OutboxHint): Promise<string> {
  const key = path.resolve(dir);
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => writeOne(key, raw, hint));
  queues.set(key, next);
  try {
    return await next;
  } finally {
    if (queues.get(key) === next) queues.delete(key);
  }
}

async function writeOne(dir: string, raw: Buffer, hint: OutboxHint): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const suffix = `${sanitiseMethod(hint.method)}-${sanitiseRecipient(hint.to)}.eml`;
  let sequence = (await highestSequence(dir)) + 1;
  const tmp = path.join(dir, `.${process.pid}-${Date.now().toString(36)}-${suffix}.tmp`);
  await writeFlushed(tmp, raw);
  try {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++, sequence++) {
      const target = path.join(dir, `${String(sequence).padStart(SEQUENCE_DIGITS, '0')}-${suffix}`);
      if (await publish(tmp, target)) return target;
    }
  } finally {
    await fs.rm(tmp, { force: true });
  }
  throw new Error(`Could not find a free outbox file name in ${dir} for ${hint.method} ${hint.uid} after ${MAX_ATTEMPTS} tries.`);
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

async function writeFlushed(file: string, raw: Buffer): Promise<void> {
  const handle = await fs.open(file, 'wx');
  try {
    await handle.writeFile(raw);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

function sanitiseMethod(method: string): string {
  const m = method.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return m === '' ? 'MAIL' : m;
}

/** Keeps the address readable but safe on Windows, macOS and Linux: no path separators, quotes or controls. */
export function sanitiseRecipient(to: MailAddress | string): string {
  const address = (typeof to === 'string' ? to : to.address).trim().toLowerCase();
  const safe = address.replace(/[^a-z0-9._@+-]/g, '_').replace(/^\.+/, '').slice(0, 64);
  return safe === '' ? 'unknown' : safe;
}
