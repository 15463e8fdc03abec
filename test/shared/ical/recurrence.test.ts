/**
 * expandOccurrences: RRULE, RDATE (DATE-TIME and PERIOD), EXDATE matched by instant, overrides matched by
 * instant, moved overrides in both directions, overrides the series does not generate, naked recurrences,
 * all-day events, DURATION instead of DTEND (nominal days across DST), zero-length events.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { endOf, expandOccurrences, expandSeries, formatIso, recurrenceKey } from '../../../shared/ical/index.js';
import { calendar, localStarts, summaryOf, utc, utcStarts, vevent } from './helpers.js';

const WEEKLY = [
  'DTSTART;TZID=Europe/Berlin:20260302T100000',
  'DTEND;TZID=Europe/Berlin:20260302T110000',
  'RRULE:FREQ=WEEKLY;COUNT=6',
  'SUMMARY:Weekly',
];

function expand(cal: ICAL.Component, from: string, to: string) {
  return expandOccurrences(cal, utc(from), utc(to));
}

describe('series instances', () => {
  it('keeps local time across DST and reports master instances', () => {
    const occs = expand(calendar(vevent(...WEEKLY)), '2026-03-01T00:00:00Z', '2026-05-01T00:00:00Z');
    expect(localStarts(occs)).toEqual([
      '2026-03-02T10:00:00',
      '2026-03-09T10:00:00',
      '2026-03-16T10:00:00',
      '2026-03-23T10:00:00',
      '2026-03-30T10:00:00',
      '2026-04-06T10:00:00',
    ]);
    expect(utcStarts(occs).slice(3, 5)).toEqual(['2026-03-23T09:00:00Z', '2026-03-30T08:00:00Z']);
    const first = occs[0];
    expect(first?.source).toBe('series');
    expect(first?.isOverride).toBe(false);
    expect(first?.endMs).toBe(utc('2026-03-02T10:00:00Z'));
    expect(formatIso(first?.end ?? ICAL.Time.epochTime)).toBe('2026-03-02T11:00:00+01:00');
    expect(first?.key).toBe(`T:${utc('2026-03-02T09:00:00Z')}`);
    expect(formatIso(first?.recurrenceId ?? ICAL.Time.epochTime)).toBe('2026-03-02T10:00:00+01:00');
  });

  it('includes occurrences that started before the window and still run, and excludes ones ending at its start', () => {
    const cal = calendar(
      vevent(
        'DTSTART;TZID=Europe/Berlin:20260302T100000',
        'DTEND;TZID=Europe/Berlin:20260302T120000',
        'RRULE:FREQ=DAILY;COUNT=3',
      ),
    );
    expect(localStarts(expand(cal, '2026-03-03T10:00:00Z', '2026-03-03T12:00:00Z'))).toEqual(['2026-03-03T10:00:00']);
    expect(localStarts(expand(cal, '2026-03-03T11:00:00Z', '2026-03-04T09:00:00Z'))).toEqual([]);
  });

  it('a non-recurring event is one occurrence without RECURRENCE-ID', () => {
    const occs = expand(
      calendar(vevent('DTSTART:20260310T090000Z', 'DTEND:20260310T100000Z')),
      '2026-03-01T00:00:00Z',
      '2026-04-01T00:00:00Z',
    );
    expect(occs).toHaveLength(1);
    expect(occs[0]?.recurrenceId).toBeNull();
    expect(occs[0]?.source).toBe('single');
    expect(occs[0]?.key).toBe(`T:${utc('2026-03-10T09:00:00Z')}`);
  });
});

describe('EXDATE and RDATE', () => {
  it('matches EXDATE by instant, whether written in the series zone, another zone or UTC', () => {
    const cal = calendar(
      vevent(
        ...WEEKLY,
        'EXDATE;TZID=Europe/Berlin:20260309T100000',
        'EXDATE:20260316T090000Z',
        'EXDATE;TZID=America/New_York:20260323T050000',
      ),
    );
    expect(localStarts(expand(cal, '2026-03-01T00:00:00Z', '2026-05-01T00:00:00Z'))).toEqual([
      '2026-03-02T10:00:00',
      '2026-03-30T10:00:00',
      '2026-04-06T10:00:00',
    ]);
  });

  it('reads an EXDATE without TZID on a zoned series in the series zone, and a DATE EXDATE as the whole day', () => {
    const cal = calendar(vevent(...WEEKLY, 'EXDATE:20260309T100000', 'EXDATE;VALUE=DATE:20260316'));
    expect(localStarts(expand(cal, '2026-03-01T00:00:00Z', '2026-03-20T00:00:00Z'))).toEqual(['2026-03-02T10:00:00']);
  });

  it('adds RDATE instances (DATE-TIME in any zone, and PERIOD with its own length)', () => {
    const cal = calendar(
      vevent(
        ...WEEKLY,
        'RDATE;TZID=Europe/Berlin:20260304T150000',
        'RDATE:20260305T140000Z',
        'RDATE;VALUE=PERIOD:20260306T080000Z/20260306T110000Z,20260307T080000Z/PT30M',
      ),
    );
    const occs = expand(cal, '2026-03-01T00:00:00Z', '2026-03-08T00:00:00Z');
    expect(localStarts(occs)).toEqual([
      '2026-03-02T10:00:00',
      '2026-03-04T15:00:00',
      '2026-03-05T15:00:00',
      '2026-03-06T09:00:00',
      '2026-03-07T09:00:00',
    ]);
    expect(occs.map((o) => (o.endMs - o.startMs) / 60_000)).toEqual([60, 60, 60, 180, 30]);
    expect(occs.every((o) => o.source === 'series')).toBe(true);
  });

  it('RDATE alone makes a series', () => {
    const cal = calendar(vevent('DTSTART:20260301T090000Z', 'RDATE:20260310T090000Z'));
    expect(utcStarts(expand(cal, '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z'))).toEqual([
      '2026-03-01T09:00:00Z',
      '2026-03-10T09:00:00Z',
    ]);
  });
});

describe('overrides', () => {
  it('replace the instance they name, matched by instant (RECURRENCE-ID written in UTC)', () => {
    const cal = calendar(
      vevent(...WEEKLY),
      vevent(
        'RECURRENCE-ID:20260309T090000Z',
        'DTSTART;TZID=Europe/Berlin:20260309T140000',
        'DTEND;TZID=Europe/Berlin:20260309T150000',
        'SUMMARY:Moved',
      ),
    );
    const occs = expand(cal, '2026-03-08T00:00:00Z', '2026-03-10T00:00:00Z');
    expect(occs).toHaveLength(1);
    expect(localStarts(occs)).toEqual(['2026-03-09T14:00:00']);
    expect(summaryOf(occs[0]!)).toBe('Moved');
    expect(occs[0]?.isOverride).toBe(true);
    expect(occs[0]?.source).toBe('override');
    expect(occs[0]?.key).toBe(`T:${utc('2026-03-09T09:00:00Z')}`);
  });

  it('moved out of the window: the original slot is empty; moved into it: the override shows', () => {
    const cal = calendar(
      vevent(...WEEKLY),
      vevent(
        'RECURRENCE-ID;TZID=Europe/Berlin:20260309T100000',
        'DTSTART;TZID=Europe/Berlin:20260401T100000',
        'DTEND;TZID=Europe/Berlin:20260401T110000',
        'SUMMARY:Later',
      ),
      vevent(
        'RECURRENCE-ID;TZID=Europe/Berlin:20260406T100000',
        'DTSTART;TZID=Europe/Berlin:20260310T100000',
        'DTEND;TZID=Europe/Berlin:20260310T110000',
        'SUMMARY:Earlier',
      ),
    );
    const march = expand(cal, '2026-03-09T00:00:00Z', '2026-03-11T00:00:00Z');
    expect(march.map(summaryOf)).toEqual(['Earlier']);
    expect(march[0]?.source).toBe('override');
    const april = expand(cal, '2026-04-01T00:00:00Z', '2026-04-08T00:00:00Z');
    expect(april.map(summaryOf)).toEqual(['Later']);
  });

  it('an override for an instance the series does not generate is shown and marked orphan', () => {
    const cal = calendar(
      vevent(...WEEKLY),
      vevent(
        'RECURRENCE-ID;TZID=Europe/Berlin:20260303T100000',
        'DTSTART;TZID=Europe/Berlin:20260303T100000',
        'DURATION:PT1H',
        'SUMMARY:Stray',
      ),
      vevent(
        'RECURRENCE-ID;TZID=Europe/Berlin:20270301T100000',
        'DTSTART;TZID=Europe/Berlin:20260304T100000',
        'DURATION:PT1H',
        'SUMMARY:Far',
      ),
    );
    const occs = expand(cal, '2026-03-02T00:00:00Z', '2026-03-05T00:00:00Z');
    expect(occs.map((o) => [summaryOf(o), o.source])).toEqual([
      ['Weekly', 'series'],
      ['Stray', 'orphan'],
      ['Far', 'orphan'],
    ]);
  });

  it('the override with the higher SEQUENCE wins', () => {
    const cal = calendar(
      vevent(...WEEKLY),
      vevent(
        'RECURRENCE-ID;TZID=Europe/Berlin:20260309T100000',
        'SEQUENCE:2',
        'DTSTART;TZID=Europe/Berlin:20260309T120000',
        'SUMMARY:New',
      ),
      vevent(
        'RECURRENCE-ID;TZID=Europe/Berlin:20260309T100000',
        'SEQUENCE:1',
        'DTSTART;TZID=Europe/Berlin:20260309T110000',
        'SUMMARY:Old',
      ),
    );
    expect(expand(cal, '2026-03-09T00:00:00Z', '2026-03-10T00:00:00Z').map(summaryOf)).toEqual(['New']);
  });

  it('naked recurrences (overrides without a master) are expanded by their own times', () => {
    const cal = calendar(
      vevent(
        'RECURRENCE-ID;TZID=Europe/Berlin:20260309T100000',
        'DTSTART;TZID=Europe/Berlin:20260309T100000',
        'DTEND;TZID=Europe/Berlin:20260309T110000',
        'SUMMARY:A',
      ),
      vevent(
        'RECURRENCE-ID;TZID=Europe/Berlin:20260316T100000',
        'DTSTART;TZID=Europe/Berlin:20260317T100000',
        'DTEND;TZID=Europe/Berlin:20260317T110000',
        'SUMMARY:B',
      ),
    );
    const occs = expand(cal, '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z');
    expect(occs.map(summaryOf)).toEqual(['A', 'B']);
    expect(occs.map((o) => o.source)).toEqual(['override', 'override']);
    expect(formatIso(occs[1]?.recurrenceId ?? ICAL.Time.epochTime)).toBe('2026-03-16T10:00:00+01:00');
  });

  it('a DATE RECURRENCE-ID on a DATE-TIME series names the instance of that day; a floating one is read in the series zone', () => {
    const cal = calendar(
      vevent(...WEEKLY),
      vevent('RECURRENCE-ID;VALUE=DATE:20260309', 'DTSTART;TZID=Europe/Berlin:20260309T120000', 'SUMMARY:By date'),
      vevent('RECURRENCE-ID:20260316T100000', 'DTSTART;TZID=Europe/Berlin:20260316T120000', 'SUMMARY:Floating'),
    );
    const occs = expand(cal, '2026-03-08T00:00:00Z', '2026-03-17T00:00:00Z');
    expect(occs.map((o) => [summaryOf(o), o.source])).toEqual([
      ['By date', 'override'],
      ['Floating', 'override'],
    ]);
    const master = cal.getFirstSubcomponent('vevent');
    expect(recurrenceKey(master, ICAL.Time.fromDateString('2026-03-09'))).toBe(`T:${utc('2026-03-09T09:00:00Z')}`);
  });

  it('an override of a non-recurring event replaces it', () => {
    const cal = calendar(
      vevent('DTSTART:20260310T090000Z', 'SUMMARY:Once'),
      vevent('RECURRENCE-ID:20260310T090000Z', 'DTSTART:20260310T100000Z', 'SUMMARY:Changed'),
    );
    expect(expand(cal, '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z').map(summaryOf)).toEqual(['Changed']);
  });
});

describe('all-day, DURATION and zero-length events', () => {
  it('all-day series are keyed by date and last their DTEND days', () => {
    const cal = calendar(
      vevent(
        'DTSTART;VALUE=DATE:20260330',
        'DTEND;VALUE=DATE:20260401',
        'RRULE:FREQ=WEEKLY;COUNT=3',
        'EXDATE;VALUE=DATE:20260406',
      ),
      vevent(
        'RECURRENCE-ID;VALUE=DATE:20260413',
        'DTSTART;VALUE=DATE:20260414',
        'DTEND;VALUE=DATE:20260415',
        'SUMMARY:Shifted',
      ),
    );
    const occs = expand(cal, '2026-03-01T00:00:00Z', '2026-05-01T00:00:00Z');
    expect(localStarts(occs)).toEqual(['2026-03-30', '2026-04-14']);
    expect(occs.map((o) => o.key)).toEqual(['D:20260330', 'D:20260413']);
    expect(formatIso(occs[0]?.end ?? ICAL.Time.epochTime)).toBe('2026-04-01');
    expect(occs[0]?.start.isDate).toBe(true);
    expect((occs[0]!.endMs - occs[0]!.startMs) / 86_400_000).toBe(2);
  });

  it('all-day without DTEND lasts one day (RFC 5545 §3.6.1)', () => {
    const occs = expand(
      calendar(vevent('DTSTART;VALUE=DATE:20260301', 'RRULE:FREQ=DAILY;COUNT=2')),
      '2026-03-02T00:00:00Z',
      '2026-03-03T00:00:00Z',
    );
    expect(localStarts(occs)).toEqual(['2026-03-02']);
    expect(formatIso(occs[0]?.end ?? ICAL.Time.epochTime)).toBe('2026-03-03');
  });

  it('DURATION in days is nominal: P1D across the spring change lasts 23 hours; PT24H lasts 24', () => {
    const nominal = calendar(
      vevent('DTSTART;TZID=Europe/Berlin:20260328T120000', 'DURATION:P1D', 'RRULE:FREQ=DAILY;COUNT=2'),
    );
    const exact = calendar(
      vevent('DTSTART;TZID=Europe/Berlin:20260328T120000', 'DURATION:PT24H', 'RRULE:FREQ=DAILY;COUNT=2'),
    );
    const n = expand(nominal, '2026-03-28T00:00:00Z', '2026-03-29T00:00:00Z')[0];
    const e = expand(exact, '2026-03-28T00:00:00Z', '2026-03-29T00:00:00Z')[0];
    expect(((n?.endMs ?? 0) - (n?.startMs ?? 0)) / 3_600_000).toBe(23);
    expect(formatIso(n?.end ?? ICAL.Time.epochTime)).toBe('2026-03-29T12:00:00+02:00');
    expect(((e?.endMs ?? 0) - (e?.startMs ?? 0)) / 3_600_000).toBe(24);
    expect(formatIso(e?.end ?? ICAL.Time.epochTime)).toBe('2026-03-29T13:00:00+02:00');
  });

  it('DTEND gives an exact duration to every instance, and may be in another zone', () => {
    const cal = calendar(
      vevent(
        'DTSTART;TZID=Europe/Berlin:20260328T230000',
        'DTEND;TZID=Europe/London:20260329T000000',
        'RRULE:FREQ=DAILY;COUNT=2',
      ),
    );
    const occs = expand(cal, '2026-03-28T00:00:00Z', '2026-04-01T00:00:00Z');
    expect(occs.map((o) => (o.endMs - o.startMs) / 3_600_000)).toEqual([2, 2]);
    expect(occs.map((o) => formatIso(o.end))).toEqual(['2026-03-29T00:00:00Z', '2026-03-30T00:00:00+01:00']);
  });

  it('zero-length events show when they start inside the window (including at its start)', () => {
    const cal = calendar(vevent('DTSTART:20260301T090000Z', 'DTEND:20260301T090000Z', 'RRULE:FREQ=DAILY;COUNT=3'));
    expect(utcStarts(expand(cal, '2026-03-02T09:00:00Z', '2026-03-03T09:00:00Z'))).toEqual(['2026-03-02T09:00:00Z']);
    const noEnd = calendar(vevent('DTSTART:20260301T090000Z', 'RRULE:FREQ=DAILY;COUNT=3'));
    expect(expand(noEnd, '2026-03-01T00:00:00Z', '2026-03-05T00:00:00Z').map((o) => o.endMs - o.startMs)).toEqual([
      0, 0, 0,
    ]);
  });

  it('endOf: DTEND as given, DTSTART + DURATION, or the default', () => {
    const cal = calendar(vevent('DTSTART;TZID=Europe/Berlin:20260328T120000', 'DURATION:P1DT1H'));
    const ev = cal.getFirstSubcomponent('vevent');
    const start = ev?.getFirstPropertyValue('dtstart');
    if (!ev || !(start instanceof ICAL.Time)) throw new Error('no event');
    expect(formatIso(endOf(ev, start))).toBe('2026-03-29T13:00:00+02:00');
    const withEnd = calendar(vevent('DTSTART:20260301T090000Z', 'DTEND:20260301T100000Z')).getFirstSubcomponent(
      'vevent',
    );
    const s2 = withEnd?.getFirstPropertyValue('dtstart');
    if (!withEnd || !(s2 instanceof ICAL.Time)) throw new Error('no event');
    expect(endOf(withEnd, s2)).toBe(withEnd.getFirstPropertyValue('dtend'));
  });
});

describe('limits', () => {
  it('maxOccurrences keeps the earliest and says the answer was cut', () => {
    const cal = calendar(vevent('DTSTART:20260301T090000Z', 'RRULE:FREQ=DAILY'));
    const r = expandSeries(cal, utc('2026-03-01T00:00:00Z'), utc('2027-03-01T00:00:00Z'), { maxOccurrences: 5 });
    expect(utcStarts(r.occurrences)).toEqual([
      '2026-03-01T09:00:00Z',
      '2026-03-02T09:00:00Z',
      '2026-03-03T09:00:00Z',
      '2026-03-04T09:00:00Z',
      '2026-03-05T09:00:00Z',
    ]);
    expect(r.truncated).toBe(true);
  });

  it('expands each UID of a calendar separately', () => {
    const cal = calendar(
      vevent(...WEEKLY),
      [
        'BEGIN:VEVENT',
        'UID:other@example.org',
        'DTSTAMP:20260101T000000Z',
        'DTSTART:20260303T120000Z',
        'SUMMARY:Other',
        'END:VEVENT',
      ].join('\n'),
    );
    expect(expand(cal, '2026-03-02T00:00:00Z', '2026-03-04T00:00:00Z').map(summaryOf)).toEqual(['Weekly', 'Other']);
  });
});
