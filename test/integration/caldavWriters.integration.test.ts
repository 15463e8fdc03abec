/**
 * Every writer reaches the CalDAV server, not only the vdir: the CLI's one-shot commands (process, decide,
 * respond, import, remove) with the configuration the data dir remembers, `calendars --use` choosing the target
 * calendar, the app service's decision through openCompanion, and each mail account writing to its own CalDAV
 * account. Results are read back from Radicale with plain HTTP, never through the code under test.
 */
import { chmodSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CliEnv } from '../helpers/cli.js';
import { mime } from '../helpers/agentEnv.js';
import { openCompanion } from '../../electron/companion/openCompanion.js';
import { openCompanionDav } from '../../electron/companion/openCompanionDav.js';
import { SharedDataDir } from '../../electron/store/sharedDataDir.js';
import { CalDavBackend } from '../../electron/caldav/calDavBackend.js';
import { CalendarStore } from '../../electron/store/calendarStore.js';
import path from 'node:path';
import type { AgentConfig } from '../../electron/settings/agentConfig.js';
import { parseIcs } from '../../shared/ical/parse.js';
import ICAL from 'ical.js';
import { davUp, eventText, makeCalendar, newRadicaleUser, RADICALE, type DavUser } from './caldavHelpers.js';

const ME = 'bob@example.test';

