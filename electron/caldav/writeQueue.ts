/**
 * The durable queue of calendar writes not yet on the server (`D/caldav/<account>-queue.json`), pushed in the
 * order they were made once the server can be reached. Owns its file (rewritten atomically on every change; read
 * again when another process — a CLI command beside the running agent — changed it) and nothing else: what a
 * write means is the backend's business.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../fsio/atomicWrite.js';
import { fileStamp, type Location } from './davSyncState.js';

export interface QueuedWrite {
  readonly id: string;
  readonly uid: string;
  readonly op: 'put' | 'delete';
  /** The VCALENDAR text to store (put). */
  readonly text: string | null;
  /** Where the object was, with the ETag it had, when the change was made: the If-Match of the push. */
  readonly base: Location | null;
  readonly queuedAt: string;
}

export class WriteQueue {
  #items: QueuedWrite[];
  #stamp: string | null = null;
  /** A file that could not be read: kept aside, not overwritten. */
  readonly problem: string | null;

  private constructor(
    readonly file: string,
    items: QueuedWrite[],
    problem: string | null,
    private readonly fsync: boolean,
  ) {
    this.#items = items;
    this.problem = problem;
  }

  static async open(file: string, fsync = true): Promise<WriteQueue> {
    const queue = await WriteQueue.#read(file, fsync);
    queue.#stamp = await fileStamp(file);
    return queue;
  }

  /** Reads the file again when another process changed it (writers hold the data dir's lock). */
  async refresh(): Promise<boolean> {
    const stamp = await fileStamp(this.file);
    if (stamp === this.#stamp) return false;
    const again = await WriteQueue.#read(this.file, this.fsync);
    this.#stamp = await fileStamp(this.file);
    this.#items = [...again.list()];
    return true;
  }

  static async #read(file: string, fsync: boolean): Promise<WriteQueue> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return new WriteQueue(file, [], null, fsync);
    }
    try {
      const items = JSON.parse(text) as QueuedWrite[];
      if (!Array.isArray(items)) throw new Error('not a list');
      return new WriteQueue(
        file,
        items.filter((w) => w && typeof w.uid === 'string' && (w.op === 'put' || w.op === 'delete')),
        null,
        fsync,
      );
    } catch (e) {
      // Never lose queued changes silently: keep the damaged file next to the new one.
      const aside = `${file}.damaged-${Date.now()}`;
      await writeFileAtomic(aside, text, { fsync });
      return new WriteQueue(file, [], `${file} could not be read (${(e as Error).message}); kept as ${aside}`, fsync);
    }
  }

  get size(): number {
    return this.#items.length;
  }

  list(): readonly QueuedWrite[] {
    return this.#items;
  }

  hasUid(uid: string): boolean {
    return this.#items.some((w) => w.uid === uid);
  }

  async add(w: Omit<QueuedWrite, 'id'>): Promise<QueuedWrite> {
    // Unique across processes: a re-apply function is kept in memory by the id of the write it belongs to.
    const item = { ...w, id: randomUUID() };
    this.#items = [...this.#items, item];
    await this.#save();
    return item;
  }

  async remove(id: string): Promise<void> {
    this.#items = this.#items.filter((w) => w.id !== id);
    await this.#save();
  }

  async #save(): Promise<void> {
    await writeFileAtomic(this.file, JSON.stringify(this.#items), { fsync: this.fsync });
    this.#stamp = await fileStamp(this.file);
  }
}
