/**
 * Helpers for the CalDAV/CardDAV integration tests: throwaway Radicale users, collections made with plain
 * HTTP, and "another client" reading and writing objects with plain HTTP requests (never the code under test).
 */
import { appendFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { DavAccount } from '../../electron/caldav/davAccountConfig.js';

/** The ports davstack.sh uses (RADICALE_PORT / XANDIKOS_PORT let a run use servers of its own). */
export const RADICALE_PORT = Number(process.env.RADICALE_PORT ?? 15232);
export const XANDIKOS_PORT = Number(process.env.XANDIKOS_PORT ?? 15233);
export const RADICALE = `http://127.0.0.1:${RADICALE_PORT}/`;
export const XANDIKOS = `http://127.0.0.1:${XANDIKOS_PORT}/`;
const USERS = `${process.env.DAVSTACK_DIR ?? '/tmp/imip-davstack'}/etc/users`;

export const davUp = process.env.IMIP_DAVSTACK === 'up';

export interface DavUser {
  readonly name: string;
  readonly password: string;
  readonly home: string;
  account(extra?: Partial<DavAccount>): DavAccount;
  /** Plain HTTP as another client of the same account. */
  http(
    method: string,
    url: string,
    body?: string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; etag: string | null; text: string }>;
}

export function newRadicaleUser(): DavUser {
  const name = `u${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const password = `${name}-secret`;
  appendFileSync(USERS, `${name}:${password}\n`);
  const auth = `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`;
  return {
    name,
    password,
    home: `${RADICALE}${name}/`,
    account: (extra = {}) => ({ url: RADICALE, user: name, password, ca: null, calendar: null, ...extra }),
    http: async (method, url, body, headers = {}) => {
      const res = await fetch(url, {
        method,
        headers: { Authorization: auth, ...headers },
        ...(body !== undefined ? { body } : {}),
      });
      return { status: res.status, etag: res.headers.get('etag'), text: await res.text() };
    },
  };
}

export async function makeCalendar(
  u: DavUser,
  slug: string,
  name: string,
  components: readonly string[] = ['VEVENT'],
): Promise<string> {
  const url = `${u.home}${slug}/`;
  const comps = components.map((c) => `<C:comp name="${c}"/>`).join('');
  const body = `<?xml version="1.0" encoding="utf-8"?><D:mkcol xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:I="http://apple.com/ns/ical/"><D:set><D:prop><D:resourcetype><D:collection/><C:calendar/></D:resourcetype><D:displayname>${name}</D:displayname><I:calendar-color>#3366ccff</I:calendar-color><C:supported-calendar-component-set>${comps}</C:supported-calendar-component-set></D:prop></D:set></D:mkcol>`;
  const r = await u.http('MKCOL', url, body, { 'Content-Type': 'application/xml' });
  if (r.status !== 201) throw new Error(`MKCOL ${url}: ${r.status} ${r.text}`);
  return url;
}

export async function makeAddressBook(u: DavUser, slug: string, name: string): Promise<string> {
  const url = `${u.home}${slug}/`;
  const body = `<?xml version="1.0" encoding="utf-8"?><D:mkcol xmlns:D="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav"><D:set><D:prop><D:resourcetype><D:collection/><CR:addressbook/></D:resourcetype><D:displayname>${name}</D:displayname></D:prop></D:set></D:mkcol>`;
  const r = await u.http('MKCOL', url, body, { 'Content-Type': 'application/xml' });
  if (r.status !== 201) throw new Error(`MKCOL ${url}: ${r.status} ${r.text}`);
  return url;
}

export function eventText(
  uid: string,
  summary: string,
  opts: { sequence?: number; location?: string; start?: string } = {},
): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//other client//EN',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTAMP:20260101T000000Z',
    `DTSTART:${opts.start ?? '20260310T100000Z'}`,
    'DURATION:PT1H',
    `SUMMARY:${summary}`,
    `SEQUENCE:${opts.sequence ?? 0}`,
    ...(opts.location ? [`LOCATION:${opts.location}`] : []),
    'ORGANIZER;CN=Bob:mailto:bob@example.test',
    'ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:alice@example.test',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

export function cardText(uid: string, name: string, email: string): string {
  return [
    'BEGIN:VCARD',
    'VERSION:3.0',
    `UID:${uid}`,
    `FN:${name}`,
    `N:${name};;;;`,
    `EMAIL:${email}`,
    'END:VCARD',
    '',
  ].join('\r\n');
}
