/**
 * Bad input never throws and never hangs: iteration is capped by maxIterations (a rule that ran unbounded would
 * not finish inside the test's timeout, which is the check — no wall-clock assertions), malformed components give
 * [] (RFC 5545 §3.3.10 leniency is documented in recurRule.ts).
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { expandOccurrences, expandSeries, seriesHasInstance } from '../../../shared/ical/index.js';
import { calendar, localStarts, utc, vevent } from './helpers.js';

const YEAR = [utc('2026-01-01T00:00:00Z'), utc('2027-01-01T00:00:00Z')] as const;

/** Runs a step that must end by its bounds (the test's timeout catches one that does not). */
function timed<T>(fn: () => T): { value: T } {
  return { value: fn() };
}

/** The RRULE is added as raw text: ical.js' parser rejects some of these values before we would see them. */
function withRule(rrule: string, dtstart: string): ICAL.Component {
  const cal = calendar(vevent(dtstart));
  cal.getFirstSubcomponent('vevent')?.addProperty(new ICAL.Property(['rrule', {}, 'text', rrule] as unknown as string));
  return cal;
}

function expandRule(rrule: string, dtstart = 'DTSTART;TZID=Europe/Berlin:20260101T090000', opts = {}) {
  return expandSeries(withRule(rrule, dtstart), YEAR[0], YEAR[1], opts);
}