function invitation(uid: string, summary: string): string {
  const ics = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Test//EN',
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTAMP:20260301T100000Z',
    'SEQUENCE:0',
    'DTSTART:20260310T090000Z',
    'DURATION:PT1H',
    `SUMMARY:${summary}`,
    'ORGANIZER;CN=Alice:mailto:alice@example.test',
    'ATTENDEE;PARTSTAT=ACCEPTED:mailto:alice@example.test',
    `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${ME}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
  return mime('alice@example.test', ME, `Invitation: ${summary}`, 'REQUEST', ics, new Date('2026-03-01T10:00:00Z'));
}

async function partstat(u: DavUser, href: string): Promise<string | null> {
  const r = await u.http('GET', href);
  if (r.status !== 200) return null;
  return /ATTENDEE[^\r\n]*PARTSTAT=([A-Z-]+)[^\r\n]*:mailto:bob@example\.test/i.exec(r.text)?.[1] ?? 'none';
}

function configFor(env: CliEnv, u: DavUser, calendar = 'Work'): string {
  chmodSync(env.file('dav.password', `${u.password}\n`), 0o600);
  return env.file(
    'agent.json',
    JSON.stringify({ caldav: { url: RADICALE, user: u.name, passwordFile: 'dav.password', calendar } }),
  );
}

describe.skipIf(!davUp)('every writer reaches the CalDAV server', () => {
  it('CLI process, decide, respond and remove write the server copy, with the configuration the data dir remembers', async () => {
    const u = newRadicaleUser();
    await makeCalendar(u, 'private', 'Private');
    const work = await makeCalendar(u, 'work', 'Work');
    const env = new CliEnv();
    const config = configFor(env, u);
    expect(env.run(['sync', '--config', config]).status).toBe(0);

    // No --config from here on: the data dir remembers the file sync was given.
    const uid = 'cli-writes-1@example.test';
    const processed = env.run([
      'process',
      env.file('invite.eml', invitation(uid, 'Roadmap')),
      '--me',
      ME,
      '--policy',
      'always',
      '--outbox',
      env.outbox,
    ]);
    const line = processed.lines.find((l) => l.uid === uid);
    expect(line).toMatchObject({ outcome: 'pending' });
    const href = `${work}${uid}.ics`;
    expect(await partstat(u, href)).toBe('NEEDS-ACTION');

    const decided = env.run(['decide', String(line?.pendingId), 'accept', '--outbox', env.outbox]);
    expect(decided.lines[0]).toMatchObject({ outcome: 'applied' });
    expect(await partstat(u, href)).toBe('ACCEPTED');
    expect(env.outboxFiles().some((m) => m.includes('METHOD:REPLY'))).toBe(true);

    // Another client changes the room between our sync and our answer: the answer is re-applied on its copy.
    const moved = (await u.http('GET', href)).text.replace('SUMMARY:Roadmap', 'SUMMARY:Roadmap\r\nLOCATION:Room 9');
    expect((await u.http('PUT', href, moved, { 'Content-Type': 'text/calendar' })).status).toBeLessThan(300);
    const declined = env.run(['respond', '--uid', uid, '--status', 'declined', '--outbox', env.outbox]);
    expect(declined.lines[0]).toMatchObject({ outcome: 'applied' });
    const after = (await u.http('GET', href)).text;
    expect(after).toContain('LOCATION:Room 9');
    expect(await partstat(u, href)).toBe('DECLINED');

    expect(env.run(['remove', '--uid', uid]).lines[0]).toMatchObject({ outcome: 'applied' });
    expect((await u.http('GET', href)).status).toBe(404);
  });

  it('calendars --use chooses where new events go; import writes there; events keep the calendar they are in', async () => {
    const u = newRadicaleUser();
    const priv = await makeCalendar(u, 'private', 'Private');
    const work = await makeCalendar(u, 'work', 'Work');
    await makeCalendar(u, 'tasks', 'Tasks', ['VTODO']);
    await u.http('PUT', `${work}kept.ics`, eventText('kept-1', 'Stays in Work'), { 'Content-Type': 'text/calendar' });
    const env = new CliEnv();
    const config = configFor(env, u);
    expect(env.run(['sync', '--config', config]).status).toBe(0);

    const refused = env.run(['calendars', '--config', config, '--use', 'Tasks']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('cannot take new invitations');
    expect(env.run(['calendars', '--config', config, '--use', 'Nowhere']).status).toBe(1);

    const chosen = env.run(['calendars', '--config', config, '--use', 'Private']);
    expect(chosen.status).toBe(0);
    expect(chosen.lines.filter((l) => l.target).map((l) => l.name)).toEqual(['Private']);

    const vevent = (text: string): string => /BEGIN:VEVENT[\s\S]*END:VEVENT\r\n/.exec(text)?.[0] ?? '';
    const ics = env.file(
      'two.ics',
      `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n${vevent(eventText('new-1', 'New one'))}${vevent(eventText('kept-1', 'Stays in Work renamed'))}END:VCALENDAR\r\n`,
    );
    const imported = env.run(['import', ics]);
    expect(imported.lines.map((l) => [l.uid, l.server])).toEqual([
      ['new-1', 'pushed'],
      ['kept-1', 'pushed'],
    ]);
    expect((await u.http('GET', `${priv}new-1.ics`)).status).toBe(200);
    expect((await u.http('GET', `${work}new-1.ics`)).status).toBe(404);
    expect((await u.http('GET', `${work}kept.ics`)).text).toContain('Stays in Work renamed');

    // Back to the file's calendar ("Work").
    expect(env.run(['calendars', '--config', config, '--use', 'default']).status).toBe(0);
    const listed = env.run(['calendars', '--config', config]);
    expect(listed.lines.filter((l) => l.target).map((l) => l.name)).toEqual(['Work']);
  });

  it("the app service's decision goes through the same CalDAV writer (openCompanion without an agent)", async () => {
    const u = newRadicaleUser();
    const priv = await makeCalendar(u, 'private', 'Private');
    const work = await makeCalendar(u, 'work', 'Work');
    const env = new CliEnv();
    const uid = 'app-decides-1@example.test';
    const processed = env.run(['process', env.file('invite.eml', invitation(uid, 'Review')), '--me', ME]);
    const pendingId = String(processed.lines.find((l) => l.uid === uid)?.pendingId);
    const server = { host: '127.0.0.1', port: 1, security: 'none', user: null, password: null, ca: null };
    const config = {
      imap: server,
      smtp: server,
      me: [ME],
      caldav: { url: RADICALE, user: u.name, password: u.password, ca: null, calendar: 'Work' },
      carddav: null,
      pollSeconds: 60,
      settings: {},
      accounts: [],
    } as unknown as AgentConfig;
    const companion = await openCompanion({ dataDir: env.data, config, runAgent: false });
    try {
      const r = await companion.service.decide({ id: pendingId, choice: 'accept', comment: null });
      expect(r).toMatchObject({ outcome: 'applied' });
      // The settings' calendar choice: the file's "Work" first, then the person's "Private".
      const listed = await companion.service.listCalendars();
      expect(listed.map((c) => [c.name, c.target, c.chosen])).toEqual([
        ['Private', false, false],
        ['Work', true, false],
      ]);
      const account = String(listed[0]?.account);
      const chosen = await companion.service.chooseCalendar({ account, href: priv });
      expect(chosen.filter((c) => c.target).map((c) => [c.name, c.chosen])).toEqual([['Private', true]]);
      await expect(companion.service.chooseCalendar({ account, href: `${u.home}nowhere/` })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    } finally {
      await companion.close();
    }
    expect(await partstat(u, `${work}${uid}.ics`)).toBe('ACCEPTED');
  });

  it('each mail account writes to its own CalDAV account; an event already on another one is updated there', async () => {
    const [a, b] = [newRadicaleUser(), newRadicaleUser()];
    const workA = await makeCalendar(a, 'work', 'Work');
    const homeB = await makeCalendar(b, 'home', 'Home');
    await a.http('PUT', `${workA}shared.ics`, eventText('shared-1', 'On A'), { 'Content-Type': 'text/calendar' });
    const env = new CliEnv();
    const store = await SharedDataDir.open(env.data);
    const dav = await openCompanionDav(
      store,
      {
        pollSeconds: 60,
        accounts: [
          { id: 'work', caldav: a.account({ calendar: 'Work' }) },
          { id: 'home', caldav: b.account({ calendar: 'Home' }) },
        ],
      },
      () => undefined,
    );
    if (!dav) throw new Error('no DAV side opened');
    try {
      expect(dav.backends).toHaveLength(2);
      await dav.poll(Date.now(), true);
      const home = dav.forAccount('home').calendar;
      const cal = (summary: string, uid: string): ICAL.Component =>
        new ICAL.Component(parseIcs(eventText(uid, summary)) as unknown[]);
      await store.run(async () => {
        expect(
          await home?.apply('home-new-1', { type: 'put', calendar: cal('New at home', 'home-new-1') }),
        ).toMatchObject({ state: 'pushed' });
        expect(await home?.apply('shared-1', { type: 'put', calendar: cal('On A changed', 'shared-1') })).toMatchObject(
          { state: 'pushed' },
        );
      });
    } finally {
      await dav.close();
    }
    expect((await b.http('GET', `${homeB}home-new-1.ics`)).status).toBe(200);
    expect((await a.http('GET', `${workA}home-new-1.ics`)).status).toBe(404);
    expect((await a.http('GET', `${workA}shared.ics`)).text).toContain('SUMMARY:On A changed');
    expect((await b.http('GET', `${homeB}shared-1.ics`)).status).toBe(404);
  });

  it('two processes on one data dir: what one pushed, the other knows before its next write (no false conflict)', async () => {
    const u = newRadicaleUser();
    const work = await makeCalendar(u, 'work', 'Work');
    await u.http('PUT', `${work}p.ics`, eventText('proc-1', 'First'), { 'Content-Type': 'text/calendar' });
    const env = new CliEnv();
    const open = async (): Promise<CalDavBackend> =>
      CalDavBackend.open({
        account: u.account({ calendar: 'Work' }),
        root: env.data,
        cache: await CalendarStore.open(path.join(env.data, 'calendar'), { fsync: false }),
        fsync: false,
      });
    const agent = await open();
    await agent.sync();
    const cli = await open();
    const cal = (summary: string): ICAL.Component =>
      new ICAL.Component(parseIcs(eventText('proc-1', summary)) as unknown[]);
    expect(await cli.apply('proc-1', { type: 'put', calendar: cal('Second') })).toMatchObject({ state: 'pushed' });
    // The agent's own copy of the sync state is older; it reads the state file again before writing, so its
    // If-Match carries the ETag of the CLI's write and no conflict is made up (none is set aside).
    expect(await agent.apply('proc-1', { type: 'put', calendar: cal('Third') })).toMatchObject({ state: 'pushed' });
    expect((await u.http('GET', `${work}p.ics`)).text).toContain('SUMMARY:Third');
    await Promise.all([agent.close(), cli.close()]);
  });
});
