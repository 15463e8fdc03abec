/**
 * A server that schedules by itself (RFC 6638): Cyrus IMAP's CalDAV module (test/servers/cyrusstack.sh), which
 * advertises calendar-auto-schedule, delivers invitations between its own users into their calendars and mails
 * iMIP to everyone else (kept in its log here). The companion sends iMIP itself, so what it stores must keep the
 * server quiet (SCHEDULE-AGENT=CLIENT, RFC 6638 §7.1), and an invitation the server already delivered must be
 * found under its UID, not stored a second time. Server state is read with plain HTTP, never the code under test.
 */
import { randomUUID } from 'node:crypto';
import { chmodSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CalDavBackend } from '../../electron/caldav/calDavBackend.js';
import { parseObject } from '../../electron/caldav/calendarText.js';
import { CalendarStore } from '../../electron/store/calendarStore.js';
import { CliEnv } from '../helpers/cli.js';
import { mime } from '../helpers/agentEnv.js';
import { CYRUS, cyrusAvailable, cyrusHttp, imipLog, startCyrus } from '../servers/cyrusSetup.js';

const ALICE_HOME = `${CYRUS}dav/calendars/user/alice/`;
const BOB_HOME = `${CYRUS}dav/calendars/user/bob/`;

function invite(
  uid: string,
  organizer: string,
  partstat: string,
  opts: { method?: string; params?: string } = {},
): string {
  const p = opts.params ?? '';
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Test//EN',
    ...(opts.method ? [`METHOD:${opts.method}`] : []),
    'BEGIN:VEVENT',
    `UID:${uid}`,
    'DTSTAMP:20260301T100000Z',
    'SEQUENCE:0',
    'DTSTART:20260310T090000Z',
    'DURATION:PT1H',
    'SUMMARY:Quarterly review',
    `ORGANIZER${p};CN=Organizer:mailto:${organizer}`,
    `ATTENDEE${p};PARTSTAT=ACCEPTED:mailto:${organizer}`,
    `ATTENDEE${p};PARTSTAT=${partstat};RSVP=TRUE:mailto:alice@example.test`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

function cal(text: string): ICAL.Component {
  const p = parseObject(text);
  if (!p.ok) throw new Error(p.message);
  return p.calendar;
}

async function aliceBackend(): Promise<CalDavBackend> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'imip-cyrus-'));
  const cache = await CalendarStore.open(path.join(dir, 'calendar'), { fsync: false });
  const account = { url: CYRUS, user: 'alice', password: 'alice-secret', ca: null, calendar: null };
  return CalDavBackend.open({ account, root: dir, cache, fsync: false });
}

/** Hrefs of alice's objects with this UID, over all her calendars (a Depth 1 REPORT per calendar). */
async function aliceCopies(uid: string): Promise<string[]> {
  const home = await cyrusHttp('alice', 'PROPFIND', ALICE_HOME, undefined, { Depth: '1' });
  const calendars = [...home.text.matchAll(/<D:href>([^<]+)<\/D:href>/g)]
    .map((m) => m[1]!)
    .filter((h) => h !== new URL(ALICE_HOME).pathname);
  const out: string[] = [];
  for (const c of calendars) {
    const r = await cyrusHttp(
      'alice',
      'REPORT',
      c,
      `<?xml version="1.0"?><C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/></D:prop><C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"><C:prop-filter name="UID"><C:text-match collation="i;octet">${uid}</C:text-match></C:prop-filter></C:comp-filter></C:comp-filter></C:filter></C:calendar-query>`,
      { Depth: '1', 'Content-Type': 'application/xml' },
    );
    for (const m of r.text.matchAll(/<D:href>([^<]+\.ics)<\/D:href>/g)) if (!c.includes('/Inbox/')) out.push(m[1]!);
  }
  return out;
}

/** Objects in a user's scheduling inbox that carry this UID (where the server delivers iTIP between its users). */
async function inboxItems(user: string, home: string, uid: string): Promise<string[]> {
  const listing = await cyrusHttp(user, 'PROPFIND', `${home}Inbox/`, undefined, { Depth: '1' });
  const out: string[] = [];
  for (const m of listing.text.matchAll(/<D:href>([^<]+\.ics)<\/D:href>/g)) {
    const item = await cyrusHttp(user, 'GET', m[1]!);
    if (item.text.includes(`UID:${uid}`)) out.push(item.text);
  }
  return out;
}

