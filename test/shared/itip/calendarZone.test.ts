/**
 * X-WR-TIMEZONE, the zone of a whole calendar (Apple's and Google's exports, Horde's publications): floating
 * DATE-TIMEs in such a calendar are read in that zone, as Apple and Google clients read them. Dates, UTC times and
 * times with their own TZID keep their meaning; an unknown zone leaves the times floating.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { processItipEach } from '../../../shared/itip/publishParts.js';
import { toUtcMs } from '../../../shared/ical/time.js';
import { Calendar, envelope, vevent } from '../../helpers/itip.js';

const ME = 'me@example.com';
const HUGO = 'hugo@horde.example';

function calendar(zone: string | null, ...events: string[]): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'METHOD:PUBLISH',
    'PRODID:-//The Horde Project//Horde iCalendar Library//EN',
    'X-WR-CALNAME:Team',
    ...(zone ? [`X-WR-TIMEZONE:${zone}`] : []),
    ...events,
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

const event = (n: number, ...times: string[]): string =>
  vevent(
    `UID:pub-ev-${n}@horde.example`,
    'DTSTAMP:20260301T081500Z',
    ...times,
    `SUMMARY:Event ${n}`,
    `ORGANIZER;CN=Hugo Horde:mailto:${HUGO}`,
  );

const FLOATING = event(1, 'DTSTART:20260314T090000', 'DTEND:20260314T100000', 'EXDATE:20260321T090000').replace(
  'SUMMARY',
  'RRULE:FREQ=WEEKLY;COUNT=3\r\nSUMMARY',
);
const ALL_DAY = event(2, 'DTSTART;VALUE=DATE:20260324', 'DTEND;VALUE=DATE:20260327');
const UTC = event(3, 'DTSTART:20260318T150000Z', 'DURATION:PT2H');
const NEW_YORK = event(4, 'DTSTART;TZID=America/New_York:20260319T090000', 'DURATION:PT1H');

function publish(text: string): Calendar {
  const cal = new Calendar([ME], 'always');
  const results = processItipEach(
    { ics: text, headerMethod: null, envelope: envelope(HUGO) },
    (u) => cal.get(u),
    cal.ctx(),
  );
  for (const r of results) cal.apply(r);
  return cal;
}

function value(cal: Calendar, n: number, name: string): ICAL.Time {
  const v = cal.get(`pub-ev-${n}@horde.example`)?.getFirstSubcomponent('vevent')?.getFirstPropertyValue(name);
  if (!(v instanceof ICAL.Time)) throw new Error(`no ${name}`);
  return v;
}

const iso = (t: ICAL.Time): string => new Date(toUtcMs(t)).toISOString();

describe('X-WR-TIMEZONE', () => {
  it('reads floating times in the calendar’s zone, and nothing else', () => {
    const cal = publish(calendar('Europe/Berlin', FLOATING, ALL_DAY, UTC, NEW_YORK));
    expect(iso(value(cal, 1, 'dtstart'))).toBe('2026-03-14T08:00:00.000Z');
    expect(iso(value(cal, 1, 'dtend'))).toBe('2026-03-14T09:00:00.000Z');
    expect(iso(value(cal, 1, 'exdate'))).toBe('2026-03-21T08:00:00.000Z');
    expect(value(cal, 2, 'dtstart').isDate).toBe(true);
    expect(iso(value(cal, 3, 'dtstart'))).toBe('2026-03-18T15:00:00.000Z');
    expect(iso(value(cal, 4, 'dtstart'))).toBe('2026-03-19T13:00:00.000Z');
    expect(cal.get('pub-ev-1@horde.example')?.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe(
      'Europe/Berlin',
    );
  });

  it('a single event too', () => {
    const cal = publish(calendar('Europe/Berlin', FLOATING));
    expect(iso(value(cal, 1, 'dtstart'))).toBe('2026-03-14T08:00:00.000Z');
  });

  it('an unknown zone leaves them floating', () => {
    const cal = publish(calendar('Atlantis/Capital', FLOATING));
    expect(value(cal, 1, 'dtstart').toICALString()).toBe('20260314T090000');
    expect(
      cal
        .get('pub-ev-1@horde.example')
        ?.getFirstSubcomponent('vevent')
        ?.getFirstProperty('dtstart')
        ?.getParameter('tzid'),
    ).toBeUndefined();
  });
});
