/**
 * Single-object HTTP on a DAV server: GET, conditional PUT and DELETE (RFC 4918 §10.4, RFC 7232: If-Match /
 * If-None-Match), and finding an object by UID with a calendar-query (RFC 4791 §7.8, §9.7.5 text-match on UID).
 * Owns the preconditions that keep another client's change: creating with `If-None-Match: *`, changing and
 * deleting with `If-Match: <etag>`; a 412 becomes DAV_PRECONDITION for the caller to resolve.
 */
import { calendarQuery } from 'tsdav';
import { DavError, statusError, type DavHttp } from './davHttp.js';
import { etagText, prop, textProp } from './davProps.js';

export interface FetchedObject {
  readonly href: string;
  readonly etag: string | null;
  readonly data: string;
}

export async function getObject(http: DavHttp, href: string): Promise<FetchedObject | null> {
  const res = await http.fetch(href, { method: 'GET' });
  const data = await res.text();
  if (res.status === 404 || res.status === 410) return null;
  if (!res.ok) throw statusError(res.status, `GET ${href}`);
  return { href, etag: res.headers.get('etag'), data };
}

export type Precondition = { readonly ifMatch: string } | { readonly ifNoneMatch: '*' };

/** PUT with a precondition; resolves to the new ETag (null when the server did not give one, RFC 4791 §5.3.4). */
export async function putObject(
  http: DavHttp,
  href: string,
  text: string,
  pre: Precondition,
  contentType: string,
): Promise<string | null> {
  const headers: Record<string, string> = { 'Content-Type': contentType };
  if ('ifMatch' in pre) headers['If-Match'] = pre.ifMatch;
  else headers['If-None-Match'] = '*';
  const res = await http.fetch(href, { method: 'PUT', headers, body: text });
  await res.arrayBuffer().catch(() => undefined);
  // Radicale answers 201 to an update too; 204 is the usual answer.
  if (!res.ok) throw statusError(res.status, `PUT ${href}`);
  return res.headers.get('etag') ?? (await headEtag(http, href));
}

/** `quiet`: `Schedule-Reply: F` (RFC 6638 §8.1), so a scheduling server sends no reply for the deletion. */
export async function deleteObject(http: DavHttp, href: string, etag: string | null, quiet = false): Promise<void> {
  const headers: Record<string, string> = etag ? { 'If-Match': etag } : {};
  if (quiet) headers['Schedule-Reply'] = 'F';
  const res = await http.fetch(href, { method: 'DELETE', headers });
  await res.arrayBuffer().catch(() => undefined);
  if (res.status === 404 || res.status === 410) return;
  if (!res.ok) throw statusError(res.status, `DELETE ${href}`);
}

/** The ETag of one object by PROPFIND (servers that change the data on PUT may leave the ETag header out). */
async function headEtag(http: DavHttp, href: string): Promise<string | null> {
  const res = await http.fetch(href, { method: 'HEAD' });
  return res.ok ? res.headers.get('etag') : null;
}

/** Objects in a calendar whose VEVENT has this UID (usually none or one). */
export async function findByUid(http: DavHttp, collectionUrl: string, uid: string): Promise<FetchedObject[]> {
  const rows = await calendarQuery({
    url: collectionUrl,
    depth: '1',
    props: { 'd:getetag': {}, 'c:calendar-data': {} },
    filters: {
      'comp-filter': {
        _attributes: { name: 'VCALENDAR' },
        'comp-filter': {
          _attributes: { name: 'VEVENT' },
          'prop-filter': {
            _attributes: { name: 'UID' },
            'text-match': { _attributes: { collation: 'i;octet' }, _text: uid },
          },
        },
      },
    },
    fetch: http.fetch as typeof fetch,
  }).catch((e: unknown) => {
    if (e instanceof DavError) throw e;
    throw new DavError('DAV_PROTOCOL', `REPORT calendar-query ${collectionUrl}: ${(e as Error).message}`);
  });
  const out: FetchedObject[] = [];
  for (const r of rows) {
    if (!r.href || !r.ok) continue;
    const data = textProp(r.props, 'calendarData');
    if (data !== null)
      out.push({ href: new URL(r.href, collectionUrl).href, etag: etagText(prop(r.props, 'getetag')), data });
  }
  return out;
}

/** A file name for a new object: the UID where it is safe in a URL path, else a hex digest of it. */
export function objectName(uid: string, ext: string): string {
  if (/^[A-Za-z0-9._@-]{1,120}$/.test(uid)) return `${uid}${ext}`;
  let h = 0x811c9dc5;
  let h2 = 0;
  for (let i = 0; i < uid.length; i++) {
    h = Math.imul(h ^ uid.charCodeAt(i), 0x01000193) >>> 0;
    h2 = Math.imul(h2 + uid.charCodeAt(i), 31) >>> 0;
  }
  return `${h.toString(16)}${h2.toString(16)}-${uid.length}${ext}`;
}
