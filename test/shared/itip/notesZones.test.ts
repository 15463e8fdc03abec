/**
 * Lotus Notes names zones by short names ("Eastern", "Central", "Mountain", "Pacific": the Windows name without
 * " Standard Time") and often leaves the VTIMEZONE out. Those names are read as their zones; a zone nobody can
 * define never goes out as a TZID without its VTIMEZONE (RFC 6047 §2.5); and an occurrence is found by its
 * instant whether the zone came defined in one message and not in the other.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { ianaCandidates, toUtcMs } from '../../../shared/ical/index.js';
import { Calendar, ics, instanceOf, outgoingEvents, say, vevent } from '../../helpers/itip.js';

const ME = 'me@example.org';
const JOHN = 'jdoe@acme.example';
const UID = '2C5F6A9B5F9CAD2E96368B49117D1E6C-Lotus_Notes_Generated';
const NOW = Date.parse('2026-12-04T09:30:00Z');

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

function instance(zone: string, day: string, seq: number, ...more: string[]): string {
  return vevent(
    `DTSTART;TZID="${zone}":202612${day}T090000`,
    `DTEND;TZID="${zone}":202612${day}T093000`,
    `RECURRENCE-ID;TZID="${zone}":202612${day}T090000`,
    `DTSTAMP:2026120${4}T0${8 + seq}2941Z`,
    `SEQUENCE:${seq}`,
    `ATTENDEE;ROLE=CHAIR;PARTSTAT=ACCEPTED;CN="John Doe/Boston/ACME";RSVP=FALSE:mailto:${JOHN}`,
    `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${ME}`,
    'SUMMARY:Projekt Übergabe',
    `ORGANIZER;CN="John Doe/Boston/ACME":mailto:${JOHN}`,
    `UID:${UID}`,
    ...more,
  );
}

const invitation = (zone: string): string =>
  ics('REQUEST', instance(zone, '09', 0), instance(zone, '10', 0), instance(zone, '11', 0));

function cancelOf(zone: string, definition: string | null, day = '10'): string {
  return ics('CANCEL', ...(definition ? [definition] : []), instance(zone, day, 1, 'STATUS:CANCELLED'));
}

function receive(cal: Calendar, text: string) {
  return cal.process(text, JOHN, { receivedAt: NOW - 60_000 });
}

function accepted(text: string): Calendar {
  const cal = new Calendar([ME], 'always');
  cal.now = NOW;
  cal.decide(receive(cal, text), 'accept');
  return cal;
}

const startOf = (c: ICAL.Component | null): string =>
  new Date(toUtcMs(c?.getFirstPropertyValue('dtstart') as ICAL.Time)).toISOString();

describe('Lotus Notes zone names', () => {
  it('maps the short names to their zones', () => {
    expect(ianaCandidates('Eastern')[1]).toBe('America/New_York');
    expect(ianaCandidates('Central')[1]).toBe('America/Chicago');
    expect(ianaCandidates('Mountain')[1]).toBe('America/Denver');
    expect(ianaCandidates('Pacific')[1]).toBe('America/Los_Angeles');
    expect(ianaCandidates('"W. Europe"')).toContain('Europe/Berlin');
  });

  it('reads "Eastern" without a VTIMEZONE in its zone, and answers with the definition', () => {
    const cal = new Calendar([ME], 'always');
    cal.now = NOW;
    const r = receive(cal, invitation('Eastern'));
    expect(r.warnings.map((w) => w.key)).not.toContain('warning.unknownZones');
    const answer = cal.decide(r, 'accept');
    expect(startOf(instanceOf(cal.get(UID), '2026-12-09T14:00:00Z'))).toBe('2026-12-09T14:00:00.000Z');
    expect(answer.outgoing).toHaveLength(1);
  });

  it('a cancellation defining the zone finds the occurrence stored without one', () => {
    const cal = accepted(invitation('Eastern'));
    const r = receive(cal, cancelOf('Eastern', EASTERN));
    expect(r.outcome).toBe('applied');
    const inst = instanceOf(cal.get(UID), '2026-12-10T14:00:00Z');
    expect(inst?.getFirstPropertyValue('status')).toBe('CANCELLED');
  });
});

describe('a zone nobody defines', () => {
  const ATLANTIS = ['BEGIN:VTIMEZONE', 'TZID:Atlantis', 'BEGIN:STANDARD', 'DTSTART:19700101T000000']
    .concat(['TZOFFSETFROM:-0500', 'TZOFFSETTO:-0500', 'END:STANDARD', 'END:VTIMEZONE'])
    .join('\r\n');

  it('goes out floating, as it was read, never as a TZID without VTIMEZONE', () => {
    const cal = new Calendar([ME], 'always');
    cal.now = NOW;
    const r = receive(cal, invitation('Atlantis'));
    expect(r.warnings.map((w) => w.key)).toContain('warning.unknownZones');
    // checkInvariants (test/helpers) fails the answer if it references a zone it does not define.
    const answer = cal.decide(r, 'accept');
    const sent = outgoingEvents(answer.outgoing[0]);
    expect(sent[0]?.getFirstProperty('dtstart')?.getParameter('tzid')).toBeUndefined();
    expect(sent[0]?.getFirstProperty('dtstart')?.jCal[3]).toBe('2026-12-09T09:00:00');
  });

  it('a cancellation that defines it finds the occurrence by its instant', () => {
    const cal = accepted(invitation('Atlantis'));
    const r = receive(cal, cancelOf('Atlantis', ATLANTIS));
    expect(r.outcome).toBe('applied');
    const inst = instanceOf(cal.get(UID), '2026-12-10T14:00:00Z');
    expect(inst?.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('a cancellation of an occurrence the calendar does not have says so, not that it is older', () => {
    const cal = accepted(invitation('Eastern'));
    const r = receive(cal, cancelOf('Eastern', EASTERN, '17'));
    expect(r.outcome).toBe('ignored');
    expect(say(r.reason)).not.toMatch(/older|SEQUENCE/);
    expect(say(r.reason)).toContain('2026-12-17T09:00:00-05:00');
  });
});
