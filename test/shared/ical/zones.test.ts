/**
 * Time zone resolution: inline VTIMEZONEs (Outlook's Windows-named and customized zones with 1601 rules, the RFC's
 * historic New York) win over the database; TZIDs without a definition resolve as IANA, Windows (CLDR) or
 * Evolution-prefixed names; completion really changes what ical.js returns for properties read afterwards.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import {
  completeTimezones,
  ianaCandidates,
  libraryVtimezone,
  referencedTzids,
  toUtcMs,
  zonesForSending,
} from '../../../shared/ical/index.js';
import { calendar, parseCalendar, vevent, zoneFixture } from './helpers.js';

/** UTC ISO string of the DTSTART of the first VEVENT after completing zones. */
function dtstartUtc(cal: ICAL.Component): string {
  const start = cal.getFirstSubcomponent('vevent')?.getFirstPropertyValue('dtstart');
  if (!(start instanceof ICAL.Time)) throw new Error('no DTSTART');
  return new Date(toUtcMs(start)).toISOString().replace('.000Z', 'Z');
}

function at(tzid: string, local: string, ...zones: string[]): string {
  return dtstartUtc(calendar(...zones, vevent(`DTSTART;TZID="${tzid}":${local}`)));
}

describe('inline VTIMEZONE wins', () => {
  it('Outlook "W. Europe Standard Time" with 1601 rules: both sides of both 2026 DST changes', () => {
    const z = zoneFixture('outlook-w-europe');
    expect(at('W. Europe Standard Time', '20260328T120000', z)).toBe('2026-03-28T11:00:00Z');
    expect(at('W. Europe Standard Time', '20260329T120000', z)).toBe('2026-03-29T10:00:00Z');
    expect(at('W. Europe Standard Time', '20261024T120000', z)).toBe('2026-10-24T10:00:00Z');
    expect(at('W. Europe Standard Time', '20261025T120000', z)).toBe('2026-10-25T11:00:00Z');
  });

  it('Outlook "Customized Time Zone"', () => {
    const z = zoneFixture('outlook-customized');
    expect(at('Customized Time Zone', '20260715T090000', z)).toBe('2026-07-15T07:00:00Z');
    expect(at('Customized Time Zone', '20261215T090000', z)).toBe('2026-12-15T08:00:00Z');
  });

  it("a sender's own rules for a Windows name beat CLDR's mapping (pre-2007 US rules in 2026)", () => {
    const z = zoneFixture('outlook-pacific-2006');
    // Under these rules DST starts on the first Sunday of April, so 20 March is still standard time (-08:00).
    const cal = calendar(z, vevent('DTSTART;TZID=Pacific Standard Time:20260320T100000'));
    expect(dtstartUtc(cal)).toBe('2026-03-20T18:00:00Z');
    expect(cal.getAllSubcomponents('vtimezone')).toHaveLength(1);
    // Without the inline definition the same name maps to America/Los_Angeles, already on daylight time.
    expect(at('Pacific Standard Time', '20260320T100000')).toBe('2026-03-20T17:00:00Z');
  });

  it('Outlook "Central Standard Time" around the second Sunday of March', () => {
    const z = zoneFixture('outlook-central');
    expect(at('Central Standard Time', '20260307T100000', z)).toBe('2026-03-07T16:00:00Z');
    expect(at('Central Standard Time', '20260309T100000', z)).toBe('2026-03-09T15:00:00Z');
    expect(at('Central Standard Time', '20261101T120000', z)).toBe('2026-11-01T18:00:00Z');
  });

  it("the RFC's historic New York zone gives 2006's rules (the database only has today's)", () => {
    const z = zoneFixture('rfc5545-new-york');
    expect(at('America/New_York', '20060320T120000', z)).toBe('2006-03-20T17:00:00Z');
    expect(at('America/New_York', '20060403T120000', z)).toBe('2006-04-03T16:00:00Z');
    expect(at('America/New_York', '19750301T120000', z)).toBe('1975-03-01T16:00:00Z');
    expect(at('America/New_York', '20260320T120000', z)).toBe('2026-03-20T16:00:00Z');
  });

  it("an Exchange zone's BYDAY=5SU means the last Sunday, also in months with four Sundays", () => {
    const z = zoneFixture('exchange-fifth-sunday');
    // October 2026 has only four Sundays; summer time still ends on the 25th.
    expect(at('GMT Standard Time', '20261026T120000', z)).toBe('2026-10-26T12:00:00Z');
    expect(at('GMT Standard Time', '20261024T120000', z)).toBe('2026-10-24T11:00:00Z');
    expect(at('GMT Standard Time', '20260330T120000', z)).toBe('2026-03-30T11:00:00Z');
  });

  it('Evolution-prefixed TZID with its own definition', () => {
    const tzid = '/freeassociation.sourceforge.net/Tzfile/Europe/Berlin';
    expect(at(tzid, '20260701T120000', zoneFixture('evolution-berlin'))).toBe('2026-07-01T10:00:00Z');
  });
});

