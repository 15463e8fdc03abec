/**
 * Reading a whole input (a message file, standard input) with its size limit applied while it streams in. Owns:
 * refusing a regular file by its size before reading a byte, and stopping a stream (a pipe, a device) as soon as it
 * passes the limit, so a 200 MB or endless input costs at most the limit plus one chunk of memory.
 */
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';

export type LimitedRead =
  | { readonly ok: true; readonly bytes: Buffer }
  /** `size`: the file's size, or for a stream the bytes read before it was stopped (a lower bound). */
  | { readonly ok: false; readonly code: 'TOO_LARGE'; readonly size: number; readonly exact: boolean };

/** Reads `source` up to `maxBytes`; stops at the first chunk beyond it (the iterator's return closes a stream). */
export async function readLimited(source: AsyncIterable<Uint8Array | string>, maxBytes: number): Promise<LimitedRead> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of source) {
    const buf =
      typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    total += buf.byteLength;
    if (total > maxBytes) return { ok: false, code: 'TOO_LARGE', size: total, exact: false };
    chunks.push(buf);
  }
  return { ok: true, bytes: Buffer.concat(chunks, total) };
}

/**
 * A regular file up to this size is read in one go, synchronously (open, fstat, read, close: microseconds for a
 * mail); a batch of a thousand files otherwise spends more on the stream's thread-pool trips than on the mail.
 */
const SMALL_FILE = 4 * 1024 * 1024;

/** A file by its path: a regular file larger than `maxBytes` is refused by its size, anything else streams. */
export async function readFileLimited(file: string, maxBytes: number): Promise<LimitedRead> {
  const fd = openSync(file, 'r');
  let streamed = false;
  try {
    const info = fstatSync(fd);
    if (info.isFile() && info.size > maxBytes) return { ok: false, code: 'TOO_LARGE', size: info.size, exact: true };
    if (info.isFile() && info.size <= Math.min(SMALL_FILE, maxBytes)) return readSmall(fd, info.size, maxBytes);
    streamed = true;
    // 1 MiB chunks: a file that grows while it is read (or a FIFO) is still stopped one chunk after the limit.
    return await readLimited(createReadStream(file, { fd, highWaterMark: 1024 * 1024 }), maxBytes);
  } finally {
    if (!streamed) closeSync(fd);
  }
}

/** Reads a regular file of `size` bytes; one byte more is asked for, so a file that grew past the limit is seen. */
function readSmall(fd: number, size: number, maxBytes: number): LimitedRead {
  const buf = Buffer.allocUnsafe(size + 1);
  let total = 0;
  for (;;) {
    const n = readSync(fd, buf, total, buf.length - total, null);
    if (n === 0) break;
    total += n;
    if (total === buf.length) {
      // It grew while we read: the streaming path's rules, from here on.
      if (total > maxBytes) return { ok: false, code: 'TOO_LARGE', size: total, exact: false };
      return readSmallGrown(fd, buf, total, maxBytes);
    }
  }
  return { ok: true, bytes: buf.subarray(0, total) };
}

function readSmallGrown(fd: number, head: Buffer, length: number, maxBytes: number): LimitedRead {
  const chunks = [head.subarray(0, length)];
  let total = length;
  const chunk = Buffer.allocUnsafe(64 * 1024);
  for (;;) {
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) return { ok: true, bytes: Buffer.concat(chunks, total) };
    total += n;
    if (total > maxBytes) return { ok: false, code: 'TOO_LARGE', size: total, exact: false };
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
}
