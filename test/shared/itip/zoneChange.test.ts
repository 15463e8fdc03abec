/**
 * A series moved into another zone with the same first instant repeats on another wall clock: across a
 * daylight-saving change its occurrences move, so the person who accepted it is asked again (RFC 5546 §2.1.4).
 * The same zone under another name (Outlook's Windows name for Europe/Berlin) moves nothing.
 */
import { describe, expect, it } from 'vitest';
import { Calendar, ics, vevent } from '../../helpers/itip.js';

const ME = 'me@example.org';
const ORG = 'olga@example.com';
const UID = 'zone-move@example.com';

function series(seq: number, stamp: string, start: string): string {
  return ics(
    'REQUEST',
    vevent(
      `UID:${UID}`,
      `DTSTAMP:${stamp}`,
      `SEQUENCE:${seq}`,
      start,
      'DURATION:PT1H',
      'RRULE:FREQ=WEEKLY;COUNT=20',
      'SUMMARY:Transatlantic sync',
      `ORGANIZER:mailto:${ORG}`,
      `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${ME}`,
    ),
  );
}

function accepted(): Calendar {
  const cal = new Calendar([ME], 'always');
  const r = cal.process(series(0, '20261201T100000Z', 'DTSTART;TZID=Europe/Berlin:20270111T150000'), ORG);
  cal.decide(r, 'accept');
  return cal;
}

describe('a series moved into another zone', () => {
  it('with the same first instant is a reschedule', () => {
    const cal = accepted();
    const r = cal.process(series(1, '20261202T100000Z', 'DTSTART;TZID=America/New_York:20270111T090000'), ORG);
    expect(r.kind).toBe('reschedule');
  });

  it('the same rules under a Windows name are no reschedule', () => {
    const cal = accepted();
    const r = cal.process(series(1, '20261202T100000Z', 'DTSTART;TZID=W. Europe Standard Time:20270111T150000'), ORG);
    expect(r.kind).toBe('update');
  });
});
