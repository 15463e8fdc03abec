/**
 * A sync killed at any point leaves no torn state: the cache writes of a sync are not flushed one by one (the
 * folder is flushed once at the end, the sync state saved after it), so a process killed in the middle must find,
 * at its next start, whole files only and a state that makes the next sync fetch whatever the killed one had not
 * finished. The child process kills itself (SIGKILL) at a chosen file write through the data dir's fault seam, so
 * the point of the kill is exact; the cache is then compared with the server's objects, read with plain HTTP.
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CalDavBackend } from '../../electron/caldav/calDavBackend.js';
import { CalendarStore } from '../../electron/store/calendarStore.js';
import { ROOT } from '../helpers/cli.js';
import { davUp, eventText, makeCalendar, newRadicaleUser, type DavUser } from './caldavHelpers.js';

const N = 300;

/** Syncs the account into `dir` in a child process that SIGKILLs itself at its `killAt`-th file write. */
function syncKilledAt(u: DavUser, dir: string, killAt: number, where: 'calendar' | 'caldav'): number | null {
  const load = (rel: string): string => pathToFileURL(path.join(ROOT, 'build', rel)).href;
  const script = `
    const { CalDavBackend } = await import(${JSON.stringify(load('electron/caldav/calDavBackend.js'))});
    const { CalendarStore } = await import(${JSON.stringify(load('electron/store/calendarStore.js'))});
    const { setFileFaultHook } = await import(${JSON.stringify(load('electron/fsio/fileFaults.js'))});
    const [dir, account, killAt, where] = process.argv.slice(1);
    let writes = 0;
    const cache = await CalendarStore.open(dir + '/calendar', { fsync: true });
    const backend = await CalDavBackend.open({ account: JSON.parse(account), root: dir, cache, fsync: true });
    setFileFaultHook((op, target) => {
      if (op === 'write' && target.includes('/' + where + '/') && ++writes === Number(killAt)) process.kill(process.pid, 'SIGKILL');
    });
    await backend.sync();
    await backend.close();
  `;
  const r = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', script, dir, JSON.stringify(u.account()), String(killAt), where],
    { encoding: 'utf8', timeout: 60_000 },
  );
  if (r.signal !== 'SIGKILL' && r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  return r.signal === 'SIGKILL' ? killAt : null;
}

/** UID → SUMMARY of every event on the server, read with plain HTTP. */
async function serverEvents(u: DavUser, calendar: string): Promise<Map<string, string>> {
  const r = await u.http(
    'REPORT',
    calendar,
    '<?xml version="1.0"?><C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><C:calendar-data/></D:prop><C:filter><C:comp-filter name="VCALENDAR"/></C:filter></C:calendar-query>',
    { Depth: '1', 'Content-Type': 'application/xml' },
  );
  const out = new Map<string, string>();
  for (const m of r.text.matchAll(/UID:([^\r\n]+)[\s\S]*?SUMMARY:([^\r\n]+)/g)) out.set(m[1]!, m[2]!);
  return out;
}

/** The same from the cache as a fresh process finds it; every file must load. */
async function cacheEvents(dir: string): Promise<Map<string, string>> {
  const cache = await CalendarStore.open(path.join(dir, 'calendar'), { fsync: false });
  expect(cache.problems).toEqual([]);
  const out = new Map<string, string>();
  for (const uid of cache.uids()) out.set(uid, /SUMMARY:([^\r\n]+)/.exec(cache.getText(uid) ?? '')?.[1] ?? '');
  const names = await readdir(path.join(dir, 'calendar'));
  for (const n of names.filter((f) => f.endsWith('.ics')))
    expect(await readFile(path.join(dir, 'calendar', n), 'utf8')).toMatch(/END:VCALENDAR\r?\n?$/);
  return out;
}

async function resync(u: DavUser, dir: string): Promise<void> {
  const cache = await CalendarStore.open(path.join(dir, 'calendar'), { fsync: false });
  const b = await CalDavBackend.open({ account: u.account(), root: dir, cache, fsync: false });
  const r = await b.sync();
  expect(r.problems).toEqual([]);
  await b.close();
}

async function filled(): Promise<{ u: DavUser; calendar: string }> {
  const u = newRadicaleUser();
  const calendar = await makeCalendar(u, 'big', 'Big');
  // One PUT of the whole collection: Radicale stores each VEVENT as its own object.
  const events = Array.from({ length: N }, (_, i) =>
    eventText(`kill-${i}@example.test`, `Event ${i}`)
      .split('\r\n')
      .filter((l) => l !== '' && !/^(BEGIN|END):VCALENDAR$|^VERSION:|^PRODID:/.test(l))
      .join('\r\n'),
  );
  const body = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n${events.join('\r\n')}\r\nEND:VCALENDAR\r\n`;
  const put = await u.http('PUT', calendar, body, { 'Content-Type': 'text/calendar' });
  expect(put.status).toBeLessThan(300);
  expect((await serverEvents(u, calendar)).size).toBe(N);
  return { u, calendar };
}

describe.skipIf(!davUp)('a CalDAV sync killed part-way', () => {
  it('initial sync killed at the first, a middle and the last cache write, and while saving its state', async () => {
    const { u, calendar } = await filled();
    const server = await serverEvents(u, calendar);
    for (const [killAt, where] of [
      [1, 'calendar'],
      [N / 2 + 7, 'calendar'],
      [N, 'calendar'],
      [1, 'caldav'],
    ] as const) {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'imip-caldav-kill-'));
      expect(syncKilledAt(u, dir, killAt, where)).toBe(killAt);
      const partial = await cacheEvents(dir);
      expect(partial.size).toBeLessThanOrEqual(N);
      for (const [uid, summary] of partial) expect(server.get(uid)).toBe(summary);
      await resync(u, dir);
      expect(await cacheEvents(dir)).toEqual(server);
    }
  });

  it('an incremental sync killed part-way: the next one brings the changes and deletions it missed', async () => {
    const { u, calendar } = await filled();
    const dir = await mkdtemp(path.join(os.tmpdir(), 'imip-caldav-kill-'));
    await resync(u, dir);
    for (let i = 0; i < 40; i++) {
      const href = `${calendar}kill-${i}@example.test.ics`;
      const existing = await u.http('GET', href);
      const name = existing.status === 200 ? href : null;
      if (!name) continue;
      if (i < 10) expect((await u.http('DELETE', href)).status).toBeLessThan(300);
      else
        await u.http('PUT', href, eventText(`kill-${i}@example.test`, `Changed ${i}`, { sequence: 1 }), {
          'Content-Type': 'text/calendar',
        });
    }
    const server = await serverEvents(u, calendar);
    expect(server.size).toBe(N - 10);
    const before = `${dir}-before`;
    await cp(dir, before, { recursive: true });
    expect(syncKilledAt(u, dir, 12, 'calendar')).toBe(12);
    await resync(u, dir);
    expect(await cacheEvents(dir)).toEqual(server);
    // Killed among the deletions (the store's deletes have no fault seam, so the state the kill leaves is made by
    // hand): half the deleted events are gone from the cache, the state file still lists them and the old token.
    const cacheDir = path.join(before, 'calendar');
    const files = await readdir(cacheDir);
    for (let i = 0; i < 5; i++) {
      const file = files.find((f) => f.startsWith(`kill-${i}@`));
      if (file) await rm(path.join(cacheDir, file));
    }
    await resync(u, before);
    expect(await cacheEvents(before)).toEqual(server);
  });
});