describe('TZIDs without a definition', () => {
  it.each([
    ['Europe/Berlin', '20260328T120000', '2026-03-28T11:00:00Z'],
    ['Europe/Berlin', '20260329T120000', '2026-03-29T10:00:00Z'],
    ['America/New_York', '20261031T120000', '2026-10-31T16:00:00Z'],
    ['America/New_York', '20261102T120000', '2026-11-02T17:00:00Z'],
    ['Asia/Kolkata', '20260101T053000', '2026-01-01T00:00:00Z'],
    ['W. Europe Standard Time', '20260701T120000', '2026-07-01T10:00:00Z'],
    ['W. Europe Standard Time', '20261201T120000', '2026-12-01T11:00:00Z'],
    ['Central Standard Time', '20260701T120000', '2026-07-01T17:00:00Z'],
    ['/freeassociation.sourceforge.net/Tzfile/Europe/Berlin', '20260101T120000', '2026-01-01T11:00:00Z'],
    ['/mozilla.org/20050126_1/America/Argentina/Buenos_Aires', '20260101T120000', '2026-01-01T15:00:00Z'],
    ['Etc/UTC', '20260101T120000', '2026-01-01T12:00:00Z'],
    ['UTC', '20260101T120000', '2026-01-01T12:00:00Z'],
  ])('%s %s is %s', (tzid, local, expected) => {
    expect(at(tzid, local)).toBe(expected);
  });

  it('reports TZIDs nobody knows and leaves them floating', () => {
    const cal = parseCalendar(vevent('DTSTART;TZID=Mars/Olympus_Mons:20260101T120000'));
    expect(completeTimezones(cal)).toEqual(['Mars/Olympus_Mons']);
    expect(dtstartUtc(cal)).toBe('2026-01-01T12:00:00Z');
  });

  it('uses a defined zone whose TZID differs only in case or spacing', () => {
    const zone = zoneFixture('outlook-pacific-2006').replace(
      'TZID:Pacific Standard Time',
      'TZID:pacific standard time ',
    );
    const cal = calendar(zone, vevent('DTSTART;TZID=Pacific Standard Time:20260320T100000'));
    expect(dtstartUtc(cal)).toBe('2026-03-20T18:00:00Z');
  });
});

describe('completeTimezones', () => {
  it('makes properties read before completion resolve against the added zone', () => {
    const cal = parseCalendar(
      vevent('DTSTART;TZID=Europe/Berlin:20260701T120000', 'EXDATE;TZID=Europe/Berlin:20260702T120000'),
    );
    const event = cal.getFirstSubcomponent('vevent');
    const prop = event?.getFirstProperty('dtstart');
    const before = prop?.getFirstValue();
    if (!(before instanceof ICAL.Time) || !event || !prop) throw new Error('no DTSTART');
    // ical.js has decorated and cached the value as floating time.
    expect(toUtcMs(before)).toBe(Date.parse('2026-07-01T12:00:00Z'));
    expect(event.getFirstPropertyValue('exdate')).toBeInstanceOf(ICAL.Time);

    expect(completeTimezones(cal)).toEqual([]);

    const again = event.getFirstPropertyValue('dtstart');
    if (!(again instanceof ICAL.Time)) throw new Error('no DTSTART');
    expect(toUtcMs(again)).toBe(Date.parse('2026-07-01T10:00:00Z'));
    const held = prop.getFirstValue();
    if (!(held instanceof ICAL.Time)) throw new Error('no DTSTART');
    expect(toUtcMs(held)).toBe(Date.parse('2026-07-01T10:00:00Z'));
    const exdate = event.getFirstPropertyValue('exdate');
    if (!(exdate instanceof ICAL.Time)) throw new Error('no EXDATE');
    expect(toUtcMs(exdate)).toBe(Date.parse('2026-07-02T10:00:00Z'));
  });

  it('keeps component wrappers and puts zones before the first event', () => {
    const cal = parseCalendar(
      vevent('DTSTART;TZID=Europe/Berlin:20260701T120000', 'DTEND;TZID=America/New_York:20260701T090000'),
    );
    const event = cal.getFirstSubcomponent('vevent');
    completeTimezones(cal);
    expect(cal.getAllSubcomponents().map((c) => c.name)).toEqual(['vtimezone', 'vtimezone', 'vevent']);
    expect(cal.getFirstSubcomponent('vevent')).toBe(event);
    expect(cal.getAllSubcomponents('vtimezone').map((z) => z.getFirstPropertyValue('tzid'))).toEqual([
      'Europe/Berlin',
      'America/New_York',
    ]);
    expect(cal.toString().indexOf('BEGIN:VTIMEZONE')).toBeLessThan(cal.toString().indexOf('BEGIN:VEVENT'));
    expect(completeTimezones(cal)).toEqual([]);
    expect(cal.getAllSubcomponents('vtimezone')).toHaveLength(2);
  });

  it('does not add zones for UTC or for defined TZIDs', () => {
    const cal = calendar(
      zoneFixture('outlook-w-europe'),
      vevent('DTSTART;TZID=W. Europe Standard Time:20260701T120000', 'DTEND:20260701T110000Z'),
    );
    expect(cal.getAllSubcomponents('vtimezone')).toHaveLength(1);
  });
});

