/**
 * Pushing calendar writes to the server without losing anyone else's change. Owns: the order (while anything is
 * queued, a new write joins the end of the queue), the preconditions (create with `If-None-Match: *` after
 * looking the UID up in every calendar, since the server may already hold it — e.g. an invitation a scheduling
 * server delivered itself; change and delete with `If-Match`), and a 412: fetch the server's copy, re-apply the
 * change on it and try again. Without a re-apply function (a write queued before a restart) the server's copy is
 * kept and ours is set aside in `caldav/conflicts/` with a problem report. Read-only and subscribed calendars
 * are never written.
 */
import type ICAL from 'ical.js';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../fsio/atomicWrite.js';
import type { CalendarStore } from '../store/calendarStore.js';
import type { Reapply, StoreChange, WriteResult } from './calendarBackend.js';
import { objectText, parseObject } from './calendarText.js';
import { DavError, isOffline, type DavHttp } from './davHttp.js';
import type { DavCollection } from './davDiscovery.js';
import { deleteObject, findByUid, getObject, objectName, putObject, type FetchedObject } from './davObjects.js';
import type { DavSyncState, Location } from './davSyncState.js';
import { autoSchedules, withClientScheduling } from './scheduleAgent.js';
import type { QueuedWrite, WriteQueue } from './writeQueue.js';

export interface PusherDeps {
  readonly http: DavHttp;
  readonly state: DavSyncState;
  readonly queue: WriteQueue;
  readonly cache: () => CalendarStore;
  readonly target: () => DavCollection | null;
  readonly conflictsDir: string;
  readonly fsync: boolean;
}

/** Attempts per write when other clients keep changing the same object. */
const MAX_ATTEMPTS = 4;
const ICS = 'text/calendar; charset=utf-8';

export class Pusher {
  /** Re-apply functions of queued writes made by this process (a restart loses them; see the header). */
  readonly #reapply = new Map<string, Reapply>();

  constructor(private readonly d: PusherDeps) {}

  async write(uid: string, change: StoreChange, reapply: Reapply | null): Promise<WriteResult> {
    const base = this.d.state.locate(uid);
    const text = change.type === 'put' ? objectText(change.calendar) : null;
    const item = await this.d.queue.add({ uid, op: change.type, text, base, queuedAt: new Date().toISOString() });
    if (reapply) this.#reapply.set(item.id, reapply);
    if (this.d.queue.list()[0]?.id !== item.id) {
      // Earlier writes are still waiting: keep the order, try them all now.
      const f = await this.flush();
      return this.d.queue.list().some((w) => w.id === item.id)
        ? { state: 'queued', message: f.problems[0] ?? null }
        : { state: 'pushed', message: null };
    }
    try {
      const r = await this.#push(item);
      await this.#done(item);
      return r;
    } catch (e) {
      if (isOffline(e)) return { state: 'queued', message: (e as Error).message };
      await this.#done(item);
      return { state: 'local', message: (e as Error).message };
    }
  }

  /** Pushes queued writes in order; stops at the first that cannot reach the server. */
  async flush(): Promise<{ pushed: number; conflicts: number; offline: boolean; problems: string[] }> {
    let pushed = 0;
    let conflicts = 0;
    const problems: string[] = [];
    for (const item of [...this.d.queue.list()]) {
      try {
        const r = await this.#push(item);
        if (r.state === 'pushed' || r.state === 'unchanged') pushed++;
        if (r.state === 'conflict') conflicts++;
        if (r.message) problems.push(r.message);
      } catch (e) {
        if (isOffline(e)) return { pushed, conflicts, offline: true, problems: [...problems, (e as Error).message] };
        problems.push(`${item.uid}: ${(e as Error).message}; the change stays in the local calendar only`);
      }
      await this.#done(item);
    }
    return { pushed, conflicts, offline: false, problems };
  }

