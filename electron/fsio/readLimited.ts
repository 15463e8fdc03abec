/**
 * Reading a whole input (a message file, standard input) with its size limit applied while it streams in. Owns:
 * refusing a regular file by its size before reading a byte, and stopping a stream (a pipe, a device) as soon as it
 * passes the limit, so a 200 MB or endless input costs at most the limit plus one chunk of memory.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

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

/** A file by its path: a regular file larger than `maxBytes` is refused by its size, anything else streams. */
export async function readFileLimited(file: string, maxBytes: number): Promise<LimitedRead> {
  const info = await stat(file);
  if (info.isFile() && info.size > maxBytes) return { ok: false, code: 'TOO_LARGE', size: info.size, exact: true };
  // 1 MiB chunks: a file that grows while it is read (or a FIFO) is still stopped one chunk after the limit.
  return readLimited(createReadStream(file, { highWaterMark: 1024 * 1024 }), maxBytes);
}
