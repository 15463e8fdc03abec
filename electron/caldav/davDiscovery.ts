/**
 * Finding an account's collections (RFC 6764, RFC 4791 §6, RFC 6352 §7, RFC 5397): from a bare domain (SRV and
 * TXT records, through an injectable resolver), the server root (`/.well-known/caldav`), a principal or a
 * collection URL, to the current-user-principal, its home sets, and every calendar (or address book) with its
 * name, colour, supported components, whether I may write to it, and its sync token / ctag.
 *
 * Owns only reading: nothing here writes to the server.
 */
import { propfind } from 'tsdav';
import type { DAVResponse } from 'tsdav';
import { DavError, statusError, type DavHttp } from './davHttp.js';
import { hrefsProp, mayWrite, resourceTypes, supportedComponents, textProp } from './davProps.js';

export type DavKind = 'caldav' | 'carddav';

/** DNS lookups RFC 6764 §3 needs; node:dns/promises fits, tests pass a table. */
export interface DavResolver {
  resolveSrv(name: string): Promise<{ name: string; port: number; priority: number; weight: number }[]>;
  resolveTxt(name: string): Promise<string[][]>;
}

export interface DavCollection {
  /** Absolute URL, ending in "/". */
  readonly url: string;
  readonly name: string;
  readonly color: string | null;
  /** Component names (VEVENT, VTODO, …); empty for address books or when the server does not say. */
  readonly components: readonly string[];
  readonly writable: boolean;
  /** Subscribed calendars (`CS:subscribed`) are never written whatever the privileges say. */
  readonly subscribed: boolean;
  readonly syncToken: string | null;
  readonly ctag: string | null;
}

export interface DavDiscovery {
  readonly kind: DavKind;
  readonly principal: string | null;
  readonly homes: readonly string[];
  readonly collections: readonly DavCollection[];
  /** RFC 6638 schedule-default-calendar-URL, when the server names one. */
  readonly defaultCollection: string | null;
  /** The DAV response header of the home (RFC 4918 §10.1): e.g. "calendar-auto-schedule" (RFC 6638 §2). */
  readonly davHeader: readonly string[];
  /** The principal's calendar-user-address-set (RFC 6638 §2.4.1), e.g. `mailto:me@example.com`; may be empty. */
  readonly addresses: readonly string[];
}

const KIND = {
  caldav: {
    home: 'c:calendar-home-set',
    homeProp: 'calendarHomeSet',
    type: 'calendar',
    wellKnown: '/.well-known/caldav',
    srv: '_caldav',
  },
  carddav: {
    home: 'card:addressbook-home-set',
    homeProp: 'addressbookHomeSet',
    type: 'addressbook',
    wellKnown: '/.well-known/carddav',
    srv: '_carddav',
  },
} as const;

const COLLECTION_PROPS = {
  'd:displayname': {},
  'd:resourcetype': {},
  'd:current-user-privilege-set': {},
  'd:sync-token': {},
  'cs:getctag': {},
  'ca:calendar-color': {},
  'c:supported-calendar-component-set': {},
};

export async function discover(http: DavHttp, kind: DavKind, resolver: DavResolver | null): Promise<DavDiscovery> {
  const start = await serviceUrl(http, kind, resolver);
  const first = await find(
    http,
    start,
    { 'd:current-user-principal': {}, 'd:resourcetype': {}, [KIND[kind].home]: {} },
    '0',
  );
  let principal = hrefsProp(first[0]?.props, 'currentUserPrincipal')[0] ?? null;
  if (!principal && isRoot(start)) {
    // RFC 6764 §5: the well-known URI leads to the context path where the principal can be asked for.
    const wk = await find(
      http,
      new URL(KIND[kind].wellKnown, start).href,
      { 'd:current-user-principal': {} },
      '0',
    ).catch(() => []);
    principal = hrefsProp(wk[0]?.props, 'currentUserPrincipal')[0] ?? null;
  }
  const principalUrl = principal ? new URL(principal, start).href : null;
  let homes: string[] = [];
  let inbox: string | null = null;
  let addresses: string[] = [];
  if (principalUrl) {
    const p = await find(
      http,
      principalUrl,
      { [KIND[kind].home]: {}, 'c:schedule-inbox-URL': {}, 'c:calendar-user-address-set': {} },
      '0',
    );
    homes = hrefsProp(p[0]?.props, KIND[kind].homeProp).map((h) => new URL(h, principalUrl).href);
    const inboxHref = hrefsProp(p[0]?.props, 'scheduleInboxURL')[0];
    inbox = inboxHref ? new URL(inboxHref, principalUrl).href : null;
    addresses = hrefsProp(p[0]?.props, 'calendarUserAddressSet');
  }
  const startIsCollection = resourceTypes(first[0]?.props).has(KIND[kind].type);
  if (!homes.length && !startIsCollection) homes = [start];
  const collections: DavCollection[] = [];
  const seen = new Set<string>();
  for (const home of homes) {
    for (const c of await listCollections(http, kind, home)) {
      if (seen.has(c.url)) continue;
      seen.add(c.url);
      collections.push(c);
    }
  }
  if (startIsCollection && !seen.has(withSlash(start))) {
    const own = await listCollections(http, kind, start, '0');
    collections.push(...own);
  }
  const defaultCollection = kind === 'caldav' && inbox ? await scheduleDefault(http, inbox) : null;
  const davHeader = await davCapabilities(http, homes[0] ?? start);
  return { kind, principal: principalUrl, homes, collections, defaultCollection, davHeader, addresses };
}

