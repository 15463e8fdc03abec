/**
 * BYWEEKNO (RFC 5545 §3.3.10): ISO 8601 week numbers with WKST, negative week numbers, BYDAY and BYMONTH,
 * COUNT and UNTIL. ical.js 2.2.1 expands these wrongly (consecutive Mondays); these are the right answers.
 */
import { describe, expect, it } from 'vitest';
import { weekNumberOf, daysFromCivil } from '../../../shared/ical/civil.js';
import { expandOccurrences, seriesHasInstance } from '../../../shared/ical/index.js';
import ICAL from 'ical.js';
import { calendar, localStarts, utc, vevent } from './helpers.js';

function dates(dtstart: string, rrule: string, max = 50, toYear = 2031): string[] {
  const cal = calendar(vevent(`DTSTART;VALUE=DATE:${dtstart}`, `RRULE:${rrule}`));
  return localStarts(
    expandOccurrences(cal, utc('1990-01-01T00:00:00Z'), utc(`${toYear}-01-01T00:00:00Z`), { maxOccurrences: max }),
  );
}

describe('ISO week numbers', () => {
  it.each([
    ['2026-01-01', 1, 1, 53, 2026],
    ['2025-12-29', 1, 1, 53, 2026],
    ['2027-01-03', 1, 53, 53, 2026],
    ['2027-01-04', 1, 1, 52, 2027],
    ['2021-01-03', 1, 53, 53, 2020],
    ['2008-12-29', 1, 1, 53, 2009],
    // With WKST=SU weeks run Sunday to Saturday: 2026-01-04 (a Sunday) starts week 1, and the week before holds
    // only three days of 2026, so it is the 53rd week of 2025.
    ['2026-01-04', 0, 1, 52, 2026],
    ['2026-01-03', 0, 53, 53, 2025],
  ])('%s (wkst %i) is week %i of %i weeks in %i', (iso, wkst, week, weeks, weekYear) => {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    expect(weekNumberOf(daysFromCivil(y, m, d), wkst)).toEqual({ week, weeksInYear: weeks, weekYear });
  });
});