describe('zone helpers', () => {
  it('ianaCandidates covers IANA, Windows (CLDR primary first) and Evolution prefixes', () => {
    expect(ianaCandidates('Europe/Berlin')[0]).toBe('Europe/Berlin');
    expect(ianaCandidates('W. Europe Standard Time').slice(0, 2)).toEqual(['W. Europe Standard Time', 'Europe/Berlin']);
    expect(ianaCandidates('"Pacific Standard Time"')).toContain('America/Los_Angeles');
    expect(ianaCandidates('/freeassociation.sourceforge.net/Tzfile/Europe/Berlin')).toContain('Europe/Berlin');
  });

  it('libraryVtimezone keeps the TZID as written and returns null for unknown names', () => {
    const text = libraryVtimezone('W. Europe Standard Time');
    expect(text).toMatch(/^TZID:W\. Europe Standard Time\r?$/m);
    expect(text).toMatch(/RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU/);
    expect(libraryVtimezone('No/Such_Zone')).toBeNull();
  });

  it('referencedTzids finds TZIDs at any depth, not inside VTIMEZONE', () => {
    const cal = parseCalendar(
      zoneFixture('outlook-w-europe'),
      vevent(
        'DTSTART;TZID=Europe/Berlin:20260701T120000',
        'BEGIN:VALARM',
        'TRIGGER;VALUE=DATE-TIME;TZID=Asia/Tokyo:20260701T090000',
        'ACTION:DISPLAY',
        'END:VALARM',
      ),
    );
    expect([...referencedTzids(cal)].sort()).toEqual(['Asia/Tokyo', 'Europe/Berlin']);
  });

  it('zonesForSending copies the source definition, else takes the database, and skips UTC', () => {
    const source = calendar(
      zoneFixture('outlook-pacific-2006'),
      vevent('DTSTART;TZID=Pacific Standard Time:20260320T100000'),
    );
    const out = parseCalendar(
      vevent(
        'DTSTART;TZID=Pacific Standard Time:20260320T100000',
        'DTEND;TZID=Europe/Berlin:20260320T190000',
        'DTSTAMP:20260101T000000Z',
      ),
    );
    const zones = zonesForSending(out.getAllSubcomponents('vevent'), source);
    expect(zones.map((z) => z.getFirstPropertyValue('tzid'))).toEqual(['Pacific Standard Time', 'Europe/Berlin']);
    const pacific = zones[0];
    expect(pacific).not.toBe(source.getFirstSubcomponent('vtimezone'));
    expect(pacific?.toString()).toContain('BYDAY=1SU;BYMONTH=4');
    expect(
      zonesForSending(parseCalendar(vevent('DTSTART;TZID=UTC:20260101T000000')).getAllSubcomponents('vevent'), null),
    ).toEqual([]);
  });
});

describe('a VTIMEZONE without TZID', () => {
  it('is dropped, so looking up a zone no longer throws on it', () => {
    const cal = parseCalendar(
      'BEGIN:VTIMEZONE',
      'BEGIN:STANDARD',
      'DTSTART:19701025T030000',
      'TZOFFSETFROM:+0200',
      'TZOFFSETTO:+0100',
      'END:STANDARD',
      'END:VTIMEZONE',
      'BEGIN:VEVENT',
      'UID:no-tzid@example.com',
      'DTSTAMP:20260301T080000Z',
      'DTSTART;TZID=Europe/Berlin:20260310T150000',
      'DTEND;TZID=Europe/Berlin:20260310T160000',
      'END:VEVENT',
    );
    expect(() => cal.getTimeZoneByID('Europe/Berlin')).toThrow();
    completeTimezones(cal);
    const zones = cal.getAllSubcomponents('vtimezone');
    expect(zones.map((z) => z.getFirstPropertyValue('tzid'))).toEqual(['Europe/Berlin']);
    const start = cal.getFirstSubcomponent('vevent')!.getFirstPropertyValue('dtstart') as ICAL.Time;
    expect(start.toUnixTime()).toBe(Date.UTC(2026, 2, 10, 14) / 1000);
  });
});
