/**
 * The organizer's commands against the built binary: create, update, cancel print one JSON line with uid,
 * sequence and outgoing; the mail lands in --outbox; an attendee's REPLY processed by `process` is applied.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliEnv, mail } from '../helpers/cli.js';

const ME = 'olga@example.org';
const BOB = 'bob@example.com';
const CAROL = 'carol@example.net';

let env: CliEnv;
beforeEach(() => {
  env = new CliEnv();
});
afterEach(() => env.cleanup());

function create(extra: string[] = []) {
  return env.run([
    'create',
    '--me',
    ME,
    '--outbox',
    env.outbox,
    '--uid',
    'm-1',
    '--summary',
    'Planning',
    '--start',
    '2026-03-10T10:00',
    '--end',
    '2026-03-10T11:00',
    '--tz',
    'Europe/Berlin',
    '--location',
    'Room 1',
    '--attendee',
    BOB,
    '--optional',
    CAROL,
    ...extra,
  ]);
}

describe('imip-companion create / update / cancel', () => {
  it('create prints uid, sequence and outgoing and writes one REQUEST per attendee', () => {
    const r = create(['--rrule', 'FREQ=WEEKLY;COUNT=3', '--description', 'Agenda']);
    expect(r.status).toBe(0);
    expect(r.lines).toHaveLength(1);
    const line = r.lines[0] as Record<string, unknown>;
    expect(line).toMatchObject({
      uid: 'm-1',
      sequence: 0,
      method: 'REQUEST',
      outcome: 'applied',
      reasonCode: 'reason.organize.created',
    });
    expect((line.outgoing as unknown[]).length).toBe(2);
    const files = env.outboxFiles();
    expect(files).toHaveLength(2);
    expect(files.some((f) => /^To: .*bob@example\.com/m.test(f))).toBe(true);
    expect(files[0]).toMatch(/method="?REQUEST/i);
    const ev = env.run(['events', '--from', '2026-03-01', '--to', '2026-04-01']);
    expect(ev.lines.map((l) => l.summary)).toEqual(['Planning', 'Planning', 'Planning']);
    expect(ev.lines[0]).toMatchObject({ start: '2026-03-10T10:00:00+01:00', partstat: 'ACCEPTED', location: 'Room 1' });
  });

  it('create refuses missing arguments with exit status 2', () => {
    expect(
      env.run(['create', '--me', ME, '--summary', 'x', '--start', '2026-03-10T10:00', '--end', '2026-03-10T11:00'])
        .status,
    ).toBe(2);
    expect(
      env.run([
        'create',
        '--summary',
        'x',
        '--start',
        '2026-03-10T10:00',
        '--end',
        '2026-03-10T11:00',
        '--attendee',
        BOB,
      ]).status,
    ).toBe(2);
    const bad = env.run([
      'create',
      '--me',
      ME,
      '--outbox',
      env.outbox,
      '--summary',
      'x',
      '--start',
      'soon',
      '--end',
      '2026-03-10T11:00',
      '--attendee',
      BOB,
    ]);
    expect(bad.status).toBe(0);
    expect(bad.lines[0]).toMatchObject({ outcome: 'error', errorCode: 'ITIP_BAD_VALUE' });
  });

  it('update: a reschedule raises SEQUENCE, a removed attendee gets a CANCEL', () => {
    create();
    const u = env.run([
      'update',
      '--me',
      ME,
      '--outbox',
      env.outbox,
      '--uid',
      'm-1',
      '--start',
      '2026-03-11T10:00',
      '--end',
      '2026-03-11T11:00',
      '--remove-attendee',
      CAROL,
      '--add-attendee',
      'dan@example.org',
    ]);
    expect(u.status).toBe(0);
    expect(u.lines[0]).toMatchObject({ uid: 'm-1', sequence: 1, kind: 'reschedule', outcome: 'applied' });
    const sent = (u.lines[0]?.outgoing as Array<{ to: string; method: string }>).map((o) => [o.method, o.to]);
    expect(sent).toEqual([
      ['REQUEST', BOB],
      ['REQUEST', 'dan@example.org'],
      ['CANCEL', CAROL],
    ]);
    const minor = env.run(['update', '--me', ME, '--outbox', env.outbox, '--uid', 'm-1', '--summary', 'Planning Q2']);
    expect(minor.lines[0]).toMatchObject({ sequence: 1, kind: 'update' });
    const missing = env.run(['update', '--me', ME, '--uid', 'nope', '--summary', 'x']);
    expect(missing.lines[0]).toMatchObject({ outcome: 'error', errorCode: 'ITIP_NO_EVENT' });
  });

  it('cancel: the series or one occurrence; the event stays as cancelled', () => {
    create(['--rrule', 'FREQ=WEEKLY;COUNT=3']);
    const one = env.run([
      'cancel',
      '--me',
      ME,
      '--outbox',
      env.outbox,
      '--uid',
      'm-1',
      '--recurrence-id',
      '2026-03-17T09:00:00Z',
    ]);
    expect(one.lines[0]).toMatchObject({
      uid: 'm-1',
      method: 'CANCEL',
      recurrenceId: '2026-03-17T09:00:00Z',
      sequence: 1,
    });
    expect(env.run(['events', '--from', '2026-03-01', '--to', '2026-04-01']).lines).toHaveLength(2);
    const all = env.run(['cancel', '--me', ME, '--outbox', env.outbox, '--uid', 'm-1', '--comment', 'Called off']);
    expect(all.lines[0]).toMatchObject({ method: 'CANCEL', sequence: 2 });
    expect((all.lines[0]?.outgoing as unknown[]).length).toBe(2);
    expect(env.run(['events', '--from', '2026-03-01', '--to', '2026-04-01']).lines).toHaveLength(0);
  });

  it("an attendee's REPLY to the created meeting is applied by process", () => {
    create();
    const reply = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Test//Test//EN',
      'METHOD:REPLY',
      'BEGIN:VEVENT',
      'UID:m-1',
      'DTSTAMP:20260301T130000Z',
      'SEQUENCE:0',
      'DTSTART;TZID=Europe/Berlin:20260310T100000',
      'ORGANIZER:mailto:olga@example.org',
      'ATTENDEE;PARTSTAT=ACCEPTED:mailto:bob@example.com',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const f = env.file('reply.eml', mail({ from: BOB, to: ME, ics: reply, date: 'Sun, 01 Mar 2026 13:00:00 +0000' }));
    env.now = '2026-03-01T13:05:00Z';
    const r = env.run(['process', '--me', ME, '--outbox', env.outbox, f]);
    expect(r.lines[0]).toMatchObject({ kind: 'reply', outcome: 'applied' });
    const exported = env.run(['export'], { json: false }).stdout.replace(/\r?\n /g, '');
    expect(exported).toMatch(/ATTENDEE[^\n]*PARTSTAT=ACCEPTED[^\n]*:mailto:bob@example\.com/);
  });
});
