/**
 * Atomic file replacement, the only way the stores, the outbox and the mail state write a file. Owns: the
 * temp-file naming, the write → fsync → rename → fsync(dir) order, and cleaning up the temp file when a step fails.
 *
 * A reader (khal, vdirsyncer, a second companion process) therefore sees either the old or the new file, never a
 * half-written one; after a crash at most a `<name>.tmp-<pid>-<n>` file is left, which every store ignores.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { open, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { errnoCode, ioError } from './ioErrors.js';
import { checkFileFault } from './fileFaults.js';
import { currentWriteBatch } from './writeBatch.js';

/** Up to this size a batched write is made synchronously: two system calls instead of four thread-pool trips. */
const SYNC_WRITE_MAX = 1 << 20;

export interface WriteOptions {
  /** Flush file and directory to disk before resolving (default true). `false` is for bulk imports and benchmarks. */
  readonly fsync?: boolean;
}

// Unique per process; the pid keeps two processes writing into one folder apart.
let counter = 0;

export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array,
  opts: WriteOptions = {},
): Promise<void> {
  checkFileFault('write', target);
  const batch = opts.fsync === false ? null : currentWriteBatch();
  // In a batch the fsyncs wait for its flush (writeBatch.ts); the temp file and the rename stay as they are.
  const fsync = (opts.fsync ?? true) && !batch;
  // Same folder as the target: rename(2) is only atomic within one file system.
  const tmp = `${target}.tmp-${process.pid}-${++counter}`;
  if (batch && data.length <= SYNC_WRITE_MAX) {
    writeSmallFile(tmp, target, data);
    batch.noteFile(target);
    batch.noteDir(path.dirname(target));
    return;
  }
  try {
    if (fsync) {
      const handle = await open(tmp, 'w');
      try {
        await handle.writeFile(data);
        // Without this the rename can reach the disk before the data, leaving an empty file after a power cut.
        await handle.sync();
      } finally {
        await handle.close();
      }
    } else {
      await writeFile(tmp, data);
    }
    await renameWithRetry(tmp, target);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw ioError('write', target, e);
  }
  if (fsync) await fsyncDir(path.dirname(target));
  else if (batch) {
    batch.noteFile(target);
    batch.noteDir(path.dirname(target));
  }
}

function writeSmallFile(tmp: string, target: string, data: string | Uint8Array): void {
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw ioError('write', target, e);
  }
}

/**
 * The same replacement done synchronously and without fsync, for a record that must be in place the moment after
 * an event: the outbox's 'sent' after the server's 250 (electron/outbox/outboxDelivery.ts). Asynchronous writes
 * queue in libuv's thread pool behind other writes' fsyncs; that wait is time in which a killed process would
 * forget what the server already took. A rename survives the process being killed; power loss is what the fsync
 * of a following writeFileAtomic is for.
 */
export function writeFileAtomicSync(target: string, data: string | Uint8Array): void {
  const tmp = `${target}.tmp-${process.pid}-${++counter}`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw ioError('write', target, e);
  }
}

/**
 * On Windows a rename over a file that a virus scanner, indexer or sync client has open fails for a moment with
 * EPERM/EACCES/EBUSY; retrying briefly is what graceful-fs does too. Elsewhere the first error is final.
 */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (e) {
      const code = errnoCode(e);
      const transient = process.platform === 'win32' && (code === 'EPERM' || code === 'EACCES' || code === 'EBUSY');
      if (!transient || attempt >= 8) throw e;
      await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt));
    }
  }
}

/**
 * Makes a rename durable: on POSIX the new directory entry is only on disk once the directory itself is synced.
 * Best-effort because Windows cannot open a directory for syncing and some file systems reject it (EINVAL).
 * Inside a write batch the folder is noted and synced once by the batch's flush.
 */
export async function fsyncDir(dir: string): Promise<void> {
  const batch = currentWriteBatch();
  if (batch) {
    batch.noteDir(dir);
    return;
  }
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    /* not supported here; the rename itself is still atomic */
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
