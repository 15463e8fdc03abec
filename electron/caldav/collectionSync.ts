/**
 * Asking the server what changed in one collection since the last sync. Owns the two ways to ask: the
 * sync-collection report with its token (RFC 6578 §3), starting over when the server no longer knows the token
 * (§3.2: valid-sync-token precondition), and for servers without it the ctag / ETag comparison
 * (calendarserver.org getctag, then a Depth 1 PROPFIND of ETags and a multiget of what differs).
 *
 * Returns plain data; applying it to the cache is the backend's job.
 */
import { addressBookMultiGet, calendarMultiGet, calendarQuery, syncCollection } from 'tsdav';
import type { DAVResponse } from 'tsdav';
import { statusError, type DavHttp } from './davHttp.js';
import { find, type DavCollection, type DavKind } from './davDiscovery.js';
import { etagText, prop, textProp } from './davProps.js';
import type { CollectionState } from './davSyncState.js';

export interface RemoteObject {
  /** Absolute URL. */
  readonly href: string;
  readonly etag: string | null;
  readonly data: string;
}

export interface CollectionChanges {
  readonly changed: readonly RemoteObject[];
  /** Absolute URLs of members that are gone. */
  readonly deleted: readonly string[];
  readonly syncToken: string | null;
  readonly ctag: string | null;
}

const NOTHING = (c: DavCollection, s: CollectionState): CollectionChanges => ({
  changed: [],
  deleted: [],
  syncToken: s.syncToken ?? c.syncToken,
  ctag: s.ctag ?? c.ctag,
});
/** Hrefs per multiget report: large enough to keep requests few, small enough for any server's body limit. */
const MULTIGET_BATCH = 1000;

/**
 * `collection` carries the token and ctag the home listing just reported: when they equal what the state holds,
 * nothing is asked at all.
 */
export async function fetchChanges(
  http: DavHttp,
  kind: DavKind,
  collection: DavCollection,
  state: CollectionState,
): Promise<CollectionChanges> {
  if (collection.syncToken !== null) {
    if (state.syncToken !== null && state.syncToken === collection.syncToken) return NOTHING(collection, state);
    if (state.syncToken === null && kind === 'caldav') return byQuery(http, collection, state);
    return bySyncToken(http, kind, collection, state);
  }
  if (collection.ctag !== null && state.ctag === collection.ctag) return NOTHING(collection, state);
  return byEtags(http, kind, collection, state);
}

async function bySyncToken(
  http: DavHttp,
  kind: DavKind,
  collection: DavCollection,
  state: CollectionState,
): Promise<CollectionChanges> {
  const dataProp = kind === 'caldav' ? { 'c:calendar-data': {} } : { 'card:address-data': {} };
  const ask = (token: string): Promise<DAVResponse[]> =>
    syncCollection({
      url: collection.url,
      props: { 'd:getetag': {}, ...dataProp },
      syncLevel: 1,
      syncToken: token,
      fetch: http.fetch as typeof fetch,
    });
  let full = state.syncToken === null;
  let rows = await ask(state.syncToken ?? '');
  if (!full && failed(rows)) {
    // RFC 6578 §3.2: an unknown or expired token is refused (403/409 valid-sync-token); start again from empty.
    full = true;
    rows = await ask('');
  }
  if (failed(rows)) throw statusError(rows[0]?.status ?? 0, `REPORT sync-collection ${collection.url}`);
  const multistatus = (rows[0]?.raw as { multistatus?: Record<string, unknown> } | undefined)?.multistatus;
  const token = textProp(multistatus, 'syncToken');
  const changed: RemoteObject[] = [];
  const deleted: string[] = [];
  const missing: string[] = [];
  const listed = new Set<string>();
  for (const r of rows) {
    if (!r.href) continue;
    const href = new URL(r.href, collection.url).href;
    if (href === collection.url) continue;
    listed.add(href);
    if (r.status === 404) {
      deleted.push(href);
      continue;
    }
    const data = dataOf(r, kind);
    if (data === null) missing.push(href);
    else changed.push({ href, etag: etagText(prop(r.props, 'getetag')), data });
  }
  if (missing.length) changed.push(...(await multiget(http, kind, collection.url, missing)));
  // A listing from an empty token is complete: whatever the cache had and the server did not list is gone.
  if (full) for (const href of Object.keys(state.objects)) if (!listed.has(href)) deleted.push(href);
  return { changed, deleted, syncToken: token ?? collection.syncToken, ctag: collection.ctag };
}

