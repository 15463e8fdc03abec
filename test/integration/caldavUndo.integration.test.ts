/**
 * Undo reaches the CalDAV server (electron/app/undoAction.ts): the restored copy, or the deletion of a meeting the
 * undone action created, goes through the same conditional writer as every other write. When another client changed
 * the event on the server after the action, its change is kept (the 412 path) and the line says `server: unchanged`.
 * Radicale is read back with plain HTTP, never through the code under test.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliEnv } from '../helpers/cli.js';
import { mime } from '../helpers/agentEnv.js';
import { davUp, makeCalendar, newRadicaleUser, RADICALE, type DavUser } from './caldavHelpers.js';

const ME = 'bob@example.test';

function invitation(uid: string): string {
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
    'SUMMARY:Roadmap',
    'ORGANIZER;CN=Alice:mailto:alice@example.test',
    'ATTENDEE;PARTSTAT=ACCEPTED:mailto:alice@example.test',
    `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${ME}`,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
  return mime('alice@example.test', ME, 'Invitation: Roadmap', 'REQUEST', ics, new Date('2026-03-01T10:00:00Z'));
}

async function partstat(u: DavUser, href: string): Promise<string | null> {
  const r = await u.http('GET', href);
  if (r.status !== 200) return null;
  return /ATTENDEE[^\r\n]*PARTSTAT=([A-Z-]+)[^\r\n]*:mailto:bob@example\.test/i.exec(r.text)?.[1] ?? 'none';
}

let env: CliEnv;
beforeEach(() => {
  env = new CliEnv();
});
afterEach(() => env.cleanup());

/** A data dir that knows me, holds mail a minute for undo, and remembers the Radicale account as its calendar. */
async function setUp(): Promise<{ u: DavUser; work: string }> {
  const u = newRadicaleUser();
  const work = await makeCalendar(u, 'work', 'Work');
  mkdirSync(env.data, { recursive: true });
  writeFileSync(path.join(env.data, 'config.json'), JSON.stringify({ me: [ME], undoSeconds: 120 }));
  chmodSync(env.file('dav.password', `${u.password}\n`), 0o600);
  const config = env.file(
    'agent.json',
    JSON.stringify({ caldav: { url: RADICALE, user: u.name, passwordFile: 'dav.password', calendar: 'Work' } }),
  );
  expect(env.run(['sync', '--config', config]).status).toBe(0);
  return { u, work };
}

function accepted(uid: string): void {
  const processed = env.run([
    'process',
    env.file('invite.eml', invitation(uid)),
    '--policy',
    'always',
    '--outbox',
    env.outbox,
  ]);
  const pendingId = String(processed.lines.find((l) => l.uid === uid)?.pendingId);
  const decided = env.run(['decide', pendingId, 'accept', '--outbox', env.outbox]);
  expect(decided.lines[0]).toMatchObject({ outcome: 'applied' });
  expect(typeof decided.lines[0]?.undoId).toBe('string');
}

describe.skipIf(!davUp)('undo reaches the CalDAV server', () => {
  it('an undone answer puts the unanswered copy back on the server, and the decision back in the queue', async () => {
    const { u, work } = await setUp();
    const uid = 'undo-dav-1@example.test';
    const href = `${work}${uid}.ics`;
    accepted(uid);
    expect(await partstat(u, href)).toBe('ACCEPTED');

    const undone = env.run(['undo']);
    expect(undone.lines[0]).toMatchObject({ outcome: 'undone', uid, withdrawn: 1, server: 'pushed' });
    expect(await partstat(u, href)).toBe('NEEDS-ACTION');
    expect(env.run(['pending']).lines.map((l) => l.uid)).toEqual([uid]);
    // The next sync finds nothing to bring back: cache and server agree.
    expect(env.run(['sync', '--config', path.join(env.dir, 'agent.json')]).status).toBe(0);
    expect(env.run(['events', '--from', '2026-03-10', '--to', '2026-03-11']).lines[0]).toMatchObject({
      uid,
      partstat: 'NEEDS-ACTION',
    });
  });

  it('an undone create deletes the meeting on the server', async () => {
    const { u, work } = await setUp();
    const created = env.run([
      'create',
      '--summary',
      'Kick-off',
      '--start',
      '2026-03-12T10:00:00Z',
      '--end',
      '2026-03-12T11:00:00Z',
      '--attendee',
      'carol@example.test',
      '--uid',
      'undo-dav-create@example.test',
      '--me',
      ME,
      '--outbox',
      env.outbox,
    ]);
    expect(created.lines[0]).toMatchObject({ outcome: 'applied' });
    const href = `${work}undo-dav-create@example.test.ics`;
    expect((await u.http('GET', href)).status).toBe(200);

    const undone = env.run(['undo', String(created.lines[0]?.undoId)]);
    expect(undone.lines[0]).toMatchObject({ outcome: 'undone', server: 'pushed' });
    expect((await u.http('GET', href)).status).toBe(404);
  });

  it("another client's change on the server after the action is kept (412): the undo does not overwrite it", async () => {
    const { u, work } = await setUp();
    const uid = 'undo-dav-2@example.test';
    const href = `${work}${uid}.ics`;
    accepted(uid);
    const moved = (await u.http('GET', href)).text.replace('SUMMARY:Roadmap', 'SUMMARY:Roadmap\r\nLOCATION:Room 9');
    expect((await u.http('PUT', href, moved, { 'Content-Type': 'text/calendar' })).status).toBeLessThan(300);

    const undone = env.run(['undo']);
    expect(undone.lines[0]).toMatchObject({ outcome: 'undone', uid, server: 'unchanged' });
    const after = (await u.http('GET', href)).text;
    expect(after).toContain('LOCATION:Room 9');
    expect(await partstat(u, href)).toBe('ACCEPTED');
    // The cache holds the server's copy, not a third version.
    expect(env.run(['export'], { json: false }).stdout).toContain('Room 9');
  });
});
