import type ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { exportCalendar } from '../../../shared/calendar/queries.js';
import { serializeCalendar } from '../../../shared/ical/serialize.js';
import { toUtcMs } from '../../../shared/ical/time.js';
import { ics, parseCalendar, vevent } from '../../helpers/itip.js';

// Outlook names every zone it has no Windows name for "Customized Time Zone", whatever its rules.
const EUROPEAN = [
  'BEGIN:VTIMEZONE',
  'TZID:Customized Time Zone',
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
];
/** The same rules with their first onsets in 1970, as other clients write them. */
const EUROPEAN_1970 = EUROPEAN.map((l) =>
  l
    .replace('DTSTART:16010101T030000', 'DTSTART:19701025T030000')
    .replace('DTSTART:16010101T020000', 'DTSTART:19700329T020000'),
);
const PACIFIC = [
  'BEGIN:VTIMEZONE',
  'TZID:Customized Time Zone',
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
];

function entry(uid: string, zone: readonly string[], start: string): [string, ICAL.Component] {
  const text = ics(
    null,
    ...zone,
    vevent(
      `UID:${uid}`,
      'DTSTAMP:20261204T080000Z',
      'ORGANIZER;CN="Lee, Bob":mailto:bob.lee@fabrikam.com',
      `DTSTART;TZID=Customized Time Zone:${start}`,
      `DTEND;TZID=Customized Time Zone:${start.replace(/T(\d\d)/, (_, h: string) => `T${String(Number(h) + 1).padStart(2, '0')}`)}`,
      'SUMMARY:Sync',
    ),
  );
  return [uid, parseCalendar(text)];
}

function startsOf(text: string): Record<string, string> {
  const cal = parseCalendar(text);
  const out: Record<string, string> = {};
  for (const e of cal.getAllSubcomponents('vevent'))
    out[String(e.getFirstPropertyValue('uid'))] = new Date(
      toUtcMs(e.getFirstPropertyValue('dtstart') as ICAL.Time),
    ).toISOString();
  return out;
}

function zoneIdsOf(text: string): string[] {
  return parseCalendar(text)
    .getAllSubcomponents('vtimezone')
    .map((z) => String(z.getFirstPropertyValue('tzid')));
}

describe('export of zones that share a TZID', () => {
  it('writes a zone with other rules under a TZID of its own, so each event keeps its instant', () => {
    const entries = [entry('eu', EUROPEAN, '20261214T100000'), entry('us', PACIFIC, '20261216T090000')];
    const text = exportCalendar(entries);
    expect(zoneIdsOf(text)).toEqual(['Customized Time Zone', 'Customized Time Zone (2)']);
    expect(startsOf(text)).toEqual({ eu: '2026-12-14T09:00:00.000Z', us: '2026-12-16T17:00:00.000Z' });
    expect(text).toContain('DTSTART;TZID=Customized Time Zone (2):20261216T090000');
  });

  it('writes a definition once when the events agree on it, in the same text or with the same rules', () => {
    const entries = [
      entry('a', EUROPEAN, '20261214T100000'),
      entry('b', PACIFIC, '20261216T090000'),
      entry('c', EUROPEAN_1970, '20260714T100000'),
      entry('d', PACIFIC, '20260716T090000'),
    ];
    const text = exportCalendar(entries);
    expect(zoneIdsOf(text)).toEqual(['Customized Time Zone', 'Customized Time Zone (2)']);
    expect(startsOf(text)).toEqual({
      a: '2026-12-14T09:00:00.000Z',
      b: '2026-12-16T17:00:00.000Z',
      c: '2026-07-14T08:00:00.000Z',
      d: '2026-07-16T16:00:00.000Z',
    });
  });

  it('picks a new TZID no event of the calendar uses already', () => {
    const taken = EUROPEAN_1970.map((l) =>
      l === 'TZID:Customized Time Zone'
        ? 'TZID:Customized Time Zone (2)'
        : l.replace('+0100', '+0000').replace('+0200', '+0100'),
    );
    const other = ics(
      null,
      ...taken,
      vevent(
        'UID:uk',
        'DTSTAMP:20261204T080000Z',
        'DTSTART;TZID=Customized Time Zone (2):20261215T100000',
        'DTEND;TZID=Customized Time Zone (2):20261215T110000',
        'SUMMARY:London',
      ),
    );
    const entries = [
      entry('eu', EUROPEAN, '20261214T100000'),
      entry('us', PACIFIC, '20261216T090000'),
      ['uk', parseCalendar(other)] as [string, ICAL.Component],
    ];
    const text = exportCalendar(entries);
    expect(zoneIdsOf(text).sort()).toEqual([
      'Customized Time Zone',
      'Customized Time Zone (2)',
      'Customized Time Zone (3)',
    ]);
    expect(startsOf(text)).toEqual({
      eu: '2026-12-14T09:00:00.000Z',
      us: '2026-12-16T17:00:00.000Z',
      uk: '2026-12-15T10:00:00.000Z',
    });
  });

  it('leaves the stored calendar as it is', () => {
    const entries = [entry('eu', EUROPEAN, '20261214T100000'), entry('us', PACIFIC, '20261216T090000')];
    const before = entries.map(([, c]) => serializeCalendar(c));
    exportCalendar(entries);
    expect(entries.map(([, c]) => serializeCalendar(c))).toEqual(before);
    expect(startsOf(serializeCalendar(entries[1]![1]))).toEqual({ us: '2026-12-16T17:00:00.000Z' });
  });
});
