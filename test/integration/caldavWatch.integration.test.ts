/**
 * `watch` with a `caldav` block, end to end: Postfix delivers an invitation, the agent applies it and the event
 * appears in the CalDAV calendar (Radicale); a change another client makes there reaches the agent's cache
 * within one poll; a cancellation removes the event from the server.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliver, mailstackAvailable, readyMailUser, waitFor, type MailUser } from '../helpers/mailstack.js';
import { invitationMail, mime, removeDir, startWatch, stamp, tempDir, writeConfig } from '../helpers/agentEnv.js';
import { davUp, eventText, makeCalendar, newRadicaleUser, RADICALE } from './caldavHelpers.js';

describe.skipIf(!mailstackAvailable() || !davUp)('watch with a CalDAV calendar', () => {
  let dir: string;
  let alice: MailUser;
  let bob: MailUser;
  beforeAll(async () => {
    dir = tempDir('caldav-watch');
    [alice, bob] = await Promise.all([readyMailUser('alice'), readyMailUser('bob')]);
  });
  afterAll(() => removeDir(dir));

  it('an applied invitation lands on the server, a server-side change reaches the cache, a CANCEL deletes it', async () => {
    const dav = newRadicaleUser();
    await makeCalendar(dav, 'personal', 'Personal');
    const work = await makeCalendar(dav, 'work', 'Work');
    await dav.http('PUT', `${work}other.ics`, eventText('other-client-1', 'Made elsewhere'), {
      'Content-Type': 'text/calendar',
    });
    const config = writeConfig(dir, bob, {
      policy: 'always',
      caldav: { url: RADICALE, user: dav.name, password: dav.password, calendar: 'Work' },
    });
    const cache = path.join(dir, 'data', 'calendar');
    const watch = startWatch(config);
    try {
      // The initial sync brings what another client made.
      await waitFor(
        () => {
          try {
            return readFileSync(path.join(cache, 'other-client-1.ics'), 'utf8');
          } catch {
            return null;
          }
        },
        { what: 'the initial sync', timeoutMs: 20_000 },
      );

      const inv = invitationMail(alice, [bob], { summary: 'Roadmap' });
      await deliver(inv.raw, alice.address, bob.address);
      await waitFor(() => watch.lines.find((l) => l.uid === inv.uid), {
        what: 'the invitation to be handled',
        timeoutMs: 20_000,
      });
      const href = `${work}${inv.uid}.ics`;
      const onServer = await waitFor(
        async () => {
          const r = await dav.http('GET', href);
          return r.status === 200 ? r.text : null;
        },
        { what: 'the event on the server' },
      );
      expect(onServer).toContain('SUMMARY:Roadmap');
      expect(onServer).not.toContain('METHOD:');
      expect((await dav.http('GET', `${dav.home}personal/${inv.uid}.ics`)).status).toBe(404);

      // Another client moves the room on the server; the next poll (pollSeconds 5) brings it into the cache.
      await dav.http(
        'PUT',
        `${work}other.ics`,
        eventText('other-client-1', 'Made elsewhere', { location: 'Room 12' }),
        { 'Content-Type': 'text/calendar' },
      );
      await waitFor(() => readFileSync(path.join(cache, 'other-client-1.ics'), 'utf8').includes('Room 12') || null, {
        what: 'the server change in the cache',
        timeoutMs: 20_000,
      });

      const cancel = [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Test//EN',
        'METHOD:CANCEL',
        'BEGIN:VEVENT',
        `UID:${inv.uid}`,
        `DTSTAMP:${stamp(new Date())}`,
        'SEQUENCE:1',
        'DTSTART:20301010T090000Z',
        `ORGANIZER:mailto:${alice.address}`,
        `ATTENDEE:mailto:${bob.address}`,
        'STATUS:CANCELLED',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n');
      await deliver(
        mime(alice.address, bob.address, 'Cancelled: Roadmap', 'CANCEL', cancel),
        alice.address,
        bob.address,
      );
      await waitFor(() => watch.lines.find((l) => l.uid === inv.uid && l.kind === 'cancel'), {
        what: 'the cancellation to be handled',
        timeoutMs: 20_000,
      });
      const after = await dav.http('GET', href);
      // Cancelled events are kept with STATUS:CANCELLED or removed, as the engine decides; either way the server follows.
      expect(after.status === 404 || after.text.includes('STATUS:CANCELLED')).toBe(true);
    } finally {
      expect(await watch.stop('SIGTERM')).toBe(0);
    }
  });
});