/**
 * The first listing of a calendar with sync tokens: one calendar-query (RFC 4791 §7.8) for every object with its
 * data, and the token the calendar home reported just before as the base of the next sync-collection (RFC 6578
 * §4: the DAV:sync-token property is a token the report accepts). Radicale answers a sync-collection from an empty
 * token for 10,000 objects in 12–15 s on a loaded machine (it records a history entry per object) and the same
 * calendar-query in about 2 s. A change made between the token and the query is listed again next time, which
 * costs a download and loses nothing.
 */
async function byQuery(http: DavHttp, collection: DavCollection, state: CollectionState): Promise<CollectionChanges> {
  const rows = await calendarQuery({
    url: collection.url,
    props: { 'd:getetag': {}, 'c:calendar-data': {} },
    filters: { 'comp-filter': { _attributes: { name: 'VCALENDAR' } } },
    depth: '1',
    fetch: http.fetch as typeof fetch,
  });
  if (failed(rows)) throw statusError(rows[0]?.status ?? 0, `REPORT calendar-query ${collection.url}`);
  const changed: RemoteObject[] = [];
  const missing: string[] = [];
  const listed = new Set<string>();
  for (const r of rows) {
    if (!r.href || !r.ok) continue;
    const href = new URL(r.href, collection.url).href;
    if (href === collection.url || href.endsWith('/')) continue;
    listed.add(href);
    const data = dataOf(r, 'caldav');
    if (data === null) missing.push(href);
    else changed.push({ href, etag: etagText(prop(r.props, 'getetag')), data });
  }
  if (missing.length) changed.push(...(await multiget(http, 'caldav', collection.url, missing)));
  const deleted = Object.keys(state.objects).filter((h) => !listed.has(h));
  return { changed, deleted, syncToken: collection.syncToken, ctag: collection.ctag };
}

async function byEtags(
  http: DavHttp,
  kind: DavKind,
  collection: DavCollection,
  state: CollectionState,
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
  const changed = stale.length ? await multiget(http, kind, collection.url, stale) : [];
  return { changed, deleted, syncToken: null, ctag: collection.ctag };
}

/** calendar-multiget (RFC 4791 §7.9) / addressbook-multiget (RFC 6352 §8.7) in batches. */
export async function multiget(
  http: DavHttp,
  kind: DavKind,
  collectionUrl: string,
  hrefs: readonly string[],
): Promise<RemoteObject[]> {
  const out: RemoteObject[] = [];
  for (let i = 0; i < hrefs.length; i += MULTIGET_BATCH) {
    const objectUrls = hrefs.slice(i, i + MULTIGET_BATCH).map((h) => new URL(h).pathname);
    const common = { url: collectionUrl, objectUrls, depth: '1' as const, fetch: http.fetch as typeof fetch };
    const rows =
      kind === 'caldav'
        ? await calendarMultiGet({ ...common, props: { 'd:getetag': {}, 'c:calendar-data': {} } })
        : await addressBookMultiGet({ ...common, props: { 'd:getetag': {}, 'card:address-data': {} } });
    for (const r of rows) {
      if (!r.href || !r.ok) continue;
      const data = dataOf(r, kind);
      if (data !== null)
        out.push({ href: new URL(r.href, collectionUrl).href, etag: etagText(prop(r.props, 'getetag')), data });
    }
  }
  return out;
}

function dataOf(r: DAVResponse, kind: DavKind): string | null {
  return textProp(r.props, kind === 'caldav' ? 'calendarData' : 'addressData');
}

function failed(rows: DAVResponse[]): boolean {
  const top = rows[0];
  // tsdav turns a non-multistatus answer into one row without props.
  return rows.length === 1 && !!top && top.props === undefined && top.status >= 300;
}
