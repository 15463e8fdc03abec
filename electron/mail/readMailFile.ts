/**
 * A mail file read as `process` reads it: the size limit applied while reading (electron/fsio/readLimited.ts),
 * then the mail read for its scheduling parts (readImipMail). The same function runs on the mail reader thread
 * (mailReadWorker.ts), which reads the file itself, and in the calling thread; its answer is plain data.
 */
import { readFileLimited, type LimitedRead } from '../fsio/readLimited.js';
import type { IncomingMail } from '../../shared/model/mail.js';
import type { Result } from '../../shared/util/result.js';
import { readImipMail, type MailReadError } from './readImipMail.js';

export type MailRead = Result<IncomingMail, MailReadError>;

export type FileRead =
  | { readonly kind: 'read'; readonly read: MailRead }
  /** `size`: the file's size, or (`exact` false) the bytes read before it was stopped. */
  | { readonly kind: 'tooLarge'; readonly size: number; readonly exact: boolean }
  /** The file could not be opened or read (the system's message). */
  | { readonly kind: 'unreadable'; readonly message: string };

export function readMailFile(file: string, maxBytes: number): Promise<FileRead> {
  return readMailFrom(() => readFileLimited(file, maxBytes));
}

/** A mail read by `read` (a file, standard input), its limit applied there, then read for its scheduling parts. */
export async function readMailFrom(read: () => Promise<LimitedRead>): Promise<FileRead> {
  let got;
  try {
    got = await read();
  } catch (e) {
    return { kind: 'unreadable', message: e instanceof Error ? e.message : String(e) };
  }
  if (!got.ok) return { kind: 'tooLarge', size: got.size, exact: got.exact };
  return { kind: 'read', read: await readImipMail(got.bytes) };
}
