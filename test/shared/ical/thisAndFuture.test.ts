/**
 * RANGE=THISANDFUTURE (RFC 5545 §3.8.4.4): the override applies to its own instance and every later one until a
 * later override (single or ranged) takes over; later instances take its properties, its wall-clock shift and its
 * length, and keep their own original RECURRENCE-ID.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { expandOccurrences, formatIso } from '../../../shared/ical/index.js';
import { calendar, localStarts, summaryOf, utc, vevent } from './helpers.js';

const MASTER = vevent(
  'DTSTART;TZID=Europe/Berlin:20260302T100000',
  'DTEND;TZID=Europe/Berlin:20260302T110000',
  'RRULE:FREQ=WEEKLY;COUNT=8',
  'SUMMARY:Standup',
  'LOCATION:Room 1',
);

/** Moves the series from 10:00 to 14:00 (30 minutes long, new room) from 16 March on. */
const RANGE = vevent(
  'RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Berlin:20260316T100000',
  'DTSTART;TZID=Europe/Berlin:20260316T140000',
  'DTEND;TZID=Europe/Berlin:20260316T143000',
  'SUMMARY:Standup (afternoon)',
  'LOCATION:Room 2',
);

function expand(cal: ICAL.Component, from = '2026-03-01T00:00:00Z', to = '2026-05-01T00:00:00Z') {
  return expandOccurrences(cal, utc(from), utc(to));
}

describe('RANGE=THISANDFUTURE', () => {
  it('shifts, retitles and resizes every later instance, across the DST change', () => {
    const occs = expand(calendar(MASTER, RANGE));
    expect(localStarts(occs)).toEqual([
      '2026-03-02T10:00:00',
      '2026-03-09T10:00:00',
      '2026-03-16T14:00:00',
      '2026-03-23T14:00:00',
      '2026-03-30T14:00:00',
      '2026-04-06T14:00:00',
      '2026-04-13T14:00:00',
      '2026-04-20T14:00:00',
    ]);
    expect(occs.map((o) => o.component.getFirstPropertyValue('location'))).toEqual([
      'Room 1',
      'Room 1',
      'Room 2',
      'Room 2',
      'Room 2',
      'Room 2',
      'Room 2',
      'Room 2',
    ]);
    expect(occs.map((o) => o.source)).toEqual([
      'series',
      'series',
      'override',
      'thisAndFuture',
      'thisAndFuture',
      'thisAndFuture',
      'thisAndFuture',
      'thisAndFuture',
    ]);
    expect(occs.slice(2).every((o) => o.endMs - o.startMs === 30 * 60_000)).toBe(true);
    // 30 March is after the change to summer time: still 14:00 local, i.e. 12:00Z.
    expect(new Date(occs[4]?.startMs ?? 0).toISOString()).toBe('2026-03-30T12:00:00.000Z');
  });

  it('keeps each instance its own RECURRENCE-ID and returns the ranged override as the component', () => {
    const cal = calendar(MASTER, RANGE);
    const occ = expand(cal).find((o) => localStarts([o])[0] === '2026-03-30T14:00:00');
    const range = cal.getAllSubcomponents('vevent')[1];
    expect(occ?.component).toBe(range);
    expect(occ?.isOverride).toBe(true);
    expect(formatIso(occ?.recurrenceId ?? ICAL.Time.epochTime)).toBe('2026-03-30T10:00:00+02:00');
    expect(occ?.key).toBe(`T:${utc('2026-03-30T08:00:00Z')}`);
    expect(formatIso(occ?.end ?? ICAL.Time.epochTime)).toBe('2026-03-30T14:30:00+02:00');
  });

  it('a later single override still wins for its instance; EXDATEs still remove instances', () => {
    const cal = calendar(
      MASTER.replace('SUMMARY:Standup', 'EXDATE;TZID=Europe/Berlin:20260406T100000\nSUMMARY:Standup'),
      RANGE,
      vevent(
        'RECURRENCE-ID;TZID=Europe/Berlin:20260330T100000',
        'DTSTART;TZID=Europe/Berlin:20260331T090000',
        'DTEND;TZID=Europe/Berlin:20260331T100000',
        'SUMMARY:One-off',
      ),
    );
    const occs = expand(cal, '2026-03-20T00:00:00Z');
    expect(localStarts(occs)).toEqual([
      '2026-03-23T14:00:00',
      '2026-03-31T09:00:00',
      '2026-04-13T14:00:00',
      '2026-04-20T14:00:00',
    ]);
    expect(occs.map(summaryOf)).toEqual([
      'Standup (afternoon)',
      'One-off',
      'Standup (afternoon)',
      'Standup (afternoon)',
    ]);
  });

  it('a later THISANDFUTURE override supersedes an earlier one', () => {
    const later = vevent(
      'RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Berlin:20260406T100000',
      'DTSTART;TZID=Europe/Berlin:20260406T080000',
      'DTEND;TZID=Europe/Berlin:20260406T090000',
      'SUMMARY:Standup (early)',
    );
    const occs = expand(calendar(MASTER, RANGE, later), '2026-03-25T00:00:00Z');
    expect(localStarts(occs)).toEqual([
      '2026-03-30T14:00:00',
      '2026-04-06T08:00:00',
      '2026-04-13T08:00:00',
      '2026-04-20T08:00:00',
    ]);
    expect(occs.map(summaryOf)).toEqual([
      'Standup (afternoon)',
      'Standup (early)',
      'Standup (early)',
      'Standup (early)',
    ]);
  });

  it('applies when the ranged override itself lies before the window', () => {
    const occs = expand(calendar(MASTER, RANGE), '2026-04-10T00:00:00Z');
    expect(localStarts(occs)).toEqual(['2026-04-13T14:00:00', '2026-04-20T14:00:00']);
  });

  it('finds instances shifted into the window from outside it (a move to the previous day)', () => {
    const back = vevent(
      'RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Berlin:20260316T100000',
      'DTSTART;TZID=Europe/Berlin:20260315T100000',
      'DTEND;TZID=Europe/Berlin:20260315T110000',
      'SUMMARY:Sundays',
    );
    // The instance of Monday 23 March moves to Sunday 22 March, inside a window that ends before the Monday.
    const occs = expand(calendar(MASTER, back), '2026-03-22T00:00:00Z', '2026-03-23T00:00:00Z');
    expect(localStarts(occs)).toEqual(['2026-03-22T10:00:00']);
    expect(occs[0]?.source).toBe('thisAndFuture');
  });

  it('works for all-day series', () => {
    const cal = calendar(
      vevent('DTSTART;VALUE=DATE:20260302', 'RRULE:FREQ=WEEKLY;COUNT=4', 'SUMMARY:Day'),
      vevent(
        'RECURRENCE-ID;RANGE=THISANDFUTURE;VALUE=DATE:20260309',
        'DTSTART;VALUE=DATE:20260310',
        'DTEND;VALUE=DATE:20260312',
        'SUMMARY:Two days',
      ),
    );
    const occs = expand(cal);
    expect(localStarts(occs)).toEqual(['2026-03-02', '2026-03-10', '2026-03-17', '2026-03-24']);
    expect(occs.map((o) => (o.endMs - o.startMs) / 86_400_000)).toEqual([1, 2, 2, 2]);
    expect(occs.map((o) => o.key)).toEqual(['D:20260302', 'D:20260309', 'D:20260316', 'D:20260323']);
  });
});
