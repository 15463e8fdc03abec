/**
 * One data dir used by several processes at once: the `watch` agent (or the desktop app) and CLI commands such as
 * `decide` run against the same folder. Each process keeps the stores in memory, so without care one would
 * overwrite what the other just wrote. Owns the cross-process rules:
 *
 * - writers take an exclusive lock file (`D/.lock`, electron/fsio/lockFile.ts: created with O_EXCL, naming the
 *   owner's pid; a lock whose process is gone is taken over);
 * - a writer leaves a new generation token in `D/state/generation` when it releases the lock;
 * - before each unit of work a process compares the token with the one it last saw and, if another process wrote
 *   since, reopens the stores from disk;
 * - a writer first moves unusable files aside to quarantine/ and rebuilds unusable decisions from their messages
 *   (DataDir.quarantine), so the agent, the app and the CLI alike never write beside a broken file; what it moved is
 *   told to the listeners (the agent's log) and kept for `takeRepairs` (the CLI's warning lines).
 */
import { readFile, mkdir } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { DataDir } from './dataDir.js';
import type { QuarantinedFile } from './quarantine.js';
import type { DecisionRebuilder } from './decisionRebuild.js';
import { writeFileAtomic } from '../fsio/atomicWrite.js';
import { waitForLock } from '../fsio/lockFile.js';
import { errnoCode, type StoreOptions } from './storeFiles.js';

const LOCK_WAIT_MS = 60_000;
const LOCK_POLL_MS = 20;

export class SharedDataDir {
  readonly #data: DataDir;
  #seen: string | null;
  #chain: Promise<unknown> = Promise.resolve();
  #repairs: QuarantinedFile[] = [];
  readonly #listeners = new Set<(moved: readonly QuarantinedFile[]) => void>();
  #rebuild: DecisionRebuilder | undefined;
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

  /**
   * How a repair derives an unusable decision again (the engine's side, given by whoever opens the data dir: the
   * store itself never runs the engine). Without it unusable decisions are only moved aside.
   */
  rebuildWith(rebuild: DecisionRebuilder): void {
    this.#rebuild = rebuild;
  }

  /** Calls `listener` with the files each repair moved aside (and the decisions it rebuilt); returns the unsubscribe. */
  onRepair(listener: (moved: readonly QuarantinedFile[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** What repairs moved since the last call (the CLI reports it once per command). */
  takeRepairs(): QuarantinedFile[] {
    const out = this.#repairs;
    this.#repairs = [];
    return out;
  }

  /** Repairs now when a store found an unusable file (the app at start, before anything writes). */
  async repairNow(): Promise<void> {
    if (hasUnusable(this.#data)) await this.run(async () => undefined);
  }

  async #repair(data: DataDir): Promise<void> {
    if (!hasUnusable(data)) return;
    const moved = await data.quarantine(this.#rebuild);
    if (!moved.length) return;
    this.#repairs.push(...moved);
    for (const l of this.#listeners) l(moved);
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
        await this.#repair(data);
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

function hasUnusable(data: DataDir): boolean {
  return [...data.calendar.problems, ...data.pending.problems].some((p) => p.unusable);
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