describe('FREQ=YEARLY;BYWEEKNO', () => {
  it('RFC 5545: Monday of week number 20, forever', () => {
    expect(dates('19970512', 'FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO', 3)).toEqual([
      '1997-05-12',
      '1998-05-11',
      '1999-05-17',
    ]);
  });

  it('weeks 1 and 20 with COUNT (the case ical.js gets wrong); DTSTART counts as the first instance', () => {
    expect(dates('20260105', 'FREQ=YEARLY;BYWEEKNO=1,20;BYDAY=MO;COUNT=6')).toEqual([
      '2026-01-05',
      '2026-05-11',
      '2027-01-04',
      '2027-05-17',
      '2028-01-03',
      '2028-05-15',
    ]);
  });

  it('week 1 can start in the previous December', () => {
    // ISO week 1 of 2026 starts Monday 2025-12-29, of 2027 on 2027-01-04, of 2028 on 2028-01-03, of 2030 on 2029-12-31.
    expect(dates('20251229', 'FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO', 5)).toEqual([
      '2025-12-29',
      '2027-01-04',
      '2028-01-03',
      '2029-01-01',
      '2029-12-31',
    ]);
  });

  it('every day of week 1 spans the year boundary', () => {
    expect(dates('20251229', 'FREQ=YEARLY;BYWEEKNO=1', 99, 2027).length).toBe(1);
    expect(dates('20251229', 'FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO,TU,WE,TH,FR,SA,SU', 7)).toEqual([
      '2025-12-29',
      '2025-12-30',
      '2025-12-31',
      '2026-01-01',
      '2026-01-02',
      '2026-01-03',
      '2026-01-04',
    ]);
  });

  it('without BYDAY takes the weekday of DTSTART', () => {
    expect(dates('20260113', 'FREQ=YEARLY;BYWEEKNO=3', 3)).toEqual(['2026-01-13', '2027-01-19', '2028-01-18']);
  });

  it('negative week numbers count from the last week (-1 is week 53 in a 53-week year)', () => {
    // 2026 has 53 ISO weeks (it starts on a Thursday): its last Monday-week starts 2026-12-28.
    expect(dates('20251222', 'FREQ=YEARLY;BYWEEKNO=-1;BYDAY=MO', 4)).toEqual([
      '2025-12-22',
      '2026-12-28',
      '2027-12-27',
      '2028-12-25',
    ]);
  });

  it('the Sunday of the last week of 2026 falls in January 2027', () => {
    expect(dates('20251228', 'FREQ=YEARLY;BYWEEKNO=-1;BYDAY=SU', 3)).toEqual([
      '2025-12-28',
      '2027-01-03',
      '2028-01-02',
    ]);
  });

  it('WKST=SU numbers Sunday-to-Saturday weeks', () => {
    // With weeks starting Sunday, week 1 of 2026 is 2026-01-04..10 (it holds 4 January), of 2027 2027-01-03..09.
    expect(dates('20260105', 'FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO;WKST=SU', 3)).toEqual([
      '2026-01-05',
      '2027-01-04',
      '2028-01-03',
    ]);
    expect(dates('20260104', 'FREQ=YEARLY;BYWEEKNO=1;BYDAY=SU;WKST=SU', 3)).toEqual([
      '2026-01-04',
      '2027-01-03',
      '2028-01-02',
    ]);
    expect(dates('20260104', 'FREQ=YEARLY;BYWEEKNO=1;BYDAY=SU', 3)).toEqual(['2026-01-04', '2027-01-10', '2028-01-09']);
  });

  it('BYMONTH filters the days of the chosen weeks', () => {
    // Week 1 days that fall in December are dropped by BYMONTH=1.
    expect(dates('20260101', 'FREQ=YEARLY;BYWEEKNO=1;BYMONTH=1;BYDAY=MO,TH', 5)).toEqual([
      '2026-01-01',
      '2027-01-04',
      '2027-01-07',
      '2028-01-03',
      '2028-01-06',
    ]);
  });

  it('UNTIL stops the series', () => {
    expect(dates('20260105', 'FREQ=YEARLY;BYWEEKNO=2,10;BYDAY=MO;UNTIL=20270301')).toEqual([
      '2026-01-05',
      '2026-03-02',
      '2027-01-11',
    ]);
  });

  it('date-time series keep their time of day and zone', () => {
    const cal = calendar(
      vevent('DTSTART;TZID=Europe/Berlin:20260105T093000', 'RRULE:FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO;COUNT=3'),
    );
    const occs = expandOccurrences(cal, utc('2026-01-01T00:00:00Z'), utc('2030-01-01T00:00:00Z'));
    expect(localStarts(occs)).toEqual(['2026-01-05T09:30:00', '2026-05-11T09:30:00', '2027-05-17T09:30:00']);
    expect(new Date(occs[1]?.startMs ?? 0).toISOString()).toBe('2026-05-11T07:30:00.000Z');
  });

  it('seriesHasInstance uses the same week logic', () => {
    const cal = calendar(
      vevent('DTSTART;TZID=Europe/Berlin:20260105T093000', 'RRULE:FREQ=YEARLY;BYWEEKNO=1,20;BYDAY=MO'),
    );
    const master = cal.getFirstSubcomponent('vevent');
    if (!master) throw new Error('no event');
    const rid = (text: string): ICAL.Time =>
      ICAL.Time.fromDateTimeString(text, master.getFirstProperty('dtstart') ?? undefined);
    expect(seriesHasInstance(master, rid('2027-05-17T09:30:00'))).toBe(true);
    expect(seriesHasInstance(master, rid('2027-01-04T09:30:00'))).toBe(true);
    // ical.js would generate the Monday after DTSTART; the real set does not contain it.
    expect(seriesHasInstance(master, rid('2026-01-12T09:30:00'))).toBe(false);
  });
});