/** The PARTSTATs of alice in the replies the server delivered to bob's scheduling inbox for this UID. */
async function replies(uid: string): Promise<string[]> {
  await settle();
  return (await inboxItems('bob', BOB_HOME, uid))
    .filter((t) => t.includes('METHOD:REPLY'))
    .map((t) => partstatOf(t) ?? 'none');
}

/** notifyd runs the log script after the request has been answered. */
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 1000));

async function until<T>(read: () => T[]): Promise<T[]> {
  for (let i = 0; i < 50; i++) {
    const v = read();
    if (v.length) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  return read();
}

const partstatOf = (text: string): string | undefined =>
  /ATTENDEE[^\r\n]*PARTSTAT=([A-Z-]+)[^\r\n]*:mailto:alice@example\.test/.exec(text.replace(/\r\n[ \t]/g, ''))?.[1];

let stop: () => void = () => undefined;
const up = cyrusAvailable() || process.env.CI === 'true';

describe.skipIf(!up)('a server that schedules by itself (Cyrus, RFC 6638)', () => {
  beforeAll(() => {
    stop = startCyrus();
  });
  afterAll(() => stop());

  it("the controls: without SCHEDULE-AGENT an attendee's change makes the server reply, by iMIP and within the server", async () => {
    // Prove the checks below would see a second reply if our writes did not prevent it.
    const uid = `control-${randomUUID()}@example.test`;
    const href = `${ALICE_HOME}Default/${uid}.ics`;
    const before = imipLog().length;
    const put = (text: string): Promise<{ status: number }> =>
      cyrusHttp('alice', 'PUT', href, text, { 'Content-Type': 'text/calendar' });
    expect((await put(invite(uid, 'dave@elsewhere.test', 'NEEDS-ACTION'))).status).toBe(201);
    expect((await put(invite(uid, 'dave@elsewhere.test', 'ACCEPTED'))).status).toBeLessThan(300);
    const sent = await until(() =>
      imipLog()
        .slice(before)
        .filter((e) => e.ical.includes(uid)),
    );
    expect(sent.map((e) => e.recipient)).toEqual(['dave@elsewhere.test']);
    expect(sent[0]?.ical).toContain('METHOD:REPLY');

    const inner = `control-${randomUUID()}@example.test`;
    await cyrusHttp(
      'bob',
      'PUT',
      `${BOB_HOME}Default/${inner}.ics`,
      invite(inner, 'bob@example.test', 'NEEDS-ACTION'),
      {
        'Content-Type': 'text/calendar',
      },
    );
    const [copy] = await aliceCopies(inner);
    const got = await cyrusHttp('alice', 'GET', copy!);
    const accepted = got.text.replace(/PARTSTAT=NEEDS-ACTION(?=[^\r\n]*alice@)/, 'PARTSTAT=ACCEPTED');
    expect(
      (await cyrusHttp('alice', 'PUT', copy!, accepted, { 'Content-Type': 'text/calendar', 'If-Match': got.etag! }))
        .status,
    ).toBeLessThan(300);
    expect(await replies(inner)).toEqual(['ACCEPTED']);
  });

  it('our writes of an attendee copy mark the organizer SCHEDULE-AGENT=CLIENT: the server stores them and mails nothing', async () => {
    const b = await aliceBackend();
    await b.sync();
    expect(b.state.davHeader).toContain('calendar-auto-schedule');
    expect(b.state.addresses).toContain('mailto:alice@example.test');
    // Nothing new: one request (the calendar home's PROPFIND), as on the other servers.
    const asked = b.http.requests;
    expect((await b.sync()).changed).toBe(0);
    expect(b.http.requests - asked).toBe(1);
    const uid = `ours-${randomUUID()}@example.test`;
    const before = imipLog().length;
    const first = await b.apply(uid, {
      type: 'put',
      calendar: cal(invite(uid, 'dave@elsewhere.test', 'NEEDS-ACTION')),
    });
    expect(first.state).toBe('pushed');
    const answer = await b.apply(uid, { type: 'put', calendar: cal(invite(uid, 'dave@elsewhere.test', 'ACCEPTED')) });
    expect(answer.state).toBe('pushed');
    const [href] = await aliceCopies(uid);
    const stored = (await cyrusHttp('alice', 'GET', href!)).text.replace(/\r\n[ \t]/g, '');
    expect(partstatOf(stored)).toBe('ACCEPTED');
    expect(stored).toMatch(/^ORGANIZER;[^\r\n]*SCHEDULE-AGENT=CLIENT/m);
    const removed = await b.apply(uid, { type: 'delete' });
    expect(removed.state).toBe('pushed');
    expect(await aliceCopies(uid)).toEqual([]);
    await b.close();
    await settle();
    expect(
      imipLog()
        .slice(before)
        .filter((e) => e.ical.includes(uid)),
    ).toEqual([]);
  });

  it('our writes of an organizer copy mark the attendees: the server delivers and mails nothing', async () => {
    const b = await aliceBackend();
    await b.sync();
    const uid = `organized-${randomUUID()}@example.test`;
    const before = imipLog().length;
    const meeting = invite(uid, 'alice@example.test', 'ACCEPTED').replace(
      'END:VEVENT',
      'ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:bob@example.test\r\nATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:dave@elsewhere.test\r\nEND:VEVENT',
    );
    expect((await b.apply(uid, { type: 'put', calendar: cal(meeting) })).state).toBe('pushed');
    await b.close();
    const [href] = await aliceCopies(uid);
    const stored = (await cyrusHttp('alice', 'GET', href!)).text.replace(/\r\n[ \t]/g, '');
    const attendees = stored.split('\r\n').filter((l) => l.startsWith('ATTENDEE'));
    expect(attendees.length).toBeGreaterThanOrEqual(3);
    for (const line of attendees) expect(line).toContain('SCHEDULE-AGENT=CLIENT');
    await settle();
    expect((await cyrusHttp('bob', 'GET', `${BOB_HOME}Default/${uid}.ics`)).status).toBe(404);
    expect(await inboxItems('bob', BOB_HOME, uid)).toEqual([]);
    expect(
      imipLog()
        .slice(before)
        .filter((e) => e.ical.includes(uid)),
    ).toEqual([]);
  });

  it('an invitation the server already delivered is recognised under its UID: one copy, answered in place, no server reply', async () => {
    const b = await aliceBackend();
    await b.sync();
    const uid = `delivered-${randomUUID()}@example.test`;
    // bob organizes on the same server: Cyrus puts the invitation into alice's calendar by itself.
    const organized = await cyrusHttp(
      'bob',
      'PUT',
      `${BOB_HOME}Default/${uid}.ics`,
      invite(uid, 'bob@example.test', 'NEEDS-ACTION'),
      {
        'Content-Type': 'text/calendar',
      },
    );
    expect(organized.status).toBe(201);
    const delivered = await aliceCopies(uid);
    expect(delivered).toHaveLength(1);

    // The same invitation arrives by mail before our next sync; then alice accepts.
    const r1 = await b.apply(
      uid,
      { type: 'put', calendar: cal(invite(uid, 'bob@example.test', 'NEEDS-ACTION')) },
      (server) => (server ? { type: 'put', calendar: server } : null),
    );
    expect(r1.state).toBe('pushed');
    const r2 = await b.apply(uid, { type: 'put', calendar: cal(invite(uid, 'bob@example.test', 'ACCEPTED')) });
    expect(r2.state).toBe('pushed');
    await b.close();

    expect(await aliceCopies(uid)).toEqual(delivered);
    const copy = (await cyrusHttp('alice', 'GET', delivered[0]!)).text;
    expect(partstatOf(copy)).toBe('ACCEPTED');
    // The companion mails its own REPLY; the server delivered none to the organizer (before the organizer-only
    // marking it delivered a DECLINED one here).
    expect(await replies(uid)).toEqual([]);
    expect(partstatOf((await cyrusHttp('bob', 'GET', `${BOB_HOME}Default/${uid}.ics`)).text)).toBe('NEEDS-ACTION');

    // Taking it out of the calendar does not decline for alice either (Schedule-Reply: F).
    const b2 = await aliceBackend();
    const synced = await b2.sync();
    expect(synced.changed).toBeGreaterThan(0);
    expect(b2.state.locate(uid)?.href).toBe(new URL(delivered[0]!, CYRUS).href);
    expect((await b2.apply(uid, { type: 'delete' })).state).toBe('pushed');
    await b2.close();
    expect(await aliceCopies(uid)).toEqual([]);
    expect(await replies(uid)).toEqual([]);
  });

  it('through the CLI: sync caches the delivered invitation, its mail asks for the answer, which goes to that copy', async () => {
    const uid = `cli-${randomUUID()}@example.test`;
    await cyrusHttp('bob', 'PUT', `${BOB_HOME}Default/${uid}.ics`, invite(uid, 'bob@example.test', 'NEEDS-ACTION'), {
      'Content-Type': 'text/calendar',
    });
    const delivered = await aliceCopies(uid);
    expect(delivered).toHaveLength(1);
    const env = new CliEnv();
    try {
      chmodSync(env.file('dav.password', 'alice-secret\n'), 0o600);
      const config = env.file(
        'agent.json',
        JSON.stringify({ caldav: { url: CYRUS, user: 'alice', passwordFile: 'dav.password' } }),
      );
      expect(env.run(['sync', '--config', config]).status).toBe(0);
      // The copy the server delivered is in the cache before the mail is read.
      const synced = env.run(['events', '--from', '2026-03-01', '--to', '2026-04-01']);
      expect(synced.lines.filter((l) => l.uid === uid)).toHaveLength(1);
      // The organizer's mail carries the version the server delivered (Cyrus raised SEQUENCE and DTSTAMP).
      const deliveredText = (await cyrusHttp('alice', 'GET', delivered[0]!)).text;
      const eml = mime(
        'bob@example.test',
        'alice@example.test',
        'Invitation: Quarterly review',
        'REQUEST',
        deliveredText.replace('BEGIN:VEVENT', 'METHOD:REQUEST\r\nBEGIN:VEVENT'),
        new Date('2026-03-01T10:00:00Z'),
      );
      const processed = env.run([
        'process',
        env.file('invite.eml', eml),
        '--me',
        'alice@example.test',
        '--policy',
        'always',
        '--outbox',
        env.outbox,
      ]);
      // The version already in the calendar, still unanswered: alice is asked, as for a new invitation, and nothing
      // is stored a second time (the server's copy is as it delivered it).
      const line = processed.lines.find((l) => l.uid === uid);
      expect(line).toMatchObject({
        kind: 'invitation',
        outcome: 'pending',
        reasonCode: 'reason.request.invitation',
        reason:
          'Organizer invites you to "Quarterly review": accept, tentatively accept or decline. It was added to your calendar as not yet answered.',
        outgoing: [],
      });
      expect((await cyrusHttp('alice', 'GET', delivered[0]!)).text).toBe(deliveredText);
      expect(env.outboxFiles()).toEqual([]);
      const open = env.run(['pending']).lines;
      expect(open).toEqual([expect.objectContaining({ id: line?.pendingId, uid, kind: 'invitation' })]);
      const answered = env.run(['respond', '--uid', uid, '--status', 'accepted', '--outbox', env.outbox]);
      expect(answered.lines[0]).toMatchObject({ outcome: 'applied' });
      const sent = env.outboxFiles();
      expect(sent).toHaveLength(1);
      expect(sent[0]).toContain('METHOD:REPLY');
      // The answer closed the question.
      expect(env.run(['pending']).lines).toEqual([]);
      const events = env.run(['events', '--from', '2026-03-01', '--to', '2026-04-01']);
      expect(events.lines.filter((l) => l.uid === uid)).toHaveLength(1);
    } finally {
      env.cleanup();
    }
    expect(await aliceCopies(uid)).toEqual(delivered);
    expect(partstatOf((await cyrusHttp('alice', 'GET', delivered[0]!)).text)).toBe('ACCEPTED');
    expect(await replies(uid)).toEqual([]);
  });
});
