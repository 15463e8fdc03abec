/**
 * The CalDAV account as the calendar: the server's copy is the truth, the vdir is the offline cache the engine
 * reads. Owns polling (one PROPFIND of the calendar home tells which calendars changed; only those are asked with
 * sync-collection or ctag/ETag), applying remote changes to the cache, and the write path: cache first, then the
 * server with preconditions, or the durable queue while the server is unreachable (see calDavPush.ts).
 */
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { CalendarStore } from '../store/calendarStore.js';
import type { CalendarBackend, Reapply, StoreChange, SyncReport, WriteResult } from './calendarBackend.js';
import { scanObject } from './calendarText.js';
import { fetchChanges, type RemoteObject } from './collectionSync.js';
import { fsyncDir } from '../store/storeFiles.js';
import type { DavAccount } from './davAccountConfig.js';
import {
  discover,
  find,
  targetCalendar,
  type DavCollection,
  type DavDiscovery,
  type DavResolver,
} from './davDiscovery.js';
import { DavHttp, isOffline } from './davHttp.js';
import { etagText, prop, textProp } from './davProps.js';
import { DavSyncState } from './davSyncState.js';
import { Pusher } from './calDavPush.js';
import { WriteQueue } from './writeQueue.js';

export interface CalDavOptions {
  readonly account: DavAccount;
  /** The data dir root: state, queue and set-aside conflicts go to `<root>/caldav/`. */
  readonly root: string;
  /** The vdir, or a getter for it: a data dir reloaded by another process's write has a new CalendarStore. */
  readonly cache: CalendarStore | (() => CalendarStore);
  readonly resolver?: DavResolver | null;
  readonly fsync?: boolean;
  readonly log?: (line: string) => void;
  /**
   * The calendar the person chose for new invitations (href or display name; the app's setting or `calendars
   * --use`), read at each write; null or absent: the account's `calendar`, then the server's default.
   */
  readonly chosenTarget?: () => string | null;
}

/** Discovery again every so many polls, to notice new calendars and a moved default. */
const REDISCOVER_EVERY = 30;

export class CalDavBackend implements CalendarBackend {
  readonly kind = 'caldav' as const;
  readonly http: DavHttp;
  readonly #pusher: Pusher;
  #polls = 0;
  /** Collections with fresh tokens from `hasWork`, used by the next `sync` instead of asking again. */
  #prefetched: readonly DavCollection[] | null = null;

