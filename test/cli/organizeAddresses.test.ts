/**
 * The organizer's address settings through the built binary: with config.json `replyTokens` the invitations go out
 * from and with ORGANIZER `me+token@…`, and a REPLY whose client rewrote the UID, addressed to that address, is
 * applied to the event; with `imipAddressPatterns` the attendees outside them are listed in `notMailed` and get
 * nothing in the outbox.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliEnv, mail } from '../helpers/cli.js';

const ME = 'olga@example.org';
const BOB = 'bob@example.com';
const ROOM = 'room-4@rooms.example.org';

let env: CliEnv;
beforeEach(() => {
  env = new CliEnv();
});
afterEach(() => env.cleanup());

function config(settings: Record<string, unknown>): void {
  mkdirSync(env.data, { recursive: true });
  writeFileSync(path.join(env.data, 'config.json'), JSON.stringify({ me: [ME], undoSeconds: 0, ...settings }));
}

function create(uid: string, ...attendees: string[]) {
  return env.run([
    ...['create', '--me', ME, '--outbox', env.outbox, '--uid', uid, '--summary', 'Planning'],
    ...['--start', '2026-03-10T10:00', '--end', '2026-03-10T11:00', '--tz', 'Europe/Berlin'],
    ...attendees.flatMap((a) => ['--attendee', a]),
  ]);
}

const unfold = (t: string) => t.replace(/\r?\n[ \t]/g, '');

describe('reply tokens', () => {
  it('are off by default: ORGANIZER and From are my address', () => {
    const r = create('t-0', BOB);
    expect(r.lines[0]).toMatchObject({ outcome: 'applied' });
    const [sent] = env.outboxFiles();
    expect(sent).toMatch(/^From: olga@example\.org/m);
    expect(unfold(sent ?? '')).toContain(`ORGANIZER:mailto:${ME}`);
  });

  it('on: the invitation comes from me+token, and a REPLY under a rewritten UID sent there is applied', () => {
    config({ replyTokens: true });
    const r = create('t-1', BOB);
    expect(r.lines[0]).toMatchObject({ outcome: 'applied', uid: 't-1' });
    const saved = JSON.parse(readFileSync(path.join(env.data, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(saved.replyTokenSecret).toEqual(expect.stringMatching(/^[\w-]{40,}$/));
    const [sent] = env.outboxFiles();
    const from = /^From: (olga\+([a-z2-7]{8})@example\.org)/m.exec(sent ?? '');
    expect(from).not.toBeNull();
    const tokenOrg = from?.[1] ?? '';
    expect(unfold(sent ?? '')).toContain(`ORGANIZER:mailto:${tokenOrg}`);
    // A second event gets a token of its own.
    create('t-2', BOB);
    expect(
      env
        .outboxFiles()
        .join('\n')
        .match(/^From: .*$/gm)?.length,
    ).toBe(2);
    expect(env.outboxFiles()[1]).not.toContain(tokenOrg);

    const reply = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Gateway//EN',
      'METHOD:REPLY',
      'BEGIN:VEVENT',
      'UID:040000008200E00074C5B7101A82E008-rewritten',
      'SEQUENCE:0',
      'DTSTAMP:20260301T120000Z',
      'DTSTART;TZID=Europe/Berlin:20260310T100000',
      `ORGANIZER:mailto:${ME}`,
      `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${BOB}`,
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const f = env.file(
      'reply.eml',
      mail({ from: BOB, to: tokenOrg, ics: reply, date: 'Sun, 01 Mar 2026 13:00:00 +0000' }),
    );
    const p = env.run(['process', '--outbox', env.outbox, f]);
    expect(p.lines[0]).toMatchObject({ uid: 't-1', kind: 'reply', outcome: 'applied' });
    expect(String(p.lines[0]?.warnings)).toMatch(/matched to the event t-1/);
    const ev = env.run(['export'], { json: false });
    expect(unfold(ev.stdout)).toMatch(new RegExp(`PARTSTAT=ACCEPTED[^\\r\\n]*mailto:${BOB}`));
  });
});

describe('iMIP address patterns', () => {
  it('leave the unmatched attendee on the event, unmailed, and name it in notMailed', () => {
    config({ imipAddressPatterns: ['*@example.com'] });
    const r = create('p-1', BOB, ROOM);
    expect(r.lines[0]).toMatchObject({ outcome: 'applied', notMailed: [ROOM] });
    expect(env.outboxFiles().map((f) => /^To: (.*)$/m.exec(f)?.[1])).toEqual([BOB]);
    expect(unfold(env.run(['export'], { json: false }).stdout)).toContain(`mailto:${ROOM}`);
    const c = env.run(['cancel', '--uid', 'p-1', '--outbox', env.outbox]);
    expect(c.lines[0]).toMatchObject({ outcome: 'applied', notMailed: [ROOM] });
    expect(env.outboxFiles().filter((f) => f.includes(ROOM.split('@')[0] ?? '') && /^To: room/m.test(f))).toEqual([]);
  });

  it('without patterns everyone is mailed and notMailed is empty', () => {
    const r = create('p-2', BOB, ROOM);
    expect(r.lines[0]).toMatchObject({ outcome: 'applied', notMailed: [] });
    expect(env.outboxFiles()).toHaveLength(2);
  });
});

describe('cancel --this-and-future', () => {
  it('ends the series before the occurrence and sends the shortened series as a REQUEST', () => {
    const made = env.run([
      ...['create', '--me', ME, '--outbox', env.outbox, '--uid', 's-1', '--summary', 'Standup'],
      ...['--start', '2026-03-10T10:00', '--end', '2026-03-10T10:15', '--tz', 'Europe/Berlin'],
      ...['--rrule', 'FREQ=DAILY;COUNT=5', '--attendee', BOB],
    ]);
    expect(made.lines[0]).toMatchObject({ outcome: 'applied' });
    const r = env.run([
      ...['cancel', '--uid', 's-1', '--recurrence-id', '2026-03-12T09:00:00Z', '--this-and-future'],
      ...['--outbox', env.outbox],
    ]);
    expect(r.lines[0]).toMatchObject({ outcome: 'applied', method: 'REQUEST', sequence: 1, notMailed: [] });
    const ev = env.run(['events', '--from', '2026-03-01', '--to', '2026-04-01']);
    expect(ev.lines.map((l) => l.start)).toEqual(['2026-03-10T10:00:00+01:00', '2026-03-11T10:00:00+01:00']);
    expect(unfold(env.outboxFiles()[1] ?? '')).toMatch(/RRULE:FREQ=DAILY;UNTIL=20260312T085959Z/);
    expect(env.run(['cancel', '--uid', 's-1', '--this-and-future']).status).toBe(2);
  });
});
