/**
 * An occurrence that ends in the hour repeated when summer time ends. A DTEND gives an exact duration
 * (RFC 5545 §3.8.5.3, §3.3.6), so a daily 02:30–03:30 meeting on the night the clocks go back from 03:00 to 02:00
 * lasts an hour: 02:30+02:00 to 02:30+01:00. Its end has no wall-clock spelling in its zone (§3.3.5 reads a
 * repeated local time as its first occurrence), so it is never rebuilt from the wall clock.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { endOf, expandOccurrences, toUtcMs } from '../../../shared/ical/index.js';
import { listOccurrences } from '../../../shared/calendar/queries.js';
import { findEventView } from '../../../shared/views/findEventView.js';
import { occurrenceChanges } from '../../../shared/views/occurrenceChanges.js';
import { Calendar, ics, instanceOf, vevent } from '../../helpers/itip.js';
import { W_EUROPE } from '../../helpers/outlookZones.js';

const ME = 'me@example.org';
const UID = '040000008200E00074C5B7101A82E00800000000420000000000000000000000000000000000000000000004201';

const ZONE = W_EUROPE;

const MAINTENANCE = ics(
  null,
  ZONE,
  vevent(
    `ATTENDEE;CN=${ME};PARTSTAT=ACCEPTED:mailto:${ME}`,
    'DTSTART;TZID=W. Europe Standard Time:20271030T023000',
    'DTEND;TZID=W. Europe Standard Time:20271030T033000',
    'DTSTAMP:20261204T080000Z',
    'ORGANIZER;CN="Lee, Bob":mailto:bob.lee@fabrikam.com',
    'RRULE:FREQ=DAILY;COUNT=3',
    'SEQUENCE:0',
    'SUMMARY;LANGUAGE=en-us:Night maintenance autumn',
    `UID:${UID}`,
  ),
);

const FROM = Date.parse('2027-10-29T00:00:00Z');
const TO = Date.parse('2027-11-03T00:00:00Z');
const HOUR = 3_600_000;

function stored(): ICAL.Component {
  const cal = new Calendar([ME]);
  cal.put(MAINTENANCE);
  return cal.get(UID) as ICAL.Component;
}

describe('an occurrence ending in the repeated hour', () => {
  it('lasts as long as DTEND says', () => {
    const occ = expandOccurrences(stored(), FROM, TO);
    expect(occ.map((o) => (o.endMs - o.startMs) / HOUR)).toEqual([1, 1, 1]);
    expect(occ.map((o) => new Date(o.startMs).toISOString())).toEqual([
      '2027-10-30T00:30:00.000Z',
      '2027-10-31T00:30:00.000Z',
      '2027-11-01T01:30:00.000Z',
    ]);
  });

  it('is listed from 02:30+02:00 to 02:30+01:00', () => {
    const views = listOccurrences([[UID, stored()]], FROM, TO, [ME]);
    const night = views.find((v) => v.start.startsWith('2027-10-31'));
    expect(night?.start).toBe('2027-10-31T02:30:00+02:00');
    expect(night?.end).toBe('2027-10-31T02:30:00+01:00');
  });

  it('shows the same end as one instance', () => {
    const view = findEventView(stored(), UID, '2027-10-31T00:30:00Z');
    expect(view?.end).toBe('2027-10-31T02:30:00+01:00');
  });

  it('has its end instant wherever an end is worked out for one instance', () => {
    const cal = stored();
    const master = cal.getFirstSubcomponent('vevent') as ICAL.Component;
    const occ = expandOccurrences(cal, FROM, TO)[1];
    const end = endOf(master, occ?.start as ICAL.Time);
    expect(new Date(toUtcMs(end)).toISOString()).toBe('2027-10-31T01:30:00.000Z');
  });

  it('an override made for the instance keeps its length', () => {
    const cal = new Calendar([ME]);
    cal.put(MAINTENANCE);
    cal.respond(UID, 'DECLINED', '2027-10-31T00:30:00Z');
    const override = instanceOf(cal.get(UID), '2027-10-31T00:30:00Z');
    const start = override?.getFirstPropertyValue('dtstart') as ICAL.Time;
    const end = override?.getFirstPropertyValue('dtend') as ICAL.Time;
    expect(new Date(toUtcMs(start)).toISOString()).toBe('2027-10-31T00:30:00.000Z');
    expect(new Date(toUtcMs(end)).toISOString()).toBe('2027-10-31T01:30:00.000Z');
  });

  it('an update card shows the instance as the series makes it', () => {
    const cal = stored();
    const events = cal.getAllSubcomponents('vevent');
    const cancel = new ICAL.Component(
      ICAL.parse(
        ics(
          'CANCEL',
          ZONE,
          vevent(
            `UID:${UID}`,
            'RECURRENCE-ID;TZID=W. Europe Standard Time:20271031T023000',
            'DTSTART;TZID=W. Europe Standard Time:20271031T023000',
            'SEQUENCE:1',
            'DTSTAMP:20261205T080000Z',
          ),
        ),
      ) as unknown[],
    );
    const changes = occurrenceChanges(cancel.getAllSubcomponents('vevent'), events, 'CANCEL');
    const before = changes[0]?.before;
    expect(before && (Date.parse(before.end) - Date.parse(before.start)) / HOUR).toBe(1);
  });
});