  private constructor(
    private readonly opts: CalDavOptions,
    readonly state: DavSyncState,
    readonly queue: WriteQueue,
  ) {
    this.http = new DavHttp(opts.account);
    this.#pusher = new Pusher({
      http: this.http,
      state,
      queue,
      cache: () => this.cache,
      target: () => this.target(),
      conflictsDir: path.join(opts.root, 'caldav', 'conflicts'),
      fsync: opts.fsync ?? true,
    });
  }

  static async open(opts: CalDavOptions): Promise<CalDavBackend> {
    const dir = path.join(opts.root, 'caldav');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const key = davAccountKey(opts.account);
    const name = accountFileName(key);
    const state = await DavSyncState.open(path.join(dir, `${name}.json`), key, opts.fsync ?? true);
    const queue = await WriteQueue.open(path.join(dir, `${name}-queue.json`), opts.fsync ?? true);
    if (queue.problem) opts.log?.(`caldav: ${queue.problem}`);
    const backend = new CalDavBackend(opts, state, queue);
    backend.#checkCache();
    return backend;
  }

  /** Which server account this is (`user@url`): the key of its state files and of the person's target choice. */
  get key(): string {
    return davAccountKey(this.opts.account);
  }

  /** Whether the UID is on this account's server (as last synced or written) or waiting to be pushed there. */
  holds(uid: string): boolean {
    return this.state.locate(uid) !== null || this.queue.hasUid(uid);
  }

  get cache(): CalendarStore {
    const c = this.opts.cache;
    return typeof c === 'function' ? c() : c;
  }

  /** The calendars as last discovered (also offline, from the state file). */
  calendars(): readonly DavCollection[] {
    return this.state.collections;
  }

  /**
   * Where a new event goes: the person's choice when it still names a writable calendar, else the account's
   * `calendar`, else the server's default (or the first calendar for events).
   */
  target(): DavCollection | null {
    const d: DavDiscovery = {
      kind: 'caldav',
      principal: null,
      homes: [],
      collections: this.state.collections,
      defaultCollection: this.state.defaultCollection,
      davHeader: [],
      addresses: [],
    };
    const chosen = this.opts.chosenTarget?.() ?? null;
    const picked = chosen ? targetCalendar(d, chosen) : null;
    if (picked && picked.writable && !picked.subscribed) return picked;
    return targetCalendar(d, this.opts.account.calendar);
  }

  /** Another process (a CLI command beside the agent) may have synced or written since: read its files again. */
  async refresh(): Promise<void> {
    await this.state.refresh();
    await this.queue.refresh();
  }

  async discover(): Promise<DavDiscovery> {
    const d = await discover(this.http, 'caldav', this.opts.resolver ?? null);
    this.state.setDiscovery(d.collections, d.defaultCollection, d.davHeader, d.homes, d.addresses);
    return d;
  }

  /**
   * A cache that lost files the state lists (a crash before the folder was flushed, a person deleting files)
   * would never get them back from an incremental sync: those collections start over from an empty token.
   */
  #checkCache(): void {
    for (const c of this.state.collections) {
      const s = this.state.collection(c.url);
      if (Object.values(s.objects).some((o) => !this.cache.has(o.uid) && !this.queue.hasUid(o.uid)))
        this.state.resetCollection(c.url);
    }
  }

  async apply(uid: string, change: StoreChange, reapply?: Reapply): Promise<WriteResult> {
    await this.refresh();
    if (change.type === 'put') await this.cache.put(uid, change.calendar);
    else await this.cache.delete(uid);
    // A data dir that never synced (a CLI command run before the first poll) does not know the calendars yet.
    if (!this.state.collections.length) await this.discover().catch(() => undefined);
    return this.#pusher.write(uid, change, reapply ?? null);
  }

  /**
   * Whether a sync would change anything: queued writes, or a calendar whose token or ctag moved. Costs the one
   * request of an idle poll, whose answer the following `sync` reuses; lets the agent skip taking the data dir's
   * lock (and making every other process reload) when nothing happened. Errors count as work: `sync` reports them.
   */
  async hasWork(): Promise<boolean> {
    await this.refresh();
    if (this.queue.size) return true;
    try {
      const collections = await this.#fresh();
      this.#prefetched = collections;
      return (
        collections.some((c) => {
          const s = this.state.collection(c.url);
          return c.syncToken !== null ? c.syncToken !== s.syncToken : c.ctag === null || c.ctag !== s.ctag;
        }) || collections.length !== this.state.collections.length
      );
    } catch {
      return true;
    }
  }

  async sync(): Promise<SyncReport> {
    await this.refresh();
    const problems: string[] = [];
    let changed = 0;
    let deleted = 0;
    try {
      const collections = this.#prefetched ?? (await this.#fresh());
      this.#prefetched = null;
      for (const c of collections) {
        if (c.components.length && !c.components.includes('VEVENT')) continue;
        const n = await this.#syncCollection(c, problems);
        changed += n.changed;
        deleted += n.deleted;
      }
      await this.state.save();
    } catch (e) {
      if (!isOffline(e)) throw e;
      await this.state.save().catch(() => undefined);
      return {
        changed,
        deleted,
        pushed: 0,
        queued: this.queue.size,
        conflicts: 0,
        offline: true,
        problems: [...problems, (e as Error).message],
      };
    }
    const flushed = await this.#pusher.flush();
    await this.state.save();
    return {
      changed,
      deleted,
      pushed: flushed.pushed,
      queued: this.queue.size,
      conflicts: flushed.conflicts,
      offline: flushed.offline,
      problems: [...problems, ...flushed.problems],
    };
  }

  /**
   * The collections with their current tokens: a full discovery at the start and now and then; otherwise one
   * Depth 1 PROPFIND per calendar home, which is the whole cost of a poll when nothing changed.
   */
  async #fresh(): Promise<readonly DavCollection[]> {
    if (this.#polls++ % REDISCOVER_EVERY === 0 || !this.state.homes.length) return (await this.discover()).collections;
    const byUrl = new Map(this.state.collections.map((c) => [c.url, c]));
    const out: DavCollection[] = [];
    for (const home of this.state.homes) {
      for (const r of await find(
        this.http,
        home,
        { 'd:sync-token': {}, 'cs:getctag': {}, 'd:resourcetype': {} },
        '1',
      )) {
        const known = r.href ? byUrl.get(new URL(r.href, home).href) : undefined;
        if (known)
          out.push({ ...known, syncToken: textProp(r.props, 'syncToken'), ctag: etagText(prop(r.props, 'getctag')) });
      }
    }
    return out;
  }

  /**
   * Fetches one collection's changes and applies them to the cache as they arrive: each batch the listing hands
   * over is scanned and written in parallel, and let go before the next is read, so an initial sync of thousands of
   * objects never holds them all. The files are not flushed one by one (the server holds the truth); the folder is
   * flushed once at the end, also when the listing broke off, and the token is taken only once everything is
   * applied. A cache missing a file the state lists is re-synced (`open`).
   */
  async #syncCollection(c: DavCollection, problems: string[]): Promise<{ changed: number; deleted: number }> {
    let changed = 0;
    let deleted = 0;
    let wrote = false;
    try {
      const changes = await fetchChanges(this.http, 'caldav', c, this.state.collection(c.url), async (batch) => {
        wrote = true;
        const n = await Promise.all(batch.map((obj) => this.#applyOne(c, obj, problems)));
        changed += n.filter(Boolean).length;
      });
      // After the changes: a UID that moved to another href is found there and stays in the cache.
      for (const href of changes.deleted) {
        const old = this.state.object(c.url, href);
        // A UID with a write still queued keeps the local copy and its base; the push meets the deletion as a 412.
        if (old && this.queue.hasUid(old.uid)) continue;
        this.state.setObject(c.url, href, null);
        if (!old || this.state.locate(old.uid)) continue;
        await this.cache.delete(old.uid);
        deleted++;
      }
      const s = this.state.collection(c.url);
      s.syncToken = changes.syncToken;
      s.ctag = changes.ctag;
    } finally {
      if (wrote) await fsyncDir(this.cache.dir).catch(() => undefined);
    }
    return { changed, deleted };
  }

  async #applyOne(c: DavCollection, obj: RemoteObject, problems: string[]): Promise<boolean> {
    // Only scanned here (one UID, well-formed content lines), not parsed: the cache stores the server's text as
    // it is and parses an object when it is first read, exactly as it treats the files it finds at start. Parsing
    // and serializing 10,000 objects here was most of an initial sync's own CPU.
    const scanned = scanObject(obj.data);
    if (!scanned.ok) {
      problems.push(`${obj.href}: ${scanned.message}; not cached`);
      return false;
    }
    // Our own write coming back (same ETag) or a UID with a write still queued: the cache already has it.
    if (this.queue.hasUid(scanned.uid) || (obj.etag !== null && this.state.object(c.url, obj.href)?.etag === obj.etag))
      return false;
    try {
      // The text is not kept in memory either: it is read from the file when first used, as after a start.
      await this.cache.put(scanned.uid, obj.data, { fsync: false, keepText: false });
    } catch (e) {
      problems.push(`${obj.href}: ${(e as Error).message}; not cached`);
      return false;
    }
    this.state.setObject(c.url, obj.href, { uid: scanned.uid, etag: obj.etag });
    return true;
  }

  async close(): Promise<void> {
    await this.state.save().catch(() => undefined);
    await this.http.close();
  }
}

/** One server account: the user and the URL the configuration names. */
export function davAccountKey(account: { readonly user: string | null; readonly url: string }): string {
  return `${account.user ?? ''}@${account.url}`;
}

function accountFileName(key: string): string {
  return key
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/[^A-Za-z0-9@._-]+/g, '_')
    .slice(0, 100);
}