async function listCollections(
  http: DavHttp,
  kind: DavKind,
  url: string,
  depth: '0' | '1' = '1',
): Promise<DavCollection[]> {
  const rows = await find(http, url, COLLECTION_PROPS, depth);
  const out: DavCollection[] = [];
  for (const r of rows) {
    if (!r.href || !r.ok) continue;
    const types = resourceTypes(r.props);
    const subscribed = types.has('subscribed');
    if (!types.has(KIND[kind].type) && !subscribed) continue;
    const href = withSlash(new URL(r.href, url).href);
    out.push({
      url: href,
      name:
        textProp(r.props, 'displayname') ??
        decodeURIComponent(new URL(href).pathname.split('/').filter(Boolean).pop() ?? href),
      color: textProp(r.props, 'calendarColor'),
      components: kind === 'caldav' ? supportedComponents(r.props) : [],
      writable: !subscribed && mayWrite(r.props),
      subscribed,
      syncToken: textProp(r.props, 'syncToken'),
      ctag: textProp(r.props, 'getctag'),
    });
  }
  return out;
}

async function scheduleDefault(http: DavHttp, inbox: string): Promise<string | null> {
  const rows = await find(http, inbox, { 'c:schedule-default-calendar-URL': {} }, '0').catch(() => []);
  const href = hrefsProp(rows[0]?.props, 'scheduleDefaultCalendarURL')[0];
  return href ? withSlash(new URL(href, inbox).href) : null;
}

async function davCapabilities(http: DavHttp, url: string): Promise<string[]> {
  try {
    const res = await http.fetch(url, { method: 'OPTIONS' });
    await res.arrayBuffer().catch(() => undefined);
    return (res.headers.get('dav') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  } catch {
    return [];
  }
}

/** A PROPFIND through tsdav; a non-multistatus answer becomes a DavError. */
export async function find(
  http: DavHttp,
  url: string,
  props: Record<string, object>,
  depth: '0' | '1',
): Promise<DAVResponse[]> {
  const rows = await propfind({ url, props, depth, fetch: http.fetch as typeof fetch });
  const top = rows[0];
  if (rows.length === 1 && top && !top.props && top.status !== 207) throw statusError(top.status, `PROPFIND ${url}`);
  return rows;
}

/** The URL discovery starts from: the configured URL, or from a bare domain via SRV/TXT (RFC 6764 §3–4). */
async function serviceUrl(http: DavHttp, kind: DavKind, resolver: DavResolver | null): Promise<string> {
  const configured = http.account.url;
  if (/^https?:\/\//i.test(configured)) return configured;
  const domain = configured.replace(/^.*@/, '').replace(/\/.*$/, '');
  if (resolver) {
    for (const [service, scheme] of [
      [`${KIND[kind].srv}s._tcp`, 'https'],
      [`${KIND[kind].srv}._tcp`, 'http'],
    ] as const) {
      const records = await resolver.resolveSrv(`${service}.${domain}`).catch(() => []);
      // RFC 2782: lowest priority first; a target of "." means the service is not offered.
      const best = [...records].sort((a, b) => a.priority - b.priority || b.weight - a.weight)[0];
      if (!best || best.name === '.' || best.name === '') continue;
      // Plain http only for a server on this machine (the same rule as the configuration's url).
      if (scheme === 'http' && !/^(127\.|localhost$)/.test(best.name)) continue;
      const txt = await resolver.resolveTxt(`${service}.${domain}`).catch(() => []);
      const pathEntry = txt.map((parts) => parts.join('')).find((t) => t.startsWith('path='));
      const url = `${scheme}://${best.name}:${best.port}${pathEntry ? pathEntry.slice(5) : KIND[kind].wellKnown}`;
      http.trustOrigin(url);
      return url;
    }
  }
  if (!domain) throw new DavError('DAV_DISCOVERY', `"${configured}" is neither a URL nor a domain.`);
  const url = `https://${domain}${KIND[kind].wellKnown}`;
  http.trustOrigin(url);
  return url;
}

function isRoot(url: string): boolean {
  const p = new URL(url).pathname;
  return p === '/' || p === '';
}

export function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/**
 * The calendar new invitations go to: the configured one (display name or href), else the server's default
 * (RFC 6638 §9.2), else the first writable calendar that holds VEVENTs.
 */
export function targetCalendar(d: DavDiscovery, wanted: string | null): DavCollection | null {
  const events = d.collections.filter(
    (c) => c.writable && (c.components.length === 0 || c.components.includes('VEVENT')),
  );
  if (wanted) {
    const w = wanted.trim();
    const byHref = d.collections.find(
      (c) => c.url === w || new URL(c.url).pathname === withSlash(w) || c.url === withSlash(w),
    );
    return (
      byHref ??
      d.collections.find((c) => c.name === w) ??
      d.collections.find((c) => c.name.toLowerCase() === w.toLowerCase()) ??
      null
    );
  }
  const def = d.defaultCollection ? events.find((c) => c.url === d.defaultCollection) : undefined;
  return def ?? events[0] ?? null;
}