  async #done(item: QueuedWrite): Promise<void> {
    this.#reapply.delete(item.id);
    // State first: a crash in between pushes the write again, and its precondition then fails harmlessly.
    await this.d.state.save();
    await this.d.queue.remove(item.id);
  }

  async #push(item: QueuedWrite): Promise<WriteResult> {
    // The state's location is the base: sync leaves a UID with queued writes alone, so its ETag is either the one
    // the change was made on or the one our own previous push of this UID got.
    let loc: Location | null = this.d.state.locate(item.uid);
    // A UID on the server that this cache never synced: we have not seen that copy, so re-apply on it.
    let mustReapply = false;
    if (!loc) {
      loc = await this.#findOnServer(item.uid);
      mustReapply = loc !== null;
    }
    if (loc && !this.#writable(loc.collection))
      return { state: 'local', message: `${item.uid} is in a read-only calendar; changed only in the local copy` };
    if (!loc && item.op === 'delete') return { state: 'unchanged', message: null };
    let text = item.text;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (mustReapply && loc) {
        const resolved = await this.#resolve(item, loc);
        if (resolved.done) return resolved.result;
        text = resolved.text;
        loc = resolved.loc;
      }
      try {
        return await this.#send(item, text, loc);
      } catch (e) {
        if (!(e instanceof DavError && e.code === 'DAV_PRECONDITION')) throw e;
        loc ??= { collection: this.d.target()?.url ?? '', href: this.#newHref(item.uid), etag: null };
        mustReapply = true;
      }
    }
    throw new DavError(
      'DAV_PRECONDITION',
      `${item.uid}: the server copy kept changing; gave up after ${MAX_ATTEMPTS} attempts`,
    );
  }

  async #send(item: QueuedWrite, text: string | null, loc: Location | null): Promise<WriteResult> {
    if (item.op === 'delete' || text === null) {
      // RFC 6638 §8.1: an attendee's DELETE makes a scheduling server decline for them unless told not to.
      if (loc) await deleteObject(this.d.http, loc.href, loc.etag, autoSchedules(this.d.state.davHeader));
      if (loc) this.d.state.setObject(loc.collection, loc.href, null);
      return { state: 'pushed', message: null };
    }
    const body = this.#forServer(text);
    if (loc) {
      // No ETag: the server had no such object when we looked; never PUT unconditionally over someone's copy.
      const etag = await putObject(
        this.d.http,
        loc.href,
        body,
        loc.etag ? { ifMatch: loc.etag } : { ifNoneMatch: '*' },
        ICS,
      );
      this.d.state.setObject(loc.collection, loc.href, { uid: item.uid, etag });
      return { state: 'pushed', message: null };
    }
    const target = this.d.target();
    // Nothing discovered yet (no sync so far, server unreachable): wait in the queue for the first sync.
    if (!target && !this.d.state.collections.length)
      throw new DavError('DAV_UNREACHABLE', `${item.uid}: the account's calendars are not known yet`);
    if (!target)
      return { state: 'local', message: `${item.uid}: the account has no writable calendar for events; kept locally` };
    const href = this.#newHref(item.uid);
    const etag = await putObject(this.d.http, href, body, { ifNoneMatch: '*' }, ICS);
    this.d.state.setObject(target.url, href, { uid: item.uid, etag });
    return { state: 'pushed', message: null };
  }

  /** The server's copy replaces ours in the cache; the change is re-applied on it when we know how. */
  async #resolve(
    item: QueuedWrite,
    loc: Location,
  ): Promise<{ done: true; result: WriteResult } | { done: false; text: string | null; loc: Location }> {
    const server = await getObject(this.d.http, loc.href);
    const current = server ? parseObject(server.data) : null;
    const serverCal: ICAL.Component | null = current?.ok ? current.calendar : null;
    const fresh: Location = { collection: loc.collection, href: loc.href, etag: server?.etag ?? null };
    const reapply = this.#reapply.get(item.id);
    if (!reapply) {
      await this.#setAside(item, server);
      await this.#adopt(item.uid, fresh, server, serverCal);
      return {
        done: true,
        result: {
          state: 'conflict',
          message: `${item.uid} was changed on the server meanwhile; the server's version was kept and the local change saved in ${this.d.conflictsDir}`,
        },
      };
    }
    const next = reapply(serverCal);
    if (next === null) {
      await this.#adopt(item.uid, fresh, server, serverCal);
      return { done: true, result: { state: 'unchanged', message: null } };
    }
    if (next.type === 'put') await this.d.cache().put(item.uid, next.calendar);
    else await this.d.cache().delete(item.uid);
    if (!server)
      return next.type === 'put'
        ? { done: false, text: objectText(next.calendar), loc: { ...fresh, etag: null } }
        : { done: true, result: { state: 'pushed', message: null } };
    return { done: false, text: next.type === 'put' ? objectText(next.calendar) : null, loc: fresh };
  }

  /** Makes the cache hold exactly the server's copy (or nothing, when it is gone). */
  async #adopt(uid: string, loc: Location, server: FetchedObject | null, cal: ICAL.Component | null): Promise<void> {
    if (server && cal) {
      this.d.state.setObject(loc.collection, loc.href, { uid, etag: server.etag });
      await this.d.cache().put(uid, cal);
    } else {
      this.d.state.setObject(loc.collection, loc.href, null);
      await this.d.cache().delete(uid);
    }
  }

  async #setAside(item: QueuedWrite, server: FetchedObject | null): Promise<void> {
    await mkdir(this.d.conflictsDir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = path.join(
      this.d.conflictsDir,
      `${stamp}-${objectName(item.uid, item.op === 'put' ? '.ics' : '.deleted')}`,
    );
    await writeFileAtomic(
      file,
      item.text ?? `deleted locally; the server ${server ? 'still has it' : 'no longer has it'}\n`,
      { fsync: this.d.fsync },
    );
  }

  async #findOnServer(uid: string): Promise<Location | null> {
    for (const c of this.d.state.collections) {
      if (c.components.length && !c.components.includes('VEVENT')) continue;
      const [found] = await findByUid(this.d.http, c.url, uid);
      if (found) return { collection: c.url, href: found.href, etag: found.etag };
    }
    return null;
  }

  #writable(collection: string): boolean {
    const c = this.d.state.collections.find((x) => x.url === collection);
    return c ? c.writable && !c.subscribed : false;
  }

  #newHref(uid: string): string {
    return new URL(objectName(uid, '.ics'), this.d.target()?.url ?? 'http://invalid/').href;
  }

  #forServer(text: string): string {
    if (!autoSchedules(this.d.state.davHeader)) return text;
    const parsed = parseObject(text);
    return parsed.ok ? objectText(withClientScheduling(parsed.calendar, this.d.state.addresses)) : text;
  }
}
