/**
 * Without network the companion keeps working from the cache and pushes its changes, in order, when the server
 * is back. "Network" is a TCP relay on a port of its own in front of Radicale that the test opens and closes.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CalDavBackend } from '../../electron/caldav/calDavBackend.js';
import { parseObject } from '../../electron/caldav/calendarText.js';
import { CalendarStore } from '../../electron/store/calendarStore.js';
import { davUp, eventText, makeCalendar, newRadicaleUser, RADICALE_PORT } from './caldavHelpers.js';

const RELAY_PORT = 15235;

class Relay {
  #server: net.Server | null = null;
  readonly #sockets = new Set<net.Socket>();

  async up(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(RADICALE_PORT, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.#sockets.add(s);
        s.on('close', () => this.#sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(RELAY_PORT, '127.0.0.1', resolve));
    this.#server = server;
  }

  async down(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    const server = this.#server;
    this.#server = null;
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}

function cal(text: string) {
  const p = parseObject(text);
  if (!p.ok) throw new Error(p.message);
  return p.calendar;
}

const relay = new Relay();
afterEach(() => relay.down());

describe.skipIf(!davUp)('CalDAV offline', () => {
  it('queues writes durably while the server is unreachable and pushes them in order when it is back', async () => {
    const u = newRadicaleUser();
    const work = await makeCalendar(u, 'work', 'Work');
    await u.http('PUT', `${work}a.ics`, eventText('uid-a', 'Planning'), { 'Content-Type': 'text/calendar' });
    await u.http('PUT', `${work}b.ics`, eventText('uid-b', 'Review'), { 'Content-Type': 'text/calendar' });
    const root = await mkdtemp(path.join(os.tmpdir(), 'imip-caldav-'));
    const account = u.account({ url: `http://127.0.0.1:${RELAY_PORT}/` });
    const open = async () =>
      CalDavBackend.open({
        account,
        root,
        cache: await CalendarStore.open(path.join(root, 'calendar'), { fsync: false }),
        fsync: false,
      });

    await relay.up();
    const b1 = await open();
    expect(await b1.sync()).toMatchObject({ changed: 2, offline: false });
    await relay.down();

    // Offline: every write lands in the cache at once and waits in the queue.
    expect(
      await b1.apply('uid-a', {
        type: 'put',
        calendar: cal(eventText('uid-a', 'Planning (accepted)', { sequence: 1 })),
      }),
    ).toMatchObject({ state: 'queued' });
    expect(await b1.apply('uid-b', { type: 'delete' })).toMatchObject({ state: 'queued' });
    expect(await b1.apply('uid-n', { type: 'put', calendar: cal(eventText('uid-n', 'New one')) })).toMatchObject({
      state: 'queued',
    });
    expect(await b1.apply('uid-t', { type: 'put', calendar: cal(eventText('uid-t', 'Short-lived')) })).toMatchObject({
      state: 'queued',
    });
    expect(await b1.apply('uid-t', { type: 'delete' })).toMatchObject({ state: 'queued' });
    expect(b1.cache.uids().sort()).toEqual(['uid-a', 'uid-n']);
    expect(await b1.sync()).toMatchObject({ offline: true, queued: 5 });
    expect(b1.cache.getText('uid-a')).toContain('Planning (accepted)');
    await b1.close();
    const queueFile = b1.queue.file;
    expect(JSON.parse(await readFile(queueFile, 'utf8'))).toHaveLength(5);

    // A restart while offline keeps the queue; when the server is back, one poll pushes everything in order.
    await relay.up();
    const b2 = await open();
    expect(b2.queue.size).toBe(5);
    const r = await b2.sync();
    expect(r).toMatchObject({ offline: false, pushed: 5, queued: 0, conflicts: 0 });
    expect((await u.http('GET', `${work}a.ics`)).text).toContain('Planning (accepted)');
    expect((await u.http('GET', `${work}b.ics`)).status).toBe(404);
    expect((await u.http('GET', `${work}uid-n.ics`)).text).toContain('New one');
    // Created, then deleted: the order held, so it is gone.
    expect((await u.http('GET', `${work}uid-t.ics`)).status).toBe(404);
    expect(JSON.parse(await readFile(queueFile, 'utf8'))).toEqual([]);
    await b2.close();
  });

  it("a queued change meets another client's change when the server is back: the server copy is not lost", async () => {
    const u = newRadicaleUser();
    const work = await makeCalendar(u, 'work', 'Work');
    await u.http('PUT', `${work}m.ics`, eventText('uid-m', 'Meeting'), { 'Content-Type': 'text/calendar' });
    const root = await mkdtemp(path.join(os.tmpdir(), 'imip-caldav-'));
    const account = u.account({ url: `http://127.0.0.1:${RELAY_PORT}/` });
    await relay.up();
    const b = await CalDavBackend.open({
      account,
      root,
      cache: await CalendarStore.open(path.join(root, 'calendar'), { fsync: false }),
      fsync: false,
    });
    await b.sync();
    await relay.down();
    const seen: string[] = [];
    const r = await b.apply(
      'uid-m',
      { type: 'put', calendar: cal(eventText('uid-m', 'Meeting', { sequence: 2 })) },
      (server) => {
        seen.push(server?.toString() ?? 'gone');
        return server ? { type: 'put', calendar: cal(server.toString().replace('SEQUENCE:0', 'SEQUENCE:2')) } : null;
      },
    );
    expect(r.state).toBe('queued');
    await u.http('PUT', `${work}m.ics`, eventText('uid-m', 'Meeting', { location: 'Room 9' }), {
      'Content-Type': 'text/calendar',
    });
    await relay.up();
    expect(await b.sync()).toMatchObject({ pushed: 1, queued: 0, conflicts: 0 });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toContain('Room 9');
    const server = (await u.http('GET', `${work}m.ics`)).text;
    expect(server).toContain('LOCATION:Room 9');
    expect(server).toContain('SEQUENCE:2');
    await b.close();
  });
});
