import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { alarmsBetween } from '../../../shared/calendar/nextAlarms.js';

const ME = 'me@example.com';
const FROM = Date.parse('2026-03-10T00:00:00Z');
const TO = Date.parse('2026-03-11T00:00:00Z');

const entry = (uid: string, ...lines: string[]): [string, ICAL.Component] => [
  uid,
  new ICAL.Component(
    ICAL.parse(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//Test//EN',
        'BEGIN:VEVENT',
        `UID:${uid}`,
        'DTSTAMP:20260301T000000Z',
        ...lines,
        'END:VEVENT',
        'END:VCALENDAR',
      ].join('\r\n'),
    ) as unknown[],
  ),
];

const alarm = (...lines: string[]) => ['BEGIN:VALARM', ...lines, 'END:VALARM'];

describe('alarmsBetween', () => {
  it('fires a DISPLAY alarm 15 minutes before the start, with its description', () => {
    const entries = [
      entry(
        'a',
        'DTSTART:20260310T100000Z',
        'DTEND:20260310T110000Z',
        'SUMMARY:Planning',
        ...alarm('ACTION:DISPLAY', 'TRIGGER:-PT15M', 'DESCRIPTION:Bring the numbers'),
      ),
    ];
    expect(alarmsBetween(entries, FROM, TO, [ME])).toMatchObject([
      {
        uid: 'a',
        summary: 'Planning',
        action: 'DISPLAY',
        description: 'Bring the numbers',
        fireAt: '2026-03-10T09:45:00.000Z',
      },
    ]);
  });

  it('relates to the end with RELATED=END, takes absolute triggers, repeats with DURATION, ignores EMAIL', () => {
    const entries = [
      entry(
        'b',
        'DTSTART:20260310T100000Z',
        'DTEND:20260310T110000Z',
        'SUMMARY:B',
        ...alarm('ACTION:AUDIO', 'TRIGGER;RELATED=END:-PT5M'),
        ...alarm('ACTION:DISPLAY', 'TRIGGER;VALUE=DATE-TIME:20260310T080000Z', 'DESCRIPTION:x'),
        ...alarm('ACTION:DISPLAY', 'TRIGGER:-PT30M', 'REPEAT:2', 'DURATION:PT10M', 'DESCRIPTION:y'),
        ...alarm('ACTION:EMAIL', 'TRIGGER:-PT1H', 'SUMMARY:s', 'DESCRIPTION:d', 'ATTENDEE:mailto:x@example.com'),
      ),
    ];
    expect(alarmsBetween(entries, FROM, TO, [ME]).map((a) => `${a.action} ${a.fireAt}`)).toEqual([
      'DISPLAY 2026-03-10T08:00:00.000Z',
      'DISPLAY 2026-03-10T09:30:00.000Z',
      'DISPLAY 2026-03-10T09:40:00.000Z',
      'DISPLAY 2026-03-10T09:50:00.000Z',
      'AUDIO 2026-03-10T10:55:00.000Z',
    ]);
  });

  it('rings each occurrence of a series, with its recurrence id; only what falls in the window', () => {
    const entries = [
      entry(
        'c',
        'DTSTART:20260309T100000Z',
        'DURATION:PT1H',
        'RRULE:FREQ=DAILY;COUNT=3',
        'SUMMARY:Standup',
        ...alarm('ACTION:DISPLAY', 'TRIGGER:-PT10M', 'DESCRIPTION:Standup'),
      ),
    ];
    const found = alarmsBetween(entries, FROM, TO, [ME]);
    expect(found.map((a) => [a.recurrenceId, a.fireAt])).toEqual([
      ['2026-03-10T10:00:00Z', '2026-03-10T09:50:00.000Z'],
    ]);
    expect(new Set(alarmsBetween(entries, FROM - 86_400_000, TO + 86_400_000, [ME]).map((a) => a.key)).size).toBe(3);
  });

  it('stays silent for cancelled events and ones I declined', () => {
    const ring = alarm('ACTION:DISPLAY', 'TRIGGER:-PT15M', 'DESCRIPTION:r');
    const entries = [
      entry('d', 'DTSTART:20260310T100000Z', 'DURATION:PT1H', 'STATUS:CANCELLED', ...ring),
      entry(
        'e',
        'DTSTART:20260310T120000Z',
        'DURATION:PT1H',
        'ORGANIZER:mailto:olga@example.org',
        `ATTENDEE;PARTSTAT=DECLINED:mailto:${ME}`,
        ...ring,
      ),
    ];
    expect(alarmsBetween(entries, FROM, TO, [ME])).toEqual([]);
  });

  it('gives accepted meetings without an alarm the default reminder, and not invitations still open', () => {
    const entries = [
      entry(
        'f',
        'DTSTART:20260310T140000Z',
        'DURATION:PT1H',
        'SUMMARY:Accepted',
        'ORGANIZER:mailto:olga@example.org',
        `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
      ),
      entry(
        'g',
        'DTSTART:20260310T150000Z',
        'DURATION:PT1H',
        'SUMMARY:Open',
        'ORGANIZER:mailto:olga@example.org',
        `ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:${ME}`,
      ),
      entry('h', 'DTSTART:20260310T160000Z', 'DURATION:PT1H', 'SUMMARY:Mine', `ORGANIZER:mailto:${ME}`),
    ];
    expect(alarmsBetween(entries, FROM, TO, [ME])).toEqual([]);
    expect(alarmsBetween(entries, FROM, TO, [ME], { defaultMinutes: 15 }).map((a) => [a.summary, a.fireAt])).toEqual([
      ['Accepted', '2026-03-10T13:45:00.000Z'],
      ['Mine', '2026-03-10T15:45:00.000Z'],
    ]);
  });

  it('caps REPEAT and survives a broken trigger', () => {
    const entries = [
      entry(
        'i',
        'DTSTART:20260310T100000Z',
        'DURATION:PT1H',
        ...alarm('ACTION:DISPLAY', 'TRIGGER:-PT9H', 'REPEAT:100000', 'DURATION:PT1M', 'DESCRIPTION:r'),
        ...alarm('ACTION:DISPLAY', 'DESCRIPTION:no trigger'),
      ),
    ];
    expect(alarmsBetween(entries, FROM, TO, [ME])).toHaveLength(11);
  });
});
