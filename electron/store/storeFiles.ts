/**
 * File-system helpers shared by the stores. Owns: recognising our own temporary files and reading every file of
 * one kind in a folder with bounded concurrency (I/O errors and the directory fsync come from electron/fsio).
 * Nothing here interprets content; each store decides what a valid file is.
 */
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { errnoCode, ioError } from '../fsio/ioErrors.js';
import path from 'node:path';

/** A file a store found at start-up and could not use; it is left exactly as it is. */
export interface StoreProblem {
  /** Absolute path of the file. */
  readonly file: string;
  readonly message: string;
  /**
   * The file cannot be read as what its folder holds (truncated, not UTF-8, not JSON…): it is moved aside to
   * `quarantine/` by the next writer (quarantine.ts). Absent for files that are fine but not used (a second
   * file for a UID), which stay where they are.
   */
  readonly unusable?: boolean;
  /**
   * An unusable pack of decisions (pendingStore.ts): the ids its unreadable lines seem to hold, whose decisions are
   * derived again from their messages where the processed log has them (decisionRebuild.ts).
   */
  readonly decisionIds?: readonly string[];
}

export interface StoreOptions {
  /** fsync every write (default true); false for bulk imports and benchmarks. */
  readonly fsync?: boolean;
}

export { errnoCode, ioError } from '../fsio/ioErrors.js';
export { fsyncDir } from '../fsio/atomicWrite.js';

/** `<name>.tmp-<pid>-<n>`: what writeFileAtomic leaves behind when a process dies between write and rename. */
export function isTempName(name: string): boolean {
  return /\.tmp-\d+-\d+$/.test(name);
}

export interface RawFile {
  /** Base name inside the folder. */
  readonly name: string;
  readonly path: string;
  readonly bytes: Uint8Array;
}

/**
 * The store files in a folder (names only): every regular file in `dir` whose name ends with `ext`, sorted by name
 * (so "first wins" is stable across runs), skipping our temp files and dot files (editors and sync tools keep
 * scratch files there; the vdir convention ignores them).
 */
async function listFolder(dir: string, ext: string): Promise<string[]> {
  let dirents;
  try {
    dirents = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    throw ioError('read the folder', dir, e);
  }
  return dirents
    .filter(
      (d) =>
        (d.isFile() || d.isSymbolicLink()) &&
        d.name.toLowerCase().endsWith(ext) &&
        !d.name.startsWith('.') &&
        !isTempName(d.name),
    )
    .map((d) => d.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function readOne(dir: string, name: string): RawFile | null {
  const file = path.join(dir, name);
  try {
    return { name, path: file, bytes: readFileSync(file) };
  } catch (e) {
    // A symlink to nowhere, a folder named like a file or a file deleted meanwhile is not ours to fail on;
    // permissions are.
    if (errnoCode(e) === 'ENOENT' || errnoCode(e) === 'EISDIR') return null;
    throw ioError('read', file, e);
  }
}

/**
 * The store files of a folder, in name order, a batch at a time: a calendar of ten thousand events is never held
 * in memory as raw bytes all at once (that peak stayed in the process's resident memory for good). The files of a
 * batch are read one after another, synchronously: small files, one descriptor at a time, and none of the file
 * handles and promises that reading them in parallel allocated per file (a start with ten thousand events spent
 * more time and memory on those than on the reading).
 */
export async function* readFolderBatches(dir: string, ext: string, size = 64): AsyncGenerator<RawFile[]> {
  const names = await listFolder(dir, ext);
  for (let i = 0; i < names.length; i += size) {
    const batch: RawFile[] = [];
    for (const name of names.slice(i, i + size)) {
      const file = readOne(dir, name);
      if (file) batch.push(file);
    }
    yield batch;
    // The event loop runs between batches, as it did while the reads were asynchronous.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

export async function readFolder(dir: string, ext: string): Promise<RawFile[]> {
  const out: RawFile[] = [];
  for await (const batch of readFolderBatches(dir, ext)) out.push(...batch);
  return out;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** UTF-8 text without a BOM, or null when the bytes are not UTF-8 (RFC 5545 §3.1.4 and RFC 6350 §3.1 require UTF-8). */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Runs async jobs one after another per key (a UID, a decision id) while different keys proceed in parallel, so
 * the file on disk and the in-memory index always end in the state of the last call. A failed job does not block
 * the ones after it.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, job: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key);
    const result = previous ? previous.then(job, job) : job();
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
