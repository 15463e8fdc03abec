/**
 * Reading a WebDAV multistatus answer (RFC 4918 §13) as it arrives: the REPORTs that list a collection with its
 * data (calendar-query, calendar-multiget, addressbook-multiget, sync-collection) are parsed piece by piece and
 * handed on in batches, so a listing of ten thousand objects never sits in memory as one body, one string or one
 * object tree (tsdav reads the whole body into a string and converts it into a tree). Owns the few elements these
 * reports answer with: per response its href and status, the ETag and the object's data from its successful
 * propstats, and the top-level sync-token (RFC 6578 §3.2).
 */
import { StringDecoder } from 'node:string_decoder';
import sax from 'sax';
import { ownedString as owned } from '../../shared/util/ownedString.js';
import { DavError, statusError, type DavHttp } from './davHttp.js';

const DAV = 'DAV:';
export const CALDAV_NS = 'urn:ietf:params:xml:ns:caldav';
export const CARDDAV_NS = 'urn:ietf:params:xml:ns:carddav';

export interface MultistatusRow {
  /** As the server wrote it (usually a path). */
  readonly href: string;
  /** The response's own status (a member gone in sync-collection: 404); null when it has propstats instead. */
  readonly status: number | null;
  readonly etag: string | null;
  readonly data: string | null;
}

export interface ReportRequest {
  readonly url: string;
  /** The REPORT body (XML). */
  readonly body: string;
  /** The Depth header; sync-collection sends none (RFC 6578 §3.2). */
  readonly depth?: '0' | '1';
  /** The property holding the object's data: calendar-data or address-data. */
  readonly data: { readonly ns: string; readonly local: string };
  /** Rows handed over at a time; the reading waits while a batch is handled. */
  readonly batch: number;
}

/** What the REPORT answered besides its rows. */
export interface ReportEnd {
  readonly syncToken: string | null;
}

/**
 * Sends the REPORT and calls `onRows` with at most `batch` rows at a time as the answer comes in, waiting for each
 * call before reading on. A status other than 207 (or 200) rejects with the status's DavError.
 */
export async function streamReport(
  http: DavHttp,
  req: ReportRequest,
  onRows: (rows: MultistatusRow[]) => Promise<void>,
): Promise<ReportEnd> {
  const res = await http.stream(req.url, {
    method: 'REPORT',
    headers: { 'Content-Type': 'text/xml;charset=UTF-8', ...(req.depth ? { Depth: req.depth } : {}) },
    body: req.body,
  });
  if (res.status < 200 || res.status >= 300 || !/xml/i.test(res.headers.get('content-type') ?? '')) {
    for await (const _ of res.body); // read to the end, so the connection can be used again
    throw res.status >= 200 && res.status < 300
      ? new DavError('DAV_PROTOCOL', `REPORT ${req.url}: the answer is not XML`)
      : statusError(res.status, `REPORT ${req.url}`);
  }
  const reader = new MultistatusReader(req.data);
  const decoder = new StringDecoder('utf8');
  for await (const chunk of res.body) {
    reader.write(decoder.write(chunk), req.url);
    while (reader.rows.length >= req.batch) await onRows(reader.rows.splice(0, req.batch));
  }
  reader.write(decoder.end(), req.url);
  reader.close(req.url);
  while (reader.rows.length) await onRows(reader.rows.splice(0, req.batch));
  return { syncToken: reader.syncToken };
}

/** The element a text is collected for. */
type Field = 'href' | 'status' | 'propstatStatus' | 'etag' | 'data' | 'syncToken';

interface Propstat {
  status: number | null;
  etag: string | null;
  data: string | null;
}

/** A sax parser with the state of one multistatus answer; complete rows collect in `rows`. */
export class MultistatusReader {
  readonly rows: MultistatusRow[] = [];
  syncToken: string | null = null;
  readonly #parser = sax.parser(true, { xmlns: true, position: false });
  /** `uri local` of the open elements. */
  readonly #open: string[] = [];
  #field: Field | null = null;
  /** The field's element depth: text inside deeper elements does not count. */
  #fieldDepth = 0;
  #text: string[] = [];
  #response: { href: string | null; status: number | null; etag: string | null; data: string | null } | null = null;
  #propstat: Propstat | null = null;
  #error: Error | null = null;

