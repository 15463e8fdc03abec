/**
 * Instants, keys and ISO output; the cached offset tables agree with ical.js everywhere except the two DST edges,
 * where RFC 5545 §3.3.5 is followed (skipped local time → offset before the gap; repeated → first occurrence).
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil, fieldsFromWall, wallFromFields } from '../../../shared/ical/civil.js';
import { zoneOffsetsFromComponent } from '../../../shared/ical/zoneOffsets.js';
import {
  formatIso,
  icalTimeFromMs,
  isoWithOffset,
  timeInZone,
  timeKey,
  toUtcMs,
  utcStamp,
} from '../../../shared/ical/index.js';
import { calendar, vevent, zoneFixture } from './helpers.js';

function timeIn(cal: ICAL.Component, text: string, tzid?: string): ICAL.Time {
  const ev = new ICAL.Component(['vevent', [], []]);
  cal.addSubcomponent(ev);
  const prop = new ICAL.Property('dtstart', ev);
  if (tzid) prop.setParameter('tzid', tzid);
  ev.addProperty(prop);
  const t = ICAL.Time.fromDateTimeString(text, prop);
  cal.removeSubcomponent(ev);
  return t;
}

describe('civil arithmetic', () => {
  it('round-trips day numbers across eras, including years 0-99 that Date.UTC would misread', () => {
    for (const [y, m, d] of [
      [1970, 1, 1],
      [1601, 1, 1],
      [2000, 2, 29],
      [2100, 3, 1],
      [44, 3, 15],
      [9999, 12, 31],
      [-1, 12, 31],
    ] as const) {
      expect(civilFromDays(daysFromCivil(y, m, d))).toEqual({ year: y, month: m, day: d });
    }
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(wallFromFields(2026, 3, 1, 10, 30, 5)).toBe(Date.UTC(2026, 2, 1, 10, 30, 5));
    expect(fieldsFromWall(Date.UTC(2026, 11, 31, 23, 59, 59))).toEqual({
      year: 2026,
      month: 12,
      day: 31,
      hour: 23,
      minute: 59,
      second: 59,
    });
  });
});

describe('toUtcMs with DST edges (RFC 5545 §3.3.5)', () => {
  const cal = calendar(vevent('DTSTART;TZID=Europe/Berlin:20260101T000000'));

  it('reads a local time skipped by the spring-forward gap with the offset before the gap', () => {
    expect(new Date(toUtcMs(timeIn(cal, '2026-03-29T02:30:00', 'Europe/Berlin'))).toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    expect(new Date(toUtcMs(timeIn(cal, '2026-03-29T03:00:00', 'Europe/Berlin'))).toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    );
    expect(new Date(toUtcMs(timeIn(cal, '2026-03-29T01:59:59', 'Europe/Berlin'))).toISOString()).toBe(
      '2026-03-29T00:59:59.000Z',
    );
  });

  it('reads a repeated local time as its first occurrence', () => {
    expect(new Date(toUtcMs(timeIn(cal, '2026-10-25T02:30:00', 'Europe/Berlin'))).toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    expect(new Date(toUtcMs(timeIn(cal, '2026-10-25T03:00:00', 'Europe/Berlin'))).toISOString()).toBe(
      '2026-10-25T02:00:00.000Z',
    );
    expect(new Date(toUtcMs(timeIn(cal, '2026-10-25T01:59:59', 'Europe/Berlin'))).toISOString()).toBe(
      '2026-10-24T23:59:59.000Z',
    );
  });

  it('lists the transitions of a zone', () => {
    const vtz = cal.getFirstSubcomponent('vtimezone');
    if (!vtz) throw new Error('no zone');
    const t = zoneOffsetsFromComponent(vtz).transitionsBetween(Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1));
    expect(t.map((x) => new Date(x.utc).toISOString())).toEqual([
      '2026-03-29T01:00:00.000Z',
      '2026-10-25T01:00:00.000Z',
    ]);
  });
});

describe('cached offsets agree with ical.js away from the DST edges', () => {
  it.each([
    ['Europe/Berlin (database)', 'Europe/Berlin', ''],
    ['W. Europe Standard Time (Outlook, 1601)', 'W. Europe Standard Time', 'outlook-w-europe'],
    ['Pacific Standard Time (pre-2007 rules)', 'Pacific Standard Time', 'outlook-pacific-2006'],
    ['America/New_York (RFC 5545, historic)', 'America/New_York', 'rfc5545-new-york'],
    ['Asia/Kolkata (no DST)', 'Asia/Kolkata', ''],
  ])('%s', (_name, tzid, fixture) => {
    const cal = calendar(...(fixture ? [zoneFixture(fixture)] : []), vevent(`DTSTART;TZID="${tzid}":20260101T000000`));
    let compared = 0;
    for (let day = daysFromCivil(1999, 1, 1); day < daysFromCivil(2031, 1, 1); day += 3) {
      const { year, month, day: d } = civilFromDays(day);
      // Skip the hours around 01:00-04:00 local, where DST changes happen and RFC 5545 differs from ical.js.
      for (const hour of [0, 7, 12, 18, 23]) {
        const text = `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(hour).padStart(2, '0')}:15:00`;
        const ours = toUtcMs(timeIn(cal, text, tzid));
        const theirs = timeIn(cal, text, tzid).toUnixTime() * 1000;
        if (ours !== theirs)
          throw new Error(
            `${tzid} ${text}: ${new Date(ours).toISOString()} vs ical.js ${new Date(theirs).toISOString()}`,
          );
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(19_000);
  });
});

describe('timeKey', () => {
  it('gives the same key to one instant written in different zones and in UTC', () => {
    const cal = calendar(
      vevent('DTSTART;TZID=Europe/Berlin:20260101T000000', 'DTEND;TZID=America/New_York:20260101T000000'),
    );
    const berlin = timeIn(cal, '2026-07-01T15:00:00', 'Europe/Berlin');
    const newYork = timeIn(cal, '2026-07-01T09:00:00', 'America/New_York');
    const utcTime = ICAL.Time.fromDateTimeString('2026-07-01T13:00:00Z');
    expect(timeKey(berlin)).toBe(`T:${Date.UTC(2026, 6, 1, 13)}`);
    expect(timeKey(newYork)).toBe(timeKey(berlin));
    expect(timeKey(utcTime)).toBe(timeKey(berlin));
  });

  it('keys dates by their calendar date', () => {
    expect(timeKey(ICAL.Time.fromDateString('2026-03-01'))).toBe('D:20260301');
  });
});

describe('formatting', () => {
  it('formatIso shows the offset of the time in its own zone', () => {
    const cal = calendar(vevent('DTSTART;TZID=Europe/Berlin:20260101T000000'));
    expect(formatIso(timeIn(cal, '2026-03-01T10:00:00', 'Europe/Berlin'))).toBe('2026-03-01T10:00:00+01:00');
    expect(formatIso(timeIn(cal, '2026-07-01T10:00:00', 'Europe/Berlin'))).toBe('2026-07-01T10:00:00+02:00');
    // A skipped local time is shown as the instant it denotes.
    expect(formatIso(timeIn(cal, '2026-03-29T02:30:00', 'Europe/Berlin'))).toBe('2026-03-29T03:30:00+02:00');
    expect(formatIso(ICAL.Time.fromDateTimeString('2026-03-01T10:00:00Z'))).toBe('2026-03-01T10:00:00Z');
    expect(formatIso(ICAL.Time.fromDateTimeString('2026-03-01T10:00:00'))).toBe('2026-03-01T10:00:00');
    expect(formatIso(ICAL.Time.fromDateString('2026-03-01'))).toBe('2026-03-01');
  });

  it('isoWithOffset, utcStamp, icalTimeFromMs and timeInZone', () => {
    const ms = Date.UTC(2026, 2, 1, 9, 5, 7);
    expect(isoWithOffset(ms, 5 * 3600 + 1800)).toBe('2026-03-01T14:35:07+05:30');
    expect(isoWithOffset(ms, -4 * 3600)).toBe('2026-03-01T05:05:07-04:00');
    expect(utcStamp(ms)).toBe('20260301T090507Z');
    const t = icalTimeFromMs(ms + 999);
    expect(t.toString()).toBe('2026-03-01T09:05:07Z');
    expect(t.toUnixTime()).toBe(ms / 1000);
    const cal = calendar(vevent('DTSTART;TZID=America/New_York:20260101T000000'));
    const ny = cal.getFirstSubcomponent('vevent')?.getFirstPropertyValue('dtstart');
    if (!(ny instanceof ICAL.Time)) throw new Error('no DTSTART');
    const local = timeInZone(ms, ny.zone);
    expect(local.toString()).toBe('2026-03-01T04:05:07');
    expect(local.zone).toBe(ny.zone);
    expect(toUtcMs(local)).toBe(ms);
  });
});