describe('absurd rules finish quickly', () => {
  it.each([
    ['FREQ=SECONDLY without COUNT over a year', 'FREQ=SECONDLY'],
    ['FREQ=SECONDLY;BYMONTH=2 (skips whole days)', 'FREQ=SECONDLY;BYMONTH=2;BYHOUR=25'],
    ['a date that never exists', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30'],
    ['a daily rule that never matches', 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30'],
    ['a secondly rule that never matches', 'FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=31'],
    ['INTERVAL=0', 'FREQ=DAILY;INTERVAL=0'],
    ['negative COUNT', 'FREQ=DAILY;COUNT=-5'],
    ['huge COUNT', 'FREQ=MINUTELY;COUNT=999999999'],
    [
      'BYSETPOS over every second of a year',
      'FREQ=YEARLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;BYSETPOS=-1',
    ],
  ])('%s', (_name, rrule) => {
    // Bounded by work, not by the clock (a shared machine makes wall time meaningless): the iteration budget and
    // the occurrence cap stop it, and an answer cut short says so.
    const value = expandRule(rrule);
    expect(value.occurrences.length).toBeLessThanOrEqual(10_000);
    if (value.occurrences.length === 10_000) expect(value.truncated).toBe(true);
  });

  it('says when the 10,000-occurrence cap cut the answer short, and not when it did not', () => {
    const capped = expandRule('FREQ=MINUTELY;INTERVAL=30');
    expect(capped.occurrences).toHaveLength(10_000);
    expect(capped.truncated).toBe(true);
    const under = expandRule('FREQ=HOURLY', undefined, { maxOccurrences: 9_000 });
    expect(under.occurrences).toHaveLength(8_751);
    expect(under.truncated).toBe(false);
    expect(expandRule('FREQ=HOURLY;COUNT=100').truncated).toBe(false);
  });

  it('maxIterations caps the work and reports truncation', () => {
    const r = expandRule('FREQ=MINUTELY', 'DTSTART;TZID=Europe/Berlin:20260101T090000', { maxIterations: 1000 });
    expect(r.truncated).toBe(true);
    expect(r.occurrences.length).toBeLessThan(1000);
  });

  it('nonsense limits fall back to the defaults; far-future windows still answer', () => {
    const cal = withRule('FREQ=DAILY', 'DTSTART:20260101T090000Z');
    expect(
      expandOccurrences(cal, YEAR[0], YEAR[1], { maxIterations: Number.NaN, maxOccurrences: Number.POSITIVE_INFINITY }),
    ).toHaveLength(365);
    const far = Date.UTC(200_000, 0, 1);
    const zoned = withRule('FREQ=YEARLY', 'DTSTART;TZID=Europe/Berlin:20260701T090000');
    const { value } = timed(() => expandOccurrences(zoned, far, far + 400 * 86_400_000));
    expect(value).toEqual([]);
  });

  it('a rule from long ago without COUNT skips ahead to the window instead of counting through the years', () => {
    const { value } = timed(() =>
      expandRule('FREQ=MINUTELY;INTERVAL=7', 'DTSTART:19000101T000000Z', { maxIterations: 5000, maxOccurrences: 3 }),
    );
    expect(value.occurrences.map((o) => new Date(o.startMs).toISOString())).toEqual([
      '2026-01-01T00:06:00.000Z',
      '2026-01-01T00:13:00.000Z',
      '2026-01-01T00:20:00.000Z',
    ]);
  });

  it('INTERVAL=0 reads as 1; COUNT<1 leaves DTSTART alone; an empty BY part leaves DTSTART alone', () => {
    expect(expandRule('FREQ=DAILY;INTERVAL=0;COUNT=3').occurrences).toHaveLength(3);
    expect(localStarts(expandRule('FREQ=DAILY;COUNT=-5').occurrences)).toEqual(['2026-01-01T09:00:00']);
    expect(localStarts(expandRule('FREQ=DAILY;BYMONTH=13').occurrences)).toEqual(['2026-01-01T09:00:00']);
  });
});

describe('malformed components', () => {
  it('no DTSTART gives []', () => {
    const r = expandSeries(calendar(vevent('RRULE:FREQ=DAILY', 'SUMMARY:x')), YEAR[0], YEAR[1]);
    expect(r.occurrences).toEqual([]);
    expect(r.malformed).toBe(true);
  });

  it.each([['FREQ=FORTNIGHTLY'], ['BYDAY=MO'], ['FREQ=DAILY;COUNT=ten'], ['FREQ=DAILY;UNTIL=tomorrow']])(
    'RRULE %s gives []',
    (rrule) => {
      const cal = withRule(rrule, 'DTSTART:20260101T090000Z');
      const ev = cal.getFirstSubcomponent('vevent');
      expect(expandOccurrences(cal, YEAR[0], YEAR[1])).toEqual([]);
      if (ev) expect(seriesHasInstance(ev, ICAL.Time.fromDateTimeString('2026-01-01T09:00:00Z'))).toBe(false);
    },
  );

  it('undecodable values and odd windows do not throw', () => {
    const cal = calendar(vevent('DTSTART:20260101T090000Z', 'RRULE:FREQ=DAILY;COUNT=2'));
    const ev = cal.getFirstSubcomponent('vevent');
    ev?.addProperty(new ICAL.Property(['exdate', {}, 'date-time', 'garbage'] as unknown as string));
    ev?.addProperty(new ICAL.Property(['rdate', {}, 'period', ['nope', 'nope']] as unknown as string));
    expect(expandOccurrences(cal, YEAR[0], YEAR[1])).toHaveLength(2);
    expect(expandOccurrences(cal, YEAR[1], YEAR[0])).toEqual([]);
    expect(expandOccurrences(cal, Number.NaN, YEAR[1])).toEqual([]);
    expect(expandOccurrences(new ICAL.Component(['vcalendar', [], []]), YEAR[0], YEAR[1])).toEqual([]);
  });

  it('a VTIMEZONE with broken or absurd observances still converts', () => {
    const zone = [
      'BEGIN:VTIMEZONE',
      'TZID:Broken',
      'BEGIN:STANDARD',
      'DTSTART:16010101T000000',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0100',
      'RRULE:FREQ=SECONDLY',
      'END:STANDARD',
      'BEGIN:DAYLIGHT',
      'DTSTART:16010101T000000',
      'TZOFFSETFROM:nonsense',
      'TZOFFSETTO:+0200',
      'END:DAYLIGHT',
      'END:VTIMEZONE',
    ].join('\n');
    const { value } = timed(() =>
      expandOccurrences(
        calendar(zone, vevent('DTSTART;TZID=Broken:20260101T090000', 'RRULE:FREQ=DAILY;COUNT=2')),
        YEAR[0],
        YEAR[1],
      ),
    );
    expect(value.map((o) => new Date(o.startMs).toISOString())).toEqual([
      '2026-01-01T08:00:00.000Z',
      '2026-01-02T08:00:00.000Z',
    ]);
  });
});

describe('seriesHasInstance', () => {
  const master = (): ICAL.Component => {
    const cal = calendar(
      vevent(
        'DTSTART;TZID=Europe/Berlin:20260302T100000',
        'RRULE:FREQ=WEEKLY;BYDAY=MO',
        'EXDATE:20260309T090000Z',
        'RDATE;TZID=Europe/Berlin:20260305T150000',
      ),
    );
    const ev = cal.getFirstSubcomponent('vevent');
    if (!ev) throw new Error('no event');
    return ev;
  };
  const t = (text: string): ICAL.Time => ICAL.Time.fromDateTimeString(text);

  it('matches by instant, honours EXDATE (in any zone) and RDATE', () => {
    const m = master();
    expect(seriesHasInstance(m, t('2026-03-16T09:00:00Z'))).toBe(true);
    expect(seriesHasInstance(m, t('2026-03-30T08:00:00Z'))).toBe(true);
    expect(seriesHasInstance(m, t('2026-03-30T09:00:00Z'))).toBe(false);
    expect(seriesHasInstance(m, t('2026-03-09T09:00:00Z'))).toBe(false);
    expect(seriesHasInstance(m, t('2026-03-05T14:00:00Z'))).toBe(true);
    expect(seriesHasInstance(m, t('2026-03-02T09:00:00Z'))).toBe(true);
    expect(seriesHasInstance(m, t('2026-03-17T09:00:00Z'))).toBe(false);
  });

  it('is bounded for far-away and never-matching instances', () => {
    const cal = calendar(vevent('DTSTART:20260101T090000Z', 'RRULE:FREQ=SECONDLY;COUNT=999999999'));
    const ev = cal.getFirstSubcomponent('vevent');
    if (!ev) throw new Error('no event');
    const { value } = timed(() => seriesHasInstance(ev, t('2090-01-01T09:00:00Z'), { maxIterations: 100_000 }));
    expect(value).toBe(false);
    const never = calendar(
      vevent('DTSTART:20260101T090000Z', 'RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30'),
    ).getFirstSubcomponent('vevent');
    if (!never) throw new Error('no event');
    expect(seriesHasInstance(never, t('2999-02-28T09:00:00Z'))).toBe(false);
    expect(seriesHasInstance(never, t('2026-01-01T09:00:00Z'))).toBe(true);
  });

  it('for a non-recurring master, only DTSTART', () => {
    const ev = calendar(vevent('DTSTART;TZID=Europe/Berlin:20260302T100000')).getFirstSubcomponent('vevent');
    if (!ev) throw new Error('no event');
    expect(seriesHasInstance(ev, t('2026-03-02T09:00:00Z'))).toBe(true);
    expect(seriesHasInstance(ev, t('2026-03-02T10:00:00Z'))).toBe(false);
  });
});