  constructor(private readonly dataProp: { readonly ns: string; readonly local: string }) {
    const p = this.#parser;
    p.onopentag = (tag) => this.#onOpen(tag.uri, tag.local);
    p.onclosetag = () => this.#onClose();
    p.ontext = (t) => {
      if (this.#field !== null && this.#open.length === this.#fieldDepth) this.#text.push(t);
    };
    p.oncdata = p.ontext;
    p.onerror = (e) => {
      this.#error ??= e;
    };
  }

  write(text: string, url: string): void {
    if (text) this.#parser.write(text);
    this.#check(url);
  }

  close(url: string): void {
    this.#parser.close();
    this.#check(url);
  }

  #check(url: string): void {
    if (this.#error)
      throw new DavError(
        'DAV_PROTOCOL',
        `REPORT ${url}: the answer is not a usable multistatus (${this.#error.message})`,
      );
  }

  #onOpen(uri: string, local: string): void {
    const parent = this.#open[this.#open.length - 1];
    this.#open.push(`${uri} ${local}`);
    const depth = this.#open.length;
    if (depth === 1) {
      if (uri !== DAV || local !== 'multistatus') this.#error ??= new Error(`the root element is ${local}`);
      return;
    }
    if (depth === 2) {
      if (uri === DAV && local === 'response') this.#response = { href: null, status: null, etag: null, data: null };
      else if (uri === DAV && local === 'sync-token') this.#start('syncToken');
      return;
    }
    if (!this.#response) return;
    if (parent === `${DAV} response`) {
      if (uri !== DAV) return;
      if (local === 'href' && this.#response.href === null) this.#start('href');
      else if (local === 'status') this.#start('status');
      else if (local === 'propstat') this.#propstat = { status: null, etag: null, data: null };
    } else if (parent === `${DAV} propstat` && this.#propstat && uri === DAV && local === 'status') {
      this.#start('propstatStatus');
    } else if (parent === `${DAV} prop` && this.#propstat && depth === 5) {
      if (uri === DAV && local === 'getetag') this.#start('etag');
      else if (uri === this.dataProp.ns && local === this.dataProp.local) this.#start('data');
    }
  }

  #start(field: Field): void {
    this.#field = field;
    this.#fieldDepth = this.#open.length;
    this.#text = [];
  }

  #onClose(): void {
    const closing = this.#open.pop();
    const depth = this.#open.length + 1;
    if (this.#field !== null && depth === this.#fieldDepth) {
      this.#set(this.#field, this.#text.join('').trim());
      this.#field = null;
      this.#text = [];
      return;
    }
    if (closing === `${DAV} propstat` && this.#propstat && this.#response) {
      const ps = this.#propstat;
      this.#propstat = null;
      // Properties in a failed propstat (404: the server has no such property) do not count.
      if (ps.status !== null && (ps.status < 200 || ps.status >= 300)) return;
      this.#response.etag ??= ps.etag;
      this.#response.data ??= ps.data;
    } else if (closing === `${DAV} response` && depth === 2 && this.#response) {
      const r = this.#response;
      this.#response = null;
      if (r.href !== null) this.rows.push({ href: r.href, status: r.status, etag: r.etag, data: r.data });
    }
  }

  #set(field: Field, text: string): void {
    const value = text === '' ? null : text;
    const r = this.#response;
    const ps = this.#propstat;
    if (field === 'syncToken') this.syncToken = owned(value);
    else if (field === 'href' && r) r.href = value;
    else if (field === 'status' && r) r.status = statusOf(value);
    else if (field === 'propstatStatus' && ps) ps.status = statusOf(value);
    else if (field === 'etag' && ps) ps.etag = owned(value);
    else if (field === 'data' && ps) ps.data = value;
  }
}

/** `HTTP/1.1 404 Not Found` → 404. */
function statusOf(line: string | null): number | null {
  const m = /^\S+\s+(\d{3})/.exec(line ?? '');
  return m ? Number(m[1]) : null;
}
