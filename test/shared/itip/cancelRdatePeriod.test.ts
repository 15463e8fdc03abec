/**
 * "This and later" cancellations (RECURRENCE-ID;RANGE=THISANDFUTURE, RFC 5546 §3.2.5) of a series made of RDATEs:
 * Lotus Notes writes its repeating meetings as `RDATE;VALUE=PERIOD` (RFC 5545 §3.8.5.2), start and end of each
 * instance. The instances from the cancelled one on go, whatever form their RDATE has, and a cancellation that
 * changes nothing says so.
 */
import { describe, expect, it } from 'vitest';
import { listOccurrences } from '../../../shared/calendar/queries.js';
import { Calendar, ics, say, vevent } from '../../helpers/itip.js';

const ME = 'me@example.org';
const JOHN = 'jdoe@acme.example';
const UID = '1B4F5E8A4E8B9C1D85257A38006C0D5B-Lotus_Notes_Generated';
const EASTERN = [
  'BEGIN:VTIMEZONE',
  'TZID:Eastern',
  'BEGIN:STANDARD',
  'DTSTART:19501105T020000',
  'TZOFFSETFROM:-0400',
  'TZOFFSETTO:-0500',
  'RRULE:FREQ=YEARLY;BYMINUTE=0;BYHOUR=2;BYDAY=1SU;BYMONTH=11',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:19500312T020000',
  'TZOFFSETFROM:-0500',
  'TZOFFSETTO:-0400',
  'RRULE:FREQ=YEARLY;BYMINUTE=0;BYHOUR=2;BYDAY=2SU;BYMONTH=3',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
].join('\r\n');

const people = [
  `ORGANIZER;CN="John Doe/Boston/ACME":mailto:${JOHN}`,
  `ATTENDEE;ROLE=CHAIR;PARTSTAT=ACCEPTED;CN="John Doe/Boston/ACME";RSVP=FALSE:mailto:${JOHN}`,
];

const SERIES = ics(
  null,
  EASTERN,
  vevent(
    'DTSTART;TZID="Eastern":20261208T100000',
    'DTEND;TZID="Eastern":20261208T110000',
    'RDATE;VALUE=PERIOD:20261208T150000Z/20261208T160000Z,20261215T150000Z/20261215T160000Z,20261222T150000Z/PT1H',
    'DTSTAMP:20261204T082941Z',
    'SEQUENCE:0',
    ...people,
    `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:${ME}`,
    'SUMMARY:Steering committee',
    `UID:${UID}`,
  ),
);

function cancelFrom(rid: string): string {
  return ics(
    'CANCEL',
    EASTERN,
    vevent(
      'DTSTART;TZID="Eastern":20261215T100000',
      'DTEND;TZID="Eastern":20261215T110000',
      `RECURRENCE-ID;RANGE=THISANDFUTURE:${rid}`,
      'DTSTAMP:20261204T092941Z',
      'SEQUENCE:1',
      `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:${ME}`,
      'SUMMARY:Steering committee',
      `ORGANIZER;CN="John Doe/Boston/ACME":mailto:${JOHN}`,
      `UID:${UID}`,
      'STATUS:CANCELLED',
    ),
  );
}

const NOW = Date.parse('2026-12-04T09:30:00Z');

function calendar(): Calendar {
  const cal = new Calendar([ME], 'always');
  cal.now = NOW;
  cal.put(SERIES);
  return cal;
}

function starts(cal: Calendar): string[] {
  const all = listOccurrences(
    [[UID, cal.get(UID)!]],
    Date.parse('2026-12-01T00:00:00Z'),
    Date.parse('2027-01-01T00:00:00Z'),
    [ME],
  );
  return all.map((o) => new Date(o.startMs).toISOString());
}

describe('a this-and-later cancellation of a series of RDATE periods', () => {
  it('takes the cancelled instance and the later ones away', () => {
    const cal = calendar();
    const r = cal.process(cancelFrom('20261215T150000Z'), JOHN, { receivedAt: NOW - 60_000 });
    expect(r.outcome).toBe('applied');
    expect(say(r.reason)).toContain('2026-12-15T15:00:00Z and later');
    expect(starts(cal)).toEqual(['2026-12-08T15:00:00.000Z']);
  });

  it('after the last instance changes nothing and does not say it cancelled anything', () => {
    const cal = calendar();
    const before = cal.text(UID);
    const r = cal.process(cancelFrom('20261229T150000Z'), JOHN, { receivedAt: NOW - 60_000 });
    expect(say(r.reason)).not.toMatch(/cancelled/i);
    expect(r.store ?? null).toBeNull();
    expect(cal.text(UID)).toBe(before);
  });
});
