/**
 * Asking the server what changed in one collection since the last sync. Owns the two ways to ask: the
 * sync-collection report with its token (RFC 6578 §3), starting over when the server no longer knows the token
 * (§3.2: valid-sync-token precondition), and for servers without it the ctag / ETag comparison
 * (calendarserver.org getctag, then a Depth 1 PROPFIND of ETags and a multiget of what differs).
 *
 * The objects' data is read from the answers as they arrive and handed to the caller's sink a batch at a time
 * (multistatusStream.ts); applying it to the cache is the backend's job.
 */
import { streamReport, CALDAV_NS, CARDDAV_NS, type MultistatusRow } from './multistatusStream.js';
import type { DavHttp } from './davHttp.js';
import { find, type DavCollection, type DavKind } from './davDiscovery.js';
import { etagText, prop } from './davProps.js';
import type { CollectionState } from './davSyncState.js';

export interface RemoteObject {
  /** Absolute URL. */
  readonly href: string;
  readonly etag: string | null;
  readonly data: string;
}

/**
 * Where changed objects go as they are read: at most `SYNC_BATCH` at a time, the next batch read only after the
 * sink resolved, so a large listing passes through memory a batch at a time.
 */
export type ChangeSink = (objects: RemoteObject[]) => Promise<void>;

export interface CollectionChanges {
  /** How many changed objects went to the sink. */
  readonly changed: number;
  /** Absolute URLs of members that are gone. */
  readonly deleted: readonly string[];
  readonly syncToken: string | null;
  readonly ctag: string | null;
}

const NOTHING = (c: DavCollection, s: CollectionState): CollectionChanges => ({
  changed: 0,
  deleted: [],
  syncToken: s.syncToken ?? c.syncToken,
  ctag: s.ctag ?? c.ctag,
});
/** Hrefs per multiget report: large enough to keep requests few, small enough for any server's body limit. */
const MULTIGET_BATCH = 1000;
/** Objects handed to the sink at a time (and parsed and written at once by the backend). */
export const SYNC_BATCH = 64;

/**
 * `collection` carries the token and ctag the home listing just reported: when they equal what the state holds,
 * nothing is asked at all. Changed objects go to `sink` while the answer is read; the deletions are returned (a
 * full listing knows them only at its end) for the caller to apply after the changes.
 */
export async function fetchChanges(
  http: DavHttp,
  kind: DavKind,
  collection: DavCollection,
  state: CollectionState,
  sink: ChangeSink,
): Promise<CollectionChanges> {
  if (collection.syncToken !== null) {
    if (state.syncToken !== null && state.syncToken === collection.syncToken) return NOTHING(collection, state);
    if (state.syncToken === null && kind === 'caldav') return byQuery(http, collection, state, sink);
    return bySyncToken(http, kind, collection, state, sink);
  }
  if (collection.ctag !== null && state.ctag === collection.ctag) return NOTHING(collection, state);
  return byEtags(http, kind, collection, state, sink);
}

/** The XML of the data property a kind of collection holds. */
const DATA = {
  caldav: { ns: CALDAV_NS, local: 'calendar-data', xml: '<C:calendar-data/>', xmlns: `xmlns:C="${CALDAV_NS}"` },
  carddav: { ns: CARDDAV_NS, local: 'address-data', xml: '<C:address-data/>', xmlns: `xmlns:C="${CARDDAV_NS}"` },
} as const;
const XML_DECL = '<?xml version="1.0" encoding="utf-8"?>';

/**
 * Reads a listing REPORT: rows with data go to the sink as `RemoteObject`s (hrefs made absolute), the others are
 * handed to `other` (a deleted member, or one listed without its data).
 */
async function listing(
  http: DavHttp,
  kind: DavKind,
  collectionUrl: string,
  body: string,
  depth: '1' | undefined,
  sink: ChangeSink,
  other: (href: string, row: MultistatusRow) => void,
): Promise<{ changed: number; syncToken: string | null }> {
  let changed = 0;
  const end = await streamReport(
    http,
    { url: collectionUrl, body, ...(depth ? { depth } : {}), data: DATA[kind], batch: SYNC_BATCH },
    async (rows) => {
      const objects: RemoteObject[] = [];
      for (const r of rows) {
        const href = new URL(r.href, collectionUrl).href;
        // The collection itself, or a collection inside it: never an object.
        if (href === collectionUrl || href.endsWith('/')) continue;
        if (r.data !== null && (r.status === null || (r.status >= 200 && r.status < 300)))
          objects.push({ href, etag: etagText(r.etag), data: r.data });
        else other(href, r);
      }
      changed += objects.length;
      if (objects.length) await sink(objects);
    },
  );
  return { changed, syncToken: end.syncToken };
}

