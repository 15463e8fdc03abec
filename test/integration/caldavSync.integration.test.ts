/**
 * CalDAV against real servers (test/servers/davstack.sh): Radicale with a throwaway user per test, Xandikos as a
 * second implementation. "Another client" is always plain HTTP in the test, never the code under test.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { CalDavBackend } from '../../electron/caldav/calDavBackend.js';
import { parseObject } from '../../electron/caldav/calendarText.js';
import { fetchChanges, type RemoteObject } from '../../electron/caldav/collectionSync.js';
import { discover, targetCalendar, type DavResolver } from '../../electron/caldav/davDiscovery.js';
import { DavHttp } from '../../electron/caldav/davHttp.js';
import { CalendarStore } from '../../electron/store/calendarStore.js';
import {
  davUp,
  eventText,
  makeCalendar,
  newRadicaleUser,
  RADICALE_PORT,
  XANDIKOS,
  type DavUser,
} from './caldavHelpers.js';

async function backendFor(
  u: DavUser,
  extra: Parameters<DavUser['account']>[0] = {},
  root?: string,
): Promise<CalDavBackend> {
  const dir = root ?? (await mkdtemp(path.join(os.tmpdir(), 'imip-caldav-')));
  const cache = await CalendarStore.open(path.join(dir, 'calendar'), { fsync: false });
  return CalDavBackend.open({ account: u.account(extra), root: dir, cache, fsync: false });
}

function cal(text: string): ICAL.Component {
  const p = parseObject(text);
  if (!p.ok) throw new Error(p.message);
  return p.calendar;
}

function summaryOf(c: ICAL.Component | null): string | null {
  return (c?.getFirstSubcomponent('vevent')?.getFirstPropertyValue('summary') as string | undefined) ?? null;
}

describe.skipIf(!davUp)('CalDAV discovery', () => {
  it('finds principal, home and calendars from the server root, with name, colour, components and write access', async () => {
    const u = newRadicaleUser();
    await makeCalendar(u, 'work', 'Work', ['VEVENT']);
    await makeCalendar(u, 'tasks', 'Tasks', ['VTODO']);
    const http = new DavHttp(u.account());
    const d = await discover(http, 'caldav', null);
    expect(d.principal).toBe(u.home);
    expect(d.homes).toEqual([u.home]);
    const work = d.collections.find((c) => c.name === 'Work');
    expect(work).toMatchObject({ url: `${u.home}work/`, color: '#3366ccff', components: ['VEVENT'], writable: true });
    expect(work?.syncToken).toMatch(/sync/);
    // The first calendar that takes events; a VTODO-only list is never the target.
    expect(targetCalendar(d, null)?.name).toBe('Work');
    expect(targetCalendar(d, 'tasks')?.name).toBe('Tasks');
    expect(targetCalendar(d, '/' + u.name + '/work')?.name).toBe('Work');
    await http.close();
  });

  it('starts from a collection URL or from a bare domain through SRV and TXT records', async () => {
    const u = newRadicaleUser();
    await makeCalendar(u, 'home', 'Home');
    const fromCollection = await discover(new DavHttp(u.account({ url: `${u.home}home/` })), 'caldav', null);
    expect(fromCollection.collections.map((c) => c.name)).toContain('Home');
    const asked: string[] = [];
    const resolver: DavResolver = {
      resolveSrv: async (name) => (
        asked.push(name),
        name === '_caldav._tcp.example.test' ? [{ name: '127.0.0.1', port: RADICALE_PORT, priority: 0, weight: 1 }] : []
      ),
      resolveTxt: async (name) => (name === '_caldav._tcp.example.test' ? [['path=/']] : []),
    };
    const d = await discover(new DavHttp(u.account({ url: 'example.test' })), 'caldav', resolver);
    expect(asked).toEqual(['_caldavs._tcp.example.test', '_caldav._tcp.example.test']);
    expect(d.principal).toBe(u.home);
    expect(d.collections.map((c) => c.name)).toEqual(['Home']);
  });

  it('refuses a wrong password with DAV_AUTH', async () => {
    const u = newRadicaleUser();
    await expect(discover(new DavHttp(u.account({ password: 'wrong' })), 'caldav', null)).rejects.toMatchObject({
      code: 'DAV_AUTH',
    });
  });

  it('discovers Xandikos from its root through the well-known URI and its principal', async () => {
    const d = await discover(
      new DavHttp({ url: XANDIKOS, user: null, password: null, ca: null, calendar: null }),
      'caldav',
      null,
    );
    expect(d.principal).toBe(`${XANDIKOS}user/`);
    expect(d.collections.some((c) => c.url === `${XANDIKOS}user/calendars/calendar/` && c.writable)).toBe(true);
  });
});

describe.skipIf(!davUp)('CalDAV sync into the cache', () => {
  it('initial sync, then a change, a new event and a deletion made by another client arrive within one poll', async () => {
    const u = newRadicaleUser();
    const work = await makeCalendar(u, 'work', 'Work');
    expect(
      (await u.http('PUT', `${work}a.ics`, eventText('uid-a', 'Planning'), { 'Content-Type': 'text/calendar' })).status,
    ).toBe(201);
    expect(
      (await u.http('PUT', `${work}b.ics`, eventText('uid-b', 'Review'), { 'Content-Type': 'text/calendar' })).status,
    ).toBe(201);
    const b = await backendFor(u);
    const first = await b.sync();
    expect(first).toMatchObject({ changed: 2, deleted: 0, offline: false });
    expect(b.cache.uids().sort()).toEqual(['uid-a', 'uid-b']);

    await u.http('PUT', `${work}a.ics`, eventText('uid-a', 'Planning (moved)', { sequence: 1 }), {
      'Content-Type': 'text/calendar',
    });
    await u.http('PUT', `${work}c.ics`, eventText('uid-c', 'Lunch'), { 'Content-Type': 'text/calendar' });
    await u.http('DELETE', `${work}b.ics`);
    const before = b.http.requests;
    const second = await b.sync();
    expect(second).toMatchObject({ changed: 2, deleted: 1 });
    // One home listing plus one sync-collection report.
    expect(b.http.requests - before).toBe(2);
    expect(b.cache.uids().sort()).toEqual(['uid-a', 'uid-c']);
    expect(summaryOf(b.cache.get('uid-a'))).toBe('Planning (moved)');

    const idle = b.http.requests;
    expect(await b.sync()).toMatchObject({ changed: 0, deleted: 0 });
    expect(b.http.requests - idle).toBe(1);
    await b.close();
  });

  it('a restarted backend continues from its stored sync token', async () => {
    const u = newRadicaleUser();
    const work = await makeCalendar(u, 'work', 'Work');
    await u.http('PUT', `${work}a.ics`, eventText('uid-a', 'One'), { 'Content-Type': 'text/calendar' });
    const root = await mkdtemp(path.join(os.tmpdir(), 'imip-caldav-'));
    const b1 = await backendFor(u, {}, root);
    await b1.sync();
    // An idle poll asks once and finds nothing to do.
    const asked = b1.http.requests;
    expect(await b1.hasWork()).toBe(false);
    expect(b1.http.requests - asked).toBe(1);
    await b1.close();
    await u.http('PUT', `${work}b.ics`, eventText('uid-b', 'Two'), { 'Content-Type': 'text/calendar' });
    const b2 = await backendFor(u, {}, root);
    expect(await b2.hasWork()).toBe(true);
    expect(await b2.sync()).toMatchObject({ changed: 1 });
    expect(b2.cache.uids().sort()).toEqual(['uid-a', 'uid-b']);
    await b2.close();
  });

  it('without sync tokens, compares the ctag and the ETags and fetches only what differs', async () => {
    const u = newRadicaleUser();
    const work = await makeCalendar(u, 'work', 'Work');
    await u.http('PUT', `${work}a.ics`, eventText('uid-a', 'One'), { 'Content-Type': 'text/calendar' });
    await u.http('PUT', `${work}b.ics`, eventText('uid-b', 'Two'), { 'Content-Type': 'text/calendar' });
    const http = new DavHttp(u.account());
    const d = await discover(http, 'caldav', null);
    const c = { ...d.collections[0]!, syncToken: null };
    const state = { syncToken: null, ctag: null, objects: {} as Record<string, { uid: string; etag: string | null }> };
    // The changed objects as the sink received them, with the rest of the answer.
    const changes = async (collection: typeof c) => {
      const changed: RemoteObject[] = [];
      const r = await fetchChanges(http, 'caldav', collection, state, async (objs) => void changed.push(...objs));
      expect(r.changed).toBe(changed.length);
      return { ...r, changed };
    };
    const all = await changes(c);
    expect(all.changed.map((o) => o.href).sort()).toEqual([`${work}a.ics`, `${work}b.ics`]);
    for (const o of all.changed)
      state.objects[o.href] = { uid: o.href.endsWith('a.ics') ? 'uid-a' : 'uid-b', etag: o.etag };
    state.ctag = all.ctag as null;
    // Same ctag: nothing is asked at all.
    const n = http.requests;
    expect(await changes(c)).toMatchObject({ changed: [], deleted: [] });
    expect(http.requests).toBe(n);
    expect(
      (await u.http('PUT', `${work}a.ics`, eventText('uid-a', 'One changed'), { 'Content-Type': 'text/calendar' }))
        .status,
    ).toBe(201);
    await u.http('DELETE', `${work}b.ics`);
    const d2 = await discover(http, 'caldav', null);
    const next = await changes({ ...d2.collections[0]!, syncToken: null });
    expect(next.changed.map((o) => o.href)).toEqual([`${work}a.ics`]);
    expect(next.deleted).toEqual([`${work}b.ics`]);
  });
});

describe.skipIf(!davUp)('CalDAV writes', () => {
  it('creates with If-None-Match in the target calendar, updates with If-Match', async () => {
    const u = newRadicaleUser();
    await makeCalendar(u, 'private', 'Private');
    const work = await makeCalendar(u, 'work', 'Work');
    const b = await backendFor(u, { calendar: 'Work' });
    await b.sync();
    expect(await b.apply('new-1', { type: 'put', calendar: cal(eventText('new-1', 'Created')) })).toEqual({
      state: 'pushed',
      message: null,
    });
    const created = await u.http('GET', `${work}new-1.ics`);
    expect(created.status).toBe(200);
    expect(created.text).toContain('SUMMARY:Created');
    expect(
      await b.apply('new-1', { type: 'put', calendar: cal(eventText('new-1', 'Updated', { sequence: 1 })) }),
    ).toMatchObject({ state: 'pushed' });
    expect((await u.http('GET', `${work}new-1.ics`)).text).toContain('SUMMARY:Updated');
    expect(await b.apply('new-1', { type: 'delete' })).toMatchObject({ state: 'pushed' });
    expect((await u.http('GET', `${work}new-1.ics`)).status).toBe(404);
    await b.close();
  });

  it("another client's write between our read and our write is not lost: 412, re-apply on the new copy, retry", async () => {
    const u = newRadicaleUser();
    const work = await makeCalendar(u, 'work', 'Work');
    await u.http('PUT', `${work}m.ics`, eventText('uid-m', 'Meeting'), { 'Content-Type': 'text/calendar' });
    const b = await backendFor(u);
    await b.sync();
    // Another client adds a location after our sync.
    await u.http('PUT', `${work}m.ics`, eventText('uid-m', 'Meeting', { location: 'Room 4' }), {
      'Content-Type': 'text/calendar',
    });
    // Our change: accept the invitation (PARTSTAT), computed from the copy we have.
    const accept = (base: ICAL.Component | null): ICAL.Component | null => {
      if (!base) return null;
      const copy = cal(base.toString());
      copy.getFirstSubcomponent('vevent')?.getFirstProperty('attendee')?.setParameter('partstat', 'ACCEPTED');
      return copy;
    };
    const seen: (string | null)[] = [];
    const result = await b.apply('uid-m', { type: 'put', calendar: accept(b.cache.get('uid-m'))! }, (server) => {
      seen.push(server?.getFirstSubcomponent('vevent')?.getFirstPropertyValue('location') as string | null);
      const next = accept(server);
      return next ? { type: 'put', calendar: next } : null;
    });
    expect(result.state).toBe('pushed');
    expect(seen).toEqual(['Room 4']);
    const onServer = (await u.http('GET', `${work}m.ics`)).text;
    expect(onServer).toContain('LOCATION:Room 4');
    expect(onServer).toMatch(/PARTSTAT=ACCEPTED/);
    expect(b.cache.getText('uid-m')).toContain('LOCATION:Room 4');
    await b.close();
  });

  it('without a re-apply function a conflict keeps the server copy and sets ours aside', async () => {
    const u = newRadicaleUser();
    const work = await makeCalendar(u, 'work', 'Work');
    await u.http('PUT', `${work}m.ics`, eventText('uid-m', 'Meeting'), { 'Content-Type': 'text/calendar' });
    const root = await mkdtemp(path.join(os.tmpdir(), 'imip-caldav-'));
    const b = await backendFor(u, {}, root);
    await b.sync();
    await u.http('PUT', `${work}m.ics`, eventText('uid-m', 'Renamed by someone else'), {
      'Content-Type': 'text/calendar',
    });
    const r = await b.apply('uid-m', { type: 'put', calendar: cal(eventText('uid-m', 'Our rename')) });
    expect(r.state).toBe('conflict');
    expect((await u.http('GET', `${work}m.ics`)).text).toContain('Renamed by someone else');
    expect(summaryOf(b.cache.get('uid-m'))).toBe('Renamed by someone else');
    const { readdir } = await import('node:fs/promises');
    const aside = await readdir(path.join(root, 'caldav', 'conflicts'));
    expect(aside).toHaveLength(1);
    expect(await readFile(path.join(root, 'caldav', 'conflicts', aside[0]!), 'utf8')).toContain('Our rename');
    await b.close();
  });

  it('an event another client already put in some calendar is updated where it is, not duplicated', async () => {
    const u = newRadicaleUser();
    await makeCalendar(u, 'a-first', 'First');
    const other = await makeCalendar(u, 'b-second', 'Second');
    const b = await backendFor(u, { calendar: 'First' });
    await b.sync();
    // Arrives on the server after our last sync, under a name of its own (as a scheduling server would store it).
    await u.http('PUT', `${other}server-chosen-name.ics`, eventText('uid-s', 'Delivered by the server'), {
      'Content-Type': 'text/calendar',
    });
    const seen: (string | null)[] = [];
    const r = await b.apply('uid-s', { type: 'put', calendar: cal(eventText('uid-s', 'From the mail')) }, (server) => {
      seen.push(summaryOf(server));
      return { type: 'put', calendar: cal(eventText('uid-s', 'From the mail', { sequence: 1 })) };
    });
    expect(r.state).toBe('pushed');
    expect(seen).toEqual(['Delivered by the server']);
    expect((await u.http('GET', `${other}server-chosen-name.ics`)).text).toContain('From the mail');
    expect((await u.http('GET', `${u.home}a-first/uid-s.ics`)).status).toBe(404);
    await b.close();
  });
});

describe.skipIf(!davUp)('CalDAV against Xandikos', () => {
  it('syncs changes and deletions of another client and writes with preconditions', async () => {
    const calUrl = `${XANDIKOS}user/calendars/calendar/`;
    const other = (method: string, name: string, body?: string) =>
      fetch(`${calUrl}${name}`, {
        method,
        headers: { 'Content-Type': 'text/calendar' },
        ...(body !== undefined ? { body } : {}),
      });
    const tag = Date.now().toString(36);
    expect((await other('PUT', `x-${tag}.ics`, eventText(`x-${tag}`, 'On Xandikos'))).status).toBe(201);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'imip-caldav-'));
    const cache = await CalendarStore.open(path.join(dir, 'calendar'), { fsync: false });
    const b = await CalDavBackend.open({
      account: { url: XANDIKOS, user: null, password: null, ca: null, calendar: null },
      root: dir,
      cache,
      fsync: false,
    });
    await b.sync();
    expect(summaryOf(b.cache.get(`x-${tag}`))).toBe('On Xandikos');

    await other('PUT', `x-${tag}.ics`, eventText(`x-${tag}`, 'Changed on Xandikos', { sequence: 1 }));
    expect((await other('DELETE', `x-${tag}.ics`)).status).toBeLessThan(300);
    await other('PUT', `y-${tag}.ics`, eventText(`y-${tag}`, 'Second'));
    await b.sync();
    expect(b.cache.has(`x-${tag}`)).toBe(false);
    expect(summaryOf(b.cache.get(`y-${tag}`))).toBe('Second');

    expect(await b.apply(`z-${tag}`, { type: 'put', calendar: cal(eventText(`z-${tag}`, 'Ours')) })).toMatchObject({
      state: 'pushed',
    });
    expect(await (await other('GET', `z-${tag}.ics`)).text()).toContain('SUMMARY:Ours');
    await other('PUT', `y-${tag}.ics`, eventText(`y-${tag}`, 'Second', { location: 'Hall' }));
    const r = await b.apply(
      `y-${tag}`,
      { type: 'put', calendar: cal(eventText(`y-${tag}`, 'Second renamed')) },
      (server) => {
        const copy = cal(server!.toString().replace('SUMMARY:Second', 'SUMMARY:Second renamed'));
        return { type: 'put', calendar: copy };
      },
    );
    expect(r.state).toBe('pushed');
    const y = await (await other('GET', `y-${tag}.ics`)).text();
    expect(y).toContain('LOCATION:Hall');
    expect(y).toContain('SUMMARY:Second renamed');
    await other('DELETE', `y-${tag}.ics`);
    await other('DELETE', `z-${tag}.ics`);
    await b.close();
  });
});
