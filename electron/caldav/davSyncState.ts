/**
 * What the offline cache knows about the server, kept in `D/caldav/<account>.json`: the collections found by
 * discovery (so a start without network still knows where things live), and per collection its sync token
 * (RFC 6578), ctag, and each object's href → UID and ETag. Owns loading (a damaged file means "sync from
 * scratch", never a crash), saving atomically, reading it again when another process (a CLI command beside
 * the running agent) saved it, and the UID → location index the writer needs.
 */
import { readFile, stat } from 'node:fs/promises';
import { writeFileAtomic } from '../fsio/atomicWrite.js';
import type { DavCollection } from './davDiscovery.js';

export interface ObjectState {
  readonly uid: string;
  readonly etag: string | null;
}

export interface CollectionState {
  syncToken: string | null;
  ctag: string | null;
  objects: Record<string, ObjectState>;
}

interface StateFile {
  readonly version: 1;
  readonly account: string;
  collections: DavCollection[];
  defaultCollection: string | null;
  davHeader: string[];
  homes: string[];
  /** Absent in files written before the address set was kept. */
  addresses?: string[];
  state: Record<string, CollectionState>;
}

export interface Location {
  readonly collection: string;
  readonly href: string;
  readonly etag: string | null;
}

export class DavSyncState {
  readonly #byUid = new Map<string, Location>();
  /** The file as last read or written by this process (inode, mtime, size): another value means someone else saved. */
  #stamp: string | null = null;

  private constructor(
    readonly file: string,
    private data: StateFile,
    private readonly fsync: boolean,
  ) {
    this.#reindex();
  }

  static async open(file: string, account: string, fsync = true): Promise<DavSyncState> {
    const empty: StateFile = {
      version: 1,
      account,
      collections: [],
      defaultCollection: null,
      davHeader: [],
      homes: [],
      state: {},
    };
    const read = await readState(file, account);
    const state = new DavSyncState(file, read ?? empty, fsync);
    state.#stamp = await fileStamp(file);
    return state;
  }

  /**
   * Reads the file again when another process saved it since (both write only under the data dir's lock, so
   * whoever holds the lock and calls this first works on the newest state). Returns whether it changed.
   */
  async refresh(): Promise<boolean> {
    const stamp = await fileStamp(this.file);
    if (stamp === this.#stamp) return false;
    const read = await readState(this.file, this.data.account);
    this.#stamp = stamp;
    if (!read) return false;
    this.data = read;
    this.#reindex();
    return true;
  }

  get collections(): readonly DavCollection[] {
    return this.data.collections;
  }
  get defaultCollection(): string | null {
    return this.data.defaultCollection;
  }
  get davHeader(): readonly string[] {
    return this.data.davHeader;
  }
  get homes(): readonly string[] {
    return this.data.homes ?? [];
  }
  /** The account's own calendar user addresses as the server names them (RFC 6638 §2.4.1). */
  get addresses(): readonly string[] {
    return this.data.addresses ?? [];
  }

  setDiscovery(
    collections: readonly DavCollection[],
    defaultCollection: string | null,
    davHeader: readonly string[],
    homes: readonly string[],
    addresses: readonly string[] = [],
  ): void {
    this.data.homes = [...homes];
    this.data.addresses = [...addresses];
    this.data.collections = [...collections];
    this.data.defaultCollection = defaultCollection;
    this.data.davHeader = [...davHeader];
    const keep = new Set(collections.map((c) => c.url));
    for (const url of Object.keys(this.data.state)) if (!keep.has(url)) delete this.data.state[url];
    this.#reindex();
  }

  collection(url: string): CollectionState {
    let s = this.data.state[url];
    if (!s) this.data.state[url] = s = { syncToken: null, ctag: null, objects: {} };
    return s;
  }

  /**
   * Makes the next sync of the collection a full listing that rewrites every object. The members stay listed (with
   * their ETags forgotten): a cache torn by a kill in the middle of a sync may still hold objects the server has
   * deleted since, and only a member the listing no longer shows is removed from the cache.
   */
  resetCollection(url: string): void {
    const objects: Record<string, ObjectState> = {};
    for (const [href, o] of Object.entries(this.data.state[url]?.objects ?? {})) objects[href] = { ...o, etag: null };
    this.data.state[url] = { syncToken: null, ctag: null, objects };
    this.#reindex();
  }

  /** Where the UID lives on the server, as of the last sync or write. */
  locate(uid: string): Location | null {
    return this.#byUid.get(uid) ?? null;
  }

  /** UIDs the collection held before a change, for deciding what a deletion removes. */
  setObject(collection: string, href: string, obj: ObjectState | null): void {
    const s = this.collection(collection);
    const old = s.objects[href];
    if (old && this.#byUid.get(old.uid)?.href === href) this.#byUid.delete(old.uid);
    if (obj) {
      s.objects[href] = obj;
      this.#byUid.set(obj.uid, { collection, href, etag: obj.etag });
    } else {
      delete s.objects[href];
    }
  }

  object(collection: string, href: string): ObjectState | null {
    return this.data.state[collection]?.objects[href] ?? null;
  }

  async save(): Promise<void> {
    await writeFileAtomic(this.file, JSON.stringify(this.data), { fsync: this.fsync });
    this.#stamp = await fileStamp(this.file);
  }

  #reindex(): void {
    this.#byUid.clear();
    for (const [collection, s] of Object.entries(this.data.state)) {
      for (const [href, o] of Object.entries(s.objects)) this.#byUid.set(o.uid, { collection, href, etag: o.etag });
    }
  }
}

async function readState(file: string, account: string): Promise<StateFile | null> {
  try {
    const raw = JSON.parse(await readFile(file, 'utf8')) as StateFile;
    // Another account (URL or user changed): its tokens and hrefs mean nothing here.
    if (raw && raw.version === 1 && raw.account === account && raw.state && Array.isArray(raw.collections)) return raw;
  } catch {
    // Missing or damaged: start from scratch; the next sync fetches everything again.
  }
  return null;
}

/** Identifies one version of a file written by atomic rename: a new inode each time. */
export async function fileStamp(file: string): Promise<string | null> {
  try {
    const s = await stat(file);
    return `${s.ino}:${s.mtimeMs}:${s.size}`;
  } catch {
    return null;
  }
}