const escapeXml = (s: string): string => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function bySyncToken(
  http: DavHttp,
  kind: DavKind,
  collection: DavCollection,
  state: CollectionState,
  sink: ChangeSink,
): Promise<CollectionChanges> {
  const d = DATA[kind];
  const deleted: string[] = [];
  const missing: string[] = [];
  let full = state.syncToken === null;
  // A listing from an empty token is complete: whatever the cache had and the server did not list is gone. The
  // members known before it are the candidates (the sink adds the listed ones to the state as they arrive).
  let unlisted = full ? new Set(Object.keys(state.objects)) : null;
  let changed = 0;
  const ask = (token: string): Promise<{ changed: number; syncToken: string | null }> =>
    listing(
      http,
      kind,
      collection.url,
      `${XML_DECL}<D:sync-collection xmlns:D="DAV:" ${d.xmlns}><D:sync-token>${escapeXml(token)}</D:sync-token>` +
        `<D:sync-level>1</D:sync-level><D:prop><D:getetag/>${d.xml}</D:prop></D:sync-collection>`,
      undefined,
      async (objects) => {
        for (const o of objects) unlisted?.delete(o.href);
        await sink(objects);
      },
      (href, r) => {
        unlisted?.delete(href);
        if (r.status === 404) deleted.push(href);
        else if (r.status === null || (r.status >= 200 && r.status < 300)) missing.push(href);
      },
    );
  let answer: { changed: number; syncToken: string | null };
  try {
    answer = await ask(state.syncToken ?? '');
  } catch (e) {
    // RFC 6578 §3.2: an unknown or expired token is refused (403/409 valid-sync-token); start again from empty.
    // Nothing went to the sink: a refusal has no multistatus body.
    const status = (e as { status?: unknown }).status;
    if (full || typeof status !== 'number' || status < 300) throw e;
    full = true;
    unlisted = new Set(Object.keys(state.objects));
    answer = await ask('');
  }
  changed += answer.changed;
  if (missing.length) changed += await multiget(http, kind, collection.url, missing, sink);
  if (full && unlisted) deleted.push(...unlisted);
  return { changed, deleted, syncToken: answer.syncToken ?? collection.syncToken, ctag: collection.ctag };
}

/**
 * The first listing of a calendar with sync tokens: one calendar-query (RFC 4791 §7.8) for every object with its
 * data, and the token the calendar home reported just before as the base of the next sync-collection (RFC 6578
 * §4: the DAV:sync-token property is a token the report accepts). Radicale answers a sync-collection from an empty
 * token for 10,000 objects in 12–15 s on a loaded machine (it records a history entry per object) and the same
 * calendar-query in about 2 s. A change made between the token and the query is listed again next time, which
 * costs a download and loses nothing. The answer (6.3 MB for 10,000 events) is read as it arrives.
 */
async function byQuery(
  http: DavHttp,
  collection: DavCollection,
  state: CollectionState,
  sink: ChangeSink,
): Promise<CollectionChanges> {
  const missing: string[] = [];
  // What the state knew and the listing does not show is gone (the sink adds listed members as they arrive).
  const unlisted = new Set(Object.keys(state.objects));
  const answer = await listing(
    http,
    'caldav',
    collection.url,
    `${XML_DECL}<C:calendar-query xmlns:D="DAV:" ${DATA.caldav.xmlns}><D:prop><D:getetag/>${DATA.caldav.xml}</D:prop>` +
      '<C:filter><C:comp-filter name="VCALENDAR"/></C:filter></C:calendar-query>',
    '1',
    async (objects) => {
      for (const o of objects) unlisted.delete(o.href);
      await sink(objects);
    },
    (href, r) => {
      if (r.status !== null && (r.status < 200 || r.status >= 300)) return;
      unlisted.delete(href);
      missing.push(href);
    },
  );
  let changed = answer.changed;
  if (missing.length) changed += await multiget(http, 'caldav', collection.url, missing, sink);
  return { changed, deleted: [...unlisted], syncToken: collection.syncToken, ctag: collection.ctag };
}

async function byEtags(
  http: DavHttp,
  kind: DavKind,
  collection: DavCollection,
  state: CollectionState,
  sink: ChangeSink,
): Promise<CollectionChanges> {
  const rows = await find(http, collection.url, { 'd:getetag': {}, 'd:resourcetype': {} }, '1');
  const listed = new Set<string>();
  const stale: string[] = [];
  for (const r of rows) {
    if (!r.href || !r.ok) continue;
    const href = new URL(r.href, collection.url).href;
    if (href === collection.url || href.endsWith('/')) continue;
    listed.add(href);
    const etag = etagText(prop(r.props, 'getetag'));
    if (etag === null || state.objects[href]?.etag !== etag) stale.push(href);
  }
  const deleted = Object.keys(state.objects).filter((h) => !listed.has(h));
  const changed = stale.length ? await multiget(http, kind, collection.url, stale, sink) : 0;
  return { changed, deleted, syncToken: null, ctag: collection.ctag };
}

/**
 * calendar-multiget (RFC 4791 §7.9) / addressbook-multiget (RFC 6352 §8.7) in batches; each answer read as it
 * arrives. Members the server no longer has (404) are left out. Returns how many objects went to the sink.
 */
export async function multiget(
  http: DavHttp,
  kind: DavKind,
  collectionUrl: string,
  hrefs: readonly string[],
  sink: ChangeSink,
): Promise<number> {
  const d = DATA[kind];
  const report = kind === 'caldav' ? 'C:calendar-multiget' : 'C:addressbook-multiget';
  let changed = 0;
  for (let i = 0; i < hrefs.length; i += MULTIGET_BATCH) {
    const list = hrefs
      .slice(i, i + MULTIGET_BATCH)
      .map((h) => `<D:href>${escapeXml(new URL(h).pathname)}</D:href>`)
      .join('');
    const body = `${XML_DECL}<${report} xmlns:D="DAV:" ${d.xmlns}><D:prop><D:getetag/>${d.xml}</D:prop>${list}</${report}>`;
    changed += (await listing(http, kind, collectionUrl, body, '1', sink, () => undefined)).changed;
  }
  return changed;
}
