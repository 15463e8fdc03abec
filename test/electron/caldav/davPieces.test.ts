/**
 * The pure pieces of the CalDAV code: reading tsdav's property shapes, choosing the target calendar,
 * SCHEDULE-AGENT=CLIENT for self-scheduling servers, object names, the account block and the write queue file.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseObject } from '../../../electron/caldav/calendarText.js';
import { DavConfigError, resolveDavAccount } from '../../../electron/caldav/davAccountConfig.js';
import { targetCalendar, type DavCollection, type DavDiscovery } from '../../../electron/caldav/davDiscovery.js';
import { objectName } from '../../../electron/caldav/davObjects.js';
import { hrefsProp, mayWrite, supportedComponents, textProp } from '../../../electron/caldav/davProps.js';
import { autoSchedules, withClientScheduling } from '../../../electron/caldav/scheduleAgent.js';
import { WriteQueue } from '../../../electron/caldav/writeQueue.js';

const col = (name: string, over: Partial<DavCollection> = {}): DavCollection => ({
  url: `https://dav.example.test/cal/${name.toLowerCase()}/`,
  name,
  color: null,
  components: ['VEVENT'],
  writable: true,
  subscribed: false,
  syncToken: null,
  ctag: null,
  ...over,
});
const disc = (collections: DavCollection[], defaultCollection: string | null = null): DavDiscovery => ({
  kind: 'caldav',
  principal: null,
  homes: [],
  collections,
  defaultCollection,
  davHeader: [],
  addresses: [],
});

describe('DAV properties as tsdav gives them', () => {
  it('reads privileges: a list, a single privilege, or none reported', () => {
    expect(mayWrite({ currentUserPrivilegeSet: { privilege: [{ read: {} }, { write: {} }] } })).toBe(true);
    expect(mayWrite({ currentUserPrivilegeSet: { privilege: { all: {} } } })).toBe(true);
    expect(
      mayWrite({ currentUserPrivilegeSet: { privilege: [{ read: {} }, { readCurrentUserPrivilegeSet: {} }] } }),
    ).toBe(false);
    expect(mayWrite({ displayname: 'x' })).toBe(true);
  });

  it('reads components, hrefs and text regardless of case and of one-or-many', () => {
    expect(
      supportedComponents({ supportedCalendarComponentSet: { comp: { _attributes: { name: 'vevent' } } } }),
    ).toEqual(['VEVENT']);
    expect(hrefsProp({ scheduleDefaultCalendarUrl: { href: '/cal/a/' } }, 'scheduleDefaultCalendarURL')).toEqual([
      '/cal/a/',
    ]);
    expect(hrefsProp({ calendarHomeSet: { href: ['/a/', '/b/'] } }, 'calendarHomeSet')).toEqual(['/a/', '/b/']);
    expect(textProp({ getctag: 42 }, 'getctag')).toBe('42');
    expect(textProp({ displayname: {} }, 'displayname')).toBeNull();
    expect(textProp({ calendarData: { _cdata: 'BEGIN:VCALENDAR\r\n' } }, 'calendarData')).toBe('BEGIN:VCALENDAR\r\n');
    expect(textProp({ calendarData: { _cdata: ['BEGIN:', 'VCALENDAR'] } }, 'calendarData')).toBe('BEGIN:VCALENDAR');
  });
});

describe('target calendar', () => {
  it('is the configured one by name or href, else the server default, else the first writable event calendar', () => {
    const tasks = col('Tasks', { components: ['VTODO'] });
    const shared = col('Shared', { writable: false });
    const work = col('Work');
    const home = col('Home');
    expect(targetCalendar(disc([tasks, shared, work, home]), null)?.name).toBe('Work');
    expect(targetCalendar(disc([tasks, work, home], home.url), null)?.name).toBe('Home');
    expect(targetCalendar(disc([work, home]), 'home')?.name).toBe('Home');
    expect(targetCalendar(disc([work, home]), '/cal/home')?.name).toBe('Home');
    expect(targetCalendar(disc([work, home]), 'Nowhere')).toBeNull();
    expect(targetCalendar(disc([tasks, col('Feed', { subscribed: true, writable: false })]), null)).toBeNull();
  });
});

describe('RFC 6638 scheduling by the server', () => {
  it('is recognised only by the calendar-auto-schedule token', () => {
    expect(autoSchedules(['1', 'access-control', 'calendar-access', 'calendar-auto-schedule'])).toBe(true);
    expect(autoSchedules(['1', 'calendar-access', 'calendar-auto-scheduling'])).toBe(false);
  });

  it('marks organizer and attendees SCHEDULE-AGENT=CLIENT and leaves a chosen value alone', () => {
    const p = parseObject(
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:u1\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260102T100000Z\r\nORGANIZER:mailto:bob@example.test\r\nATTENDEE:mailto:alice@example.test\r\nATTENDEE;SCHEDULE-AGENT=NONE:mailto:room@example.test\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
    );
    if (!p.ok) throw new Error(p.message);
    const text = withClientScheduling(p.calendar).toString();
    expect(text).toContain('ORGANIZER;SCHEDULE-AGENT=CLIENT:mailto:bob@example.test');
    expect(text).toContain('ATTENDEE;SCHEDULE-AGENT=CLIENT:mailto:alice@example.test');
    expect(text).toContain('ATTENDEE;SCHEDULE-AGENT=NONE:mailto:room@example.test');
    expect(p.calendar.toString()).not.toContain('CLIENT');
  });

  const meeting = (organizer: string): string =>
    `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:u2\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260102T100000Z\r\nORGANIZER:mailto:${organizer}\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:${organizer}\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:alice@example.test\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;

  it("in an attendee's copy marks only the organizer: the attendee's own property stays as the server delivered it", () => {
    const p = parseObject(meeting('bob@example.test'));
    if (!p.ok) throw new Error(p.message);
    const text = withClientScheduling(p.calendar, ['mailto:Alice@Example.test']).toString();
    expect(text).toContain('ORGANIZER;SCHEDULE-AGENT=CLIENT:mailto:bob@example.test');
    expect(text).not.toMatch(/ATTENDEE[^\r\n]*SCHEDULE-AGENT/);
  });

  it("in the organizer's copy marks only the attendees", () => {
    const p = parseObject(meeting('alice@example.test'));
    if (!p.ok) throw new Error(p.message);
    const text = withClientScheduling(p.calendar, ['mailto:alice@example.test']).toString();
    expect(text).toContain('ORGANIZER:mailto:alice@example.test');
    expect(text.match(/ATTENDEE;[^\r\n]*SCHEDULE-AGENT=CLIENT/g)).toHaveLength(2);
  });
});

describe('object names and the account block', () => {
  it('uses a URL-safe UID as the name and a digest otherwise', () => {
    expect(objectName('abc-123@example.test', '.ics')).toBe('abc-123@example.test.ics');
    const odd = objectName('040000008200E00074C5B7101A82E008/with space?', '.ics');
    expect(odd).toMatch(/^[0-9a-f]+-\d+\.ics$/);
    expect(objectName('040000008200E00074C5B7101A82E008/with space?', '.ics')).toBe(odd);
  });

  it('refuses plain http to another machine and warns about a literal password', async () => {
    await expect(resolveDavAccount('caldav', { url: 'http://dav.example.test/' }, '/', {}, [])).rejects.toBeInstanceOf(
      DavConfigError,
    );
    const warnings: string[] = [];
    const a = await resolveDavAccount(
      'caldav',
      { url: 'https://dav.example.test/', user: 'me', password: 'pw', calendar: 'Work' },
      '/',
      {},
      warnings,
    );
    expect(a).toMatchObject({ user: 'me', password: 'pw', calendar: 'Work', ca: null });
    expect(warnings[0]).toContain('prefer passwordFile');
    await expect(
      resolveDavAccount('caldav', { url: 'https://dav.example.test/', passwordEnv: 'NOPE_NOT_SET' }, '/', {}, []),
    ).rejects.toThrow(/NOPE_NOT_SET/);
  });
});

describe('write queue file', () => {
  it('survives a reopen in order, and a damaged file is kept aside, not overwritten', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'imip-queue-'));
    const file = path.join(dir, 'q.json');
    const q = await WriteQueue.open(file, false);
    await q.add({ uid: 'a', op: 'put', text: 'A', base: null, queuedAt: '2026-01-01T00:00:00Z' });
    const second = await q.add({ uid: 'b', op: 'delete', text: null, base: null, queuedAt: '2026-01-01T00:00:01Z' });
    const again = await WriteQueue.open(file, false);
    expect(again.list().map((w) => w.uid)).toEqual(['a', 'b']);
    await again.remove(again.list()[0]!.id);
    const third = await again.add({ uid: 'c', op: 'put', text: 'C', base: null, queuedAt: '2026-01-01T00:00:02Z' });
    expect(third.id).not.toBe(second.id);
    expect((await WriteQueue.open(file, false)).list().map((w) => w.uid)).toEqual(['b', 'c']);

    writeFileSync(file, '[{"uid": "x", "op": "put"');
    const damaged = await WriteQueue.open(file, false);
    expect(damaged.size).toBe(0);
    expect(damaged.problem).toContain('could not be read');
    expect(readdirSync(dir).some((f) => f.startsWith('q.json.damaged-'))).toBe(true);
  });
});
