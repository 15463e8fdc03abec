/**
 * One data dir used by several processes at once: the `watch` agent (or the desktop app) and CLI commands such as
 * `decide` run against the same folder. Each process keeps the stores in memory, so without care one would
 * overwrite what the other just wrote. Owns the cross-process rules:
 *
 * - writers take an exclusive lock file (`D/.lock`, electron/fsio/lockFile.ts: created with O_EXCL, naming the
 *   owner's pid; a lock whose process is gone is taken over);
 * - a writer leaves a new generation token in `D/state/generation` when it releases the lock;
 * - before each unit of work a process compares the token with the one it last saw and, if another process wrote
 *   since, reopens the stores from disk.
 */
import { readFile, mkdir } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { DataDir } from './dataDir.js';
import { writeFileAtomic } from '../fsio/atomicWrite.js';
import { waitForLock } from '../fsio/lockFile.js';
import { errnoCode, type StoreOptions } from './storeFiles.js';

const LOCK_WAIT_MS = 60_000;
const LOCK_POLL_MS = 20;

export class SharedDataDir {
  readonly #data: DataDir;
  #seen: string | null;
  #chain: Promise<unknown> = Promise.resolve();
  readonly root: string;

  private constructor(root: string, data: DataDir, seen: string | null) {
    this.root = root;
    this.#data = data;
    this.#seen = seen;
  }

  static async open(root: string, opts: StoreOptions = {}): Promise<SharedDataDir> {
    const dir = path.resolve(root);
    const data = await DataDir.open(dir, opts);
    return new SharedDataDir(dir, data, await readGeneration(dir));
  }

  /** Shares an already opened DataDir (the app's): it is reloaded in place when another process wrote. */
  static async wrap(data: DataDir): Promise<SharedDataDir> {
    return new SharedDataDir(data.root, data, await readGeneration(data.root));
  }

  /** The stores (reloaded in place before each unit of work when another process wrote). */
  get current(): DataDir {
    return this.#data;
  }

  /**
   * Runs `fn` with fresh stores. With `write`, under the exclusive lock, and a new generation afterwards so other
   * processes reload. Units of work in one process run one after another.
   */
  run<T>(fn: (data: DataDir) => Promise<T>, opts: { write: boolean } = { write: true }): Promise<T> {
    const next = this.#chain.then(() => (opts.write ? this.#locked(fn) : this.#fresh().then(fn)));
    this.#chain = next.catch(() => undefined);
    return next;
  }

  async #fresh(): Promise<DataDir> {
    const gen = await readGeneration(this.root);
    if (gen !== this.#seen) {
      await this.#data.reload();
      this.#seen = gen;
    }
    return this.#data;
  }

  async #locked<T>(fn: (data: DataDir) => Promise<T>): Promise<T> {
    const release = await acquireLock(this.root);
    try {
      const data = await this.#fresh();
      try {
        return await fn(data);
      } finally {
        const token = randomBytes(8).toString('hex');
        await mkdir(path.join(this.root, 'state'), { recursive: true });
        await writeFileAtomic(path.join(this.root, 'state', 'generation'), token, { fsync: false });
        this.#seen = token;
      }
    } finally {
      await release();
    }
  }
}

async function readGeneration(root: string): Promise<string | null> {
  try {
    return (await readFile(path.join(root, 'state', 'generation'), 'utf8')).trim();
  } catch {
    return null;
  }
}

/** Takes `D/.lock` (electron/fsio/lockFile.ts); waits while a live process holds it, takes it over from a dead one. */
export async function acquireLock(root: string): Promise<() => Promise<void>> {
  try {
    const lock = await waitForLock(path.join(root, '.lock'), { waitMs: LOCK_WAIT_MS, pollMs: LOCK_POLL_MS });
    return () => lock.release();
  } catch (e) {
    if (errnoCode(e) !== 'LOCK_TIMEOUT') throw e;
    const err = new Error(`The data dir ${root} is locked: ${(e as Error).message}`) as Error & { code?: string };
    err.code = 'DATA_DIR_LOCKED';
    throw err;
  }
}
