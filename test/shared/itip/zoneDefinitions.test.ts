/**
 * Two definitions under one TZID. Outlook names every zone it does not know by a Windows name
 * `Customized Time Zone`, so an update can bring the same TZID with other rules. The organizer's newer message
 * decides what its components mean; what my copy keeps of the older message keeps its instants; and a calendar
 * never holds two VTIMEZONEs with one TZID (RFC 5545 §3.6.5).
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { Calendar, ics, instanceOf, outgoingCalendar, say, vevent } from '../../helpers/itip.js';
import { toUtcMs } from '../../../shared/ical/time.js';
import type { EngineResult } from '../../../shared/itip/index.js';

const ME = 'me@example.org';
const BOB = 'bob.lee@fabrikam.com';
const UID = '040000008200E00074C5B7101A82E0080000000043000000000000000000000000000004301';
const TZ = 'Customized Time Zone';

const EUROPE = [
  'BEGIN:VTIMEZONE',
  `TZID:${TZ}`,
  'BEGIN:STANDARD',
  'DTSTART:16010101T030000',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:16010101T020000',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
].join('\r\n');

const PACIFIC = [
  'BEGIN:VTIMEZONE',
  `TZID:${TZ}`,
  'BEGIN:STANDARD',
  'DTSTART:16010101T020000',
  'TZOFFSETFROM:-0700',
  'TZOFFSETTO:-0800',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=1SU;BYMONTH=11',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:16010101T020000',
  'TZOFFSETFROM:-0800',
  'TZOFFSETTO:-0700',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=2SU;BYMONTH=3',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
].join('\r\n');

function event(seq: number, stamp: string, ...lines: string[]): string {
  return vevent(
    `ORGANIZER;CN="Lee, Bob":mailto:${BOB}`,
    `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${ME}`,
    `UID:${UID}`,
    'SUMMARY;LANGUAGE=en-US:Roadshow sync',
    `DTSTAMP:${stamp}`,
    `SEQUENCE:${seq}`,
    `X-MICROSOFT-CDO-APPT-SEQUENCE:${seq}`,
    ...lines,
  );
}

function request(zone: string, ...events: string[]): string {
  return ics('REQUEST', zone, ...events);
}

const instant = (c: ICAL.Component | null, name: string): string => {
  const v = c?.getFirstPropertyValue(name);
  if (!(v instanceof ICAL.Time)) throw new Error(`no ${name}`);
  return new Date(toUtcMs(v)).toISOString();
};

function zonesNamed(cal: ICAL.Component | null, tzid: string): ICAL.Component[] {
  return (cal?.getAllSubcomponents('vtimezone') ?? []).filter((z) => z.getFirstPropertyValue('tzid') === tzid);
}

const NOW = Date.parse('2026-12-04T09:00:00Z');

function received(cal: Calendar, text: string): EngineResult {
  return cal.process(text, BOB, { receivedAt: NOW - 60_000 });
}

function accepted(first: string): Calendar {
  const cal = new Calendar([ME], 'always');
  cal.now = NOW;
  cal.decide(received(cal, first), 'accept');
  return cal;
}

describe('an update whose zone has the TZID of the stored one and other rules', () => {
  const invite = request(
    EUROPE,
    event(0, '20261204T080000Z', `DTSTART;TZID=${TZ}:20261214T100000`, `DTEND;TZID=${TZ}:20261214T110000`),
  );
  const update = request(
    PACIFIC,
    event(1, '20261204T100000Z', `DTSTART;TZID=${TZ}:20261214T100000`, `DTEND;TZID=${TZ}:20261214T110000`),
  );

  it('stores the event at the time the update means, with the update’s definition', () => {
    const cal = accepted(invite);
    expect(instant(instanceOf(cal.get(UID)), 'dtstart')).toBe('2026-12-14T09:00:00.000Z');
    const r = received(cal, update);
    expect(say(r.reason)).toContain('2026-12-14T10:00:00-08:00');
    const stored = cal.get(UID);
    expect(instant(instanceOf(stored), 'dtstart')).toBe('2026-12-14T18:00:00.000Z');
    expect(instant(instanceOf(stored), 'dtend')).toBe('2026-12-14T19:00:00.000Z');
    expect(zonesNamed(stored, TZ)).toHaveLength(1);
  });

  it('answers with the update’s definition', () => {
    const cal = accepted(invite);
    const r = received(cal, update);
    const answer = r.pending ? cal.decide(r, 'accept') : cal.respond(UID, 'ACCEPTED');
    const out = outgoingCalendar(answer.outgoing[0]);
    const zones = zonesNamed(out, TZ);
    expect(zones).toHaveLength(1);
    expect(instant(out.getFirstSubcomponent('vevent'), 'dtstart')).toBe('2026-12-14T18:00:00.000Z');
  });
});

describe('an instance update whose zone has the TZID of the series’ and other rules', () => {
  const series = request(
    EUROPE,
    event(
      0,
      '20261204T080000Z',
      `DTSTART;TZID=${TZ}:20261214T100000`,
      `DTEND;TZID=${TZ}:20261214T110000`,
      'RRULE:FREQ=WEEKLY;COUNT=4',
    ),
  );
  // The organizer's client now writes the zone with other rules; the moved instance is named by its instant.
  const moved = request(
    PACIFIC,
    event(
      1,
      '20261205T100000Z',
      'RECURRENCE-ID:20261221T090000Z',
      `DTSTART;TZID=${TZ}:20261221T100000`,
      `DTEND;TZID=${TZ}:20261221T110000`,
    ),
  );

  it('keeps the series at its instants and the instance at the new one, one VTIMEZONE per TZID', () => {
    const cal = accepted(series);
    received(cal, moved);
    const stored = cal.get(UID);
    expect(instant(instanceOf(stored), 'dtstart')).toBe('2026-12-14T09:00:00.000Z');
    const override = instanceOf(stored, '2026-12-21T09:00:00Z');
    expect(instant(override, 'dtstart')).toBe('2026-12-21T18:00:00.000Z');
    expect(instant(override, 'recurrence-id')).toBe('2026-12-21T09:00:00.000Z');
    const tzids = (stored?.getAllSubcomponents('vtimezone') ?? []).map((z) => String(z.getFirstPropertyValue('tzid')));
    expect(new Set(tzids).size).toBe(tzids.length);
    expect(zonesNamed(stored, TZ)).toHaveLength(1);
  });

  it('an update of a definition with the same rules leaves the calendar with one zone', () => {
    const cal = accepted(series);
    received(
      cal,
      request(
        EUROPE,
        event(
          1,
          '20261205T100000Z',
          `RECURRENCE-ID;TZID=${TZ}:20261221T100000`,
          `DTSTART;TZID=${TZ}:20261221T120000`,
          `DTEND;TZID=${TZ}:20261221T130000`,
        ),
      ),
    );
    const stored = cal.get(UID);
    expect(stored?.getAllSubcomponents('vtimezone')).toHaveLength(1);
    expect(instant(instanceOf(stored, '2026-12-21T09:00:00Z'), 'dtstart')).toBe('2026-12-21T11:00:00.000Z');
  });
});
