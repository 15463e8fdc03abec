/**
 * CardDAV address books as contacts for the `known` policy, and the CLI's `calendars` / `sync` commands with
 * `events` reading the synced cache, against Radicale (test/servers/davstack.sh).
 */
import { chmodSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CardDavContacts } from '../../electron/caldav/cardDavContacts.js';
import { DataDir } from '../../electron/store/dataDir.js';
import { CliEnv } from '../helpers/cli.js';
import {
  cardText,
  davUp,
  eventText,
  makeAddressBook,
  makeCalendar,
  newRadicaleUser,
  RADICALE,
  XANDIKOS,
} from './caldavHelpers.js';

describe.skipIf(!davUp)('CardDAV contacts', () => {
  it('address books become known senders; a card changed or deleted by another client follows within one sync', async () => {
    const u = newRadicaleUser();
    const book = await makeAddressBook(u, 'contacts', 'Contacts');
    const vcard = { 'Content-Type': 'text/vcard' };
    expect(
      (await u.http('PUT', `${book}carol.vcf`, cardText('card-carol', 'Carol', 'carol@example.test'), vcard)).status,
    ).toBe(201);
    await u.http('PUT', `${book}dave.vcf`, cardText('card-dave', 'Dave', 'dave@example.test'), vcard);
    const data = await DataDir.open(mkdtempSync(path.join(os.tmpdir(), 'imip-carddav-')), { fsync: false });
    // A vCard imported by hand stays beside the synced ones.
    await data.contacts.importVcf(cardText('card-local', 'Erin', 'erin@example.test'));
    const sync = await CardDavContacts.open({
      account: u.account(),
      root: data.root,
      contacts: data.contacts,
      fsync: false,
    });
    expect(await sync.sync()).toMatchObject({ addressBooks: 1, changed: 2, deleted: 0, offline: false });
    expect(data.isKnownAddress('carol@example.test')).toBe(true);
    expect(data.isKnownAddress('dave@example.test')).toBe(true);

    await u.http('PUT', `${book}carol.vcf`, cardText('card-carol', 'Carol', 'carol@example.org'), vcard);
    await u.http('DELETE', `${book}dave.vcf`);
    expect(await sync.sync()).toMatchObject({ changed: 1, deleted: 1 });
    expect(data.isKnownAddress('carol@example.test')).toBe(false);
    expect(data.isKnownAddress('carol@example.org')).toBe(true);
    expect(data.isKnownAddress('dave@example.test')).toBe(false);
    expect(data.isKnownAddress('erin@example.test')).toBe(true);
    // A fresh open of the data dir reads the same contacts from disk.
    const again = await DataDir.open(data.root);
    expect(
      again.contacts
        .list()
        .map((c) => c.uid)
        .sort(),
    ).toEqual(['card-carol', 'card-local']);
    await sync.close();
  });

  it('reads the Xandikos address book too', async () => {
    const data = await DataDir.open(mkdtempSync(path.join(os.tmpdir(), 'imip-carddav-')), { fsync: false });
    await fetch(`${XANDIKOS}user/contacts/addressbook/xandikos-card.vcf`, {
      method: 'PUT',
      headers: { 'Content-Type': 'text/vcard' },
      body: cardText('card-x', 'Xavier', 'xavier@example.test'),
    });
    const sync = await CardDavContacts.open({
      account: { url: XANDIKOS, user: null, password: null, ca: null, calendar: null },
      root: data.root,
      contacts: data.contacts,
      fsync: false,
    });
    const r = await sync.sync();
    expect(r.offline).toBe(false);
    expect(data.isKnownAddress('xavier@example.test')).toBe(true);
    await sync.close();
  });
});

describe.skipIf(!davUp)('CLI calendars and sync', () => {
  it('lists the calendars with the target marked; sync fills the cache that events reads', async () => {
    const u = newRadicaleUser();
    await makeCalendar(u, 'private', 'Private');
    const work = await makeCalendar(u, 'work', 'Work');
    await u.http('PUT', `${work}a.ics`, eventText('uid-a', 'Planning'), { 'Content-Type': 'text/calendar' });
    const env = new CliEnv();
    const pw = env.file('dav.password', `${u.password}\n`);
    chmodSync(pw, 0o600);
    const config = env.file(
      'agent.json',
      JSON.stringify({
        caldav: { url: RADICALE, user: u.name, passwordFile: 'dav.password', calendar: 'Work' },
      }),
    );

    const list = env.run(['calendars', '--config', config]);
    expect(list.status).toBe(0);
    expect(list.lines).toEqual([
      expect.objectContaining({ name: 'Private', href: `${u.home}private/`, writable: true, target: false }),
      expect.objectContaining({
        name: 'Work',
        href: `${u.home}work/`,
        writable: true,
        target: true,
        components: ['VEVENT'],
      }),
    ]);

    const sync = env.run(['sync', '--config', config]);
    expect(sync.status).toBe(0);
    expect(sync.lines[0]).toMatchObject({ kind: 'calendar', changed: 1, offline: false });
    const events = env.run(['events', '--from', '2026-03-01T00:00:00Z', '--to', '2026-04-01T00:00:00Z']);
    expect(events.lines).toEqual([expect.objectContaining({ uid: 'uid-a', summary: 'Planning' })]);

    const bad = env.file('bad.json', JSON.stringify({ caldav: { url: RADICALE, user: u.name, password: 'wrong' } }));
    const refused = env.run(['calendars', '--config', bad]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('DAV_AUTH');
    expect(refused.stderr).toContain('prefer passwordFile');
  });
});
