/**
 * As organizer: a new LOCATION raises SEQUENCE but asks nobody again, so an answer to the version before it (sent
 * while the update was on its way) still counts; after a new time, an answer to an earlier version does not.
 */
import { describe, expect, it } from 'vitest';
import { createEvent, updateEvent } from '../../../shared/itip/index.js';
import { Calendar, ics, partstatIn, vevent } from '../../helpers/itip.js';

const ME = 'me@example.org';
const BOB = 'bob.jones@gmail.com';
const UID = 'crossing@example.org';

function reply(seq: number, stamp: string, partstat: string): string {
  return ics(
    'REPLY',
    vevent(
      `UID:${UID}`,
      `SEQUENCE:${seq}`,
      `DTSTAMP:${stamp}`,
      'DTSTART;TZID=Europe/Berlin:20261214T140000',
      'DTEND;TZID=Europe/Berlin:20261214T150000',
      `ORGANIZER:mailto:${ME}`,
      `ATTENDEE;PARTSTAT=${partstat}:mailto:${BOB}`,
    ),
  );
}

function organizer(): Calendar {
  const cal = new Calendar([ME], 'always');
  cal.apply(
    createEvent(
      {
        uid: UID,
        summary: 'Planning',
        start: '2026-12-14T14:00',
        end: '2026-12-14T15:00',
        tz: 'Europe/Berlin',
        allDay: false,
        attendees: [{ address: BOB }],
      },
      cal.ctx(),
    ),
  );
  return cal;
}

describe('which answers count after an update', () => {
  it('an answer crossing a location change counts; one crossing a new time does not', () => {
    const cal = organizer();
    const moved = cal.apply(updateEvent({ uid: UID, location: 'Room 2' }, cal.get(UID), cal.ctx()));
    expect(moved.sequence).toBe(1);
    for (const o of moved.outgoing) expect(o.ics).not.toMatch(/X-IMIP-/i);
    const crossed = cal.process(reply(0, '20261204T100000Z', 'ACCEPTED'), BOB);
    expect(crossed.kind).toBe('reply');
    expect(partstatIn(cal.get(UID), BOB)).toBe('ACCEPTED');

    cal.apply(updateEvent({ uid: UID, start: '2026-12-14T16:00', end: '2026-12-14T17:00' }, cal.get(UID), cal.ctx()));
    expect(partstatIn(cal.get(UID), BOB)).toBe('NEEDS-ACTION');
    const late = cal.process(reply(1, '20261204T110000Z', 'DECLINED'), BOB);
    expect(late.kind).toBe('outdated');
    expect(partstatIn(cal.get(UID), BOB)).toBe('NEEDS-ACTION');
  });
});
