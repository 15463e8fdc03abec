/**
 * Grouped durability: a unit of work that writes many files (a `process` of a thousand mails, a burst the agent
 * handles at once) runs inside `withWriteBatch`. Owns which writes belong to a batch and the one flush at its end.
 *
 * Inside a batch an atomic write, an append or a removal that asks for fsync does everything but the fsync: the
 * temp file is still renamed over the target, the line still appended, in the same order as without a batch, so a
 * killed process leaves exactly what it leaves today (the page cache outlives the process). What the write would
 * have synced (the file, its folder) is noted instead, and `flush` syncs each noted file and folder once, all at
 * the same time: a file system such as ext4 commits concurrent fsyncs together, where one after another each waits
 * for a journal commit of its own. The batch resolves only after that flush, so whoever reports a batch's work as
 * done (the CLI's output lines, the agent's keywords on the server) does so for work that is on disk.
 *
 * The batch is carried by AsyncLocalStorage: only writes made on behalf of the unit of work join it, never those of
 * something running beside it (the outbox draining, a timer).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { open } from 'node:fs/promises';
import { checkFileFault } from './fileFaults.js';
import { errnoCode, ioError } from './ioErrors.js';

export class WriteBatch {
  readonly #files = new Set<string>();
  readonly #dirs = new Set<string>();
  #closed = false;

  /** Flushed for the last time: a write still carrying this batch's context (a straggler) syncs itself. */
  get closed(): boolean {
    return this.#closed;
  }

  close(): void {
    this.#closed = true;
  }

  /** A file whose contents must reach the disk (written or appended to without its fsync). */
  noteFile(file: string): void {
    this.#files.add(file);
  }

  /** A folder whose entries changed (a rename into it, a new file, a removal). */
  noteDir(dir: string): void {
    this.#dirs.add(dir);
  }

  get pending(): number {
    return this.#files.size + this.#dirs.size;
  }

  /**
   * Syncs every noted file, then every noted folder (a folder entry must not reach the disk before the data it
   * names), each once and concurrently. A file that is gone again (written, then removed in the same batch) needs
   * nothing: its folder's sync records the removal. Throws the first failure as an I/O error with a code.
   */
  async flush(): Promise<void> {
    const files = [...this.#files];
    const dirs = [...this.#dirs];
    this.#files.clear();
    this.#dirs.clear();
    await Promise.all(files.map((f) => syncPath(f, false)));
    // Folders: best effort as in fsyncDir (Windows cannot open a folder; some file systems refuse with EINVAL).
    await Promise.all(dirs.map((d) => syncPath(d, true)));
  }
}

const storage = new AsyncLocalStorage<WriteBatch>();

/** The batch the calling unit of work runs in, or null (each write then syncs itself, as always). */
export function currentWriteBatch(): WriteBatch | null {
  const batch = storage.getStore();
  return batch && !batch.closed ? batch : null;
}

/**
 * Runs `fn` in a batch and flushes it before resolving, also when `fn` failed (what was written is then at least
 * as durable as without a batch). A batch inside a batch joins the outer one, which flushes.
 */
export async function withWriteBatch<T>(fn: (batch: WriteBatch) => Promise<T>): Promise<T> {
  const { value, flushed } = await runWriteBatch(fn);
  await flushed;
  return value;
}

async function syncPath(target: string, dir: boolean): Promise<void> {
  // The test seam's fault stands for this sync failing or the process dying here, folder or not.
  checkFileFault('sync', target);
  let handle;
  try {
    handle = await open(target, 'r');
    await handle.sync();
  } catch (e) {
    if (dir || errnoCode(e) === 'ENOENT') return;
    throw ioError('sync', target, e);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * `withWriteBatch` with the flush handed back instead of awaited: the caller may run its next batch while this
 * one's syncs are under way (the thread pool syncs while the main thread works), and reports this batch's work as
 * done only once `flushed` resolves. A failure of `fn` is as in withWriteBatch: flushed, then thrown. Inside
 * another batch, `fn` joins that one and `flushed` is the outer batch's business.
 */
export async function runWriteBatch<T>(
  fn: (batch: WriteBatch) => Promise<T>,
): Promise<{ value: T; flushed: Promise<void> }> {
  const outer = currentWriteBatch();
  if (outer) return { value: await fn(outer), flushed: Promise.resolve() };
  const batch = new WriteBatch();
  let value: T;
  try {
    value = await storage.run(batch, () => fn(batch));
  } catch (e) {
    batch.close();
    await batch.flush().catch(() => undefined);
    throw e;
  }
  batch.close();
  const flushed = batch.flush();
  // The caller awaits it after its next batch; until then a failure must not count as unhandled.
  flushed.catch(() => undefined);
  return { value, flushed };
}
