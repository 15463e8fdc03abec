/**
 * RFC 5545 §3.8.5.3 recurrence examples, expanded in America/New_York with the RFC's own VTIMEZONE (§3.6.5) and
 * compared with the instances the RFC lists (local times). DTSTART always counts as the first instance.
 */
import { describe, expect, it } from 'vitest';
import { expandOccurrences } from '../../../shared/ical/index.js';
import { calendar, localStarts, utc, utcStarts, vevent, zoneFixture } from './helpers.js';

const NY = zoneFixture('rfc5545-new-york');

function expand(dtstart: string, rrule: string, max: number, extra: string[] = []): string[] {
  const cal = calendar(
    NY,
    vevent(`DTSTART;TZID=America/New_York:${dtstart}`, 'DURATION:PT1H', `RRULE:${rrule}`, ...extra),
  );
  const occs = expandOccurrences(cal, utc('1996-01-01T00:00:00Z'), utc('2010-01-01T00:00:00Z'), {
    maxOccurrences: max,
  });
  return localStarts(occs);
}

/** `1997-09-02` + `09:00:00` for each listed date. */
function at(time: string, ...dates: string[]): string[] {
  return dates.map((d) => `${d}T${time}`);
}

function days(prefix: string, from: number, to: number): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d++) out.push(`${prefix}-${String(d).padStart(2, '0')}`);
  return out;
}

describe('RFC 5545 §3.8.5.3 examples', () => {
  const cases: Array<[string, string, string, number, string[]]> = [
    [
      'daily for 10 occurrences',
      '19970902T090000',
      'FREQ=DAILY;COUNT=10',
      99,
      at('09:00:00', ...days('1997-09', 2, 11)),
    ],
    [
      'every 10 days, 5 occurrences',
      '19970902T090000',
      'FREQ=DAILY;INTERVAL=10;COUNT=5',
      99,
      at('09:00:00', '1997-09-02', '1997-09-12', '1997-09-22', '1997-10-02', '1997-10-12'),
    ],
    [
      'weekly for 10 occurrences',
      '19970902T090000',
      'FREQ=WEEKLY;COUNT=10',
      99,
      at(
        '09:00:00',
        '1997-09-02',
        '1997-09-09',
        '1997-09-16',
        '1997-09-23',
        '1997-09-30',
        '1997-10-07',
        '1997-10-14',
        '1997-10-21',
        '1997-10-28',
        '1997-11-04',
      ),
    ],
    [
      'weekly on Tuesday and Thursday for five weeks',
      '19970902T090000',
      'FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH',
      99,
      at(
        '09:00:00',
        '1997-09-02',
        '1997-09-04',
        '1997-09-09',
        '1997-09-11',
        '1997-09-16',
        '1997-09-18',
        '1997-09-23',
        '1997-09-25',
        '1997-09-30',
        '1997-10-02',
      ),
    ],
    [
      'every other week on Tuesday and Thursday, 8 occurrences',
      '19970902T090000',
      'FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH',
      99,
      at(
        '09:00:00',
        '1997-09-02',
        '1997-09-04',
        '1997-09-16',
        '1997-09-18',
        '1997-09-30',
        '1997-10-02',
        '1997-10-14',
        '1997-10-16',
      ),
    ],
    [
      'monthly on the first Friday for 10 occurrences',
      '19970905T090000',
      'FREQ=MONTHLY;COUNT=10;BYDAY=1FR',
      99,
      at(
        '09:00:00',
        '1997-09-05',
        '1997-10-03',
        '1997-11-07',
        '1997-12-05',
        '1998-01-02',
        '1998-02-06',
        '1998-03-06',
        '1998-04-03',
        '1998-05-01',
        '1998-06-05',
      ),
    ],
    [
      'every other month on the first and last Sunday',
      '19970907T090000',
      'FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU',
      99,
      at(
        '09:00:00',
        '1997-09-07',
        '1997-09-28',
        '1997-11-02',
        '1997-11-30',
        '1998-01-04',
        '1998-01-25',
        '1998-03-01',
        '1998-03-29',
        '1998-05-03',
        '1998-05-31',
      ),
    ],
    [
      'monthly on the second-to-last Monday for 6 months',
      '19970922T090000',
      'FREQ=MONTHLY;COUNT=6;BYDAY=-2MO',
      99,
      at('09:00:00', '1997-09-22', '1997-10-20', '1997-11-17', '1997-12-22', '1998-01-19', '1998-02-16'),
    ],
    [
      'monthly on the third-to-the-last day',
      '19970928T090000',
      'FREQ=MONTHLY;BYMONTHDAY=-3',
      6,
      at('09:00:00', '1997-09-28', '1997-10-29', '1997-11-28', '1997-12-29', '1998-01-29', '1998-02-26'),
    ],
    [
      'monthly on the first and last day for 10 occurrences',
      '19970930T090000',
      'FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1',
      99,
      at(
        '09:00:00',
        '1997-09-30',
        '1997-10-01',
        '1997-10-31',
        '1997-11-01',
        '1997-11-30',
        '1997-12-01',
        '1997-12-31',
        '1998-01-01',
        '1998-01-31',
        '1998-02-01',
      ),
    ],
    [
      'every 18 months on the 10th to 15th, 10 occurrences',
      '19970910T090000',
      'FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15',
      99,
      at('09:00:00', ...days('1997-09', 10, 15), ...days('1999-03', 10, 13)),
    ],
    [
      'every Tuesday, every other month',
      '19970902T090000',
      'FREQ=MONTHLY;INTERVAL=2;BYDAY=TU',
      18,
      at(
        '09:00:00',
        '1997-09-02',
        '1997-09-09',
        '1997-09-16',
        '1997-09-23',
        '1997-09-30',
        '1997-11-04',
        '1997-11-11',
        '1997-11-18',
        '1997-11-25',
        '1998-01-06',
        '1998-01-13',
        '1998-01-20',
        '1998-01-27',
        '1998-03-03',
        '1998-03-10',
        '1998-03-17',
        '1998-03-24',
        '1998-03-31',
      ),
    ],
    [
      'yearly in June and July for 10 occurrences',
      '19970610T090000',
      'FREQ=YEARLY;COUNT=10;BYMONTH=6,7',
      99,
      at(
        '09:00:00',
        '1997-06-10',
        '1997-07-10',
        '1998-06-10',
        '1998-07-10',
        '1999-06-10',
        '1999-07-10',
        '2000-06-10',
        '2000-07-10',
        '2001-06-10',
        '2001-07-10',
      ),
    ],
    [
      'every other year in January to March, 10 occurrences',
      '19970310T090000',
      'FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3',
      99,
      at(
        '09:00:00',
        '1997-03-10',
        '1999-01-10',
        '1999-02-10',
        '1999-03-10',
        '2001-01-10',
        '2001-02-10',
        '2001-03-10',
        '2003-01-10',
        '2003-02-10',
        '2003-03-10',
      ),
    ],
    [
      'every third year on the 1st, 100th and 200th day',
      '19970101T090000',
      'FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200',
      99,
      at(
        '09:00:00',
        '1997-01-01',
        '1997-04-10',
        '1997-07-19',
        '2000-01-01',
        '2000-04-09',
        '2000-07-18',
        '2003-01-01',
        '2003-04-10',
        '2003-07-19',
        '2006-01-01',
      ),
    ],
    [
      'every 20th Monday of the year',
      '19970519T090000',
      'FREQ=YEARLY;BYDAY=20MO',
      3,
      at('09:00:00', '1997-05-19', '1998-05-18', '1999-05-17'),
    ],
    [
      'Monday of week number 20',
      '19970512T090000',
      'FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO',
      3,
      at('09:00:00', '1997-05-12', '1998-05-11', '1999-05-17'),
    ],
    [
      'every Thursday in March',
      '19970313T090000',
      'FREQ=YEARLY;BYMONTH=3;BYDAY=TH',
      11,
      at(
        '09:00:00',
        '1997-03-13',
        '1997-03-20',
        '1997-03-27',
        '1998-03-05',
        '1998-03-12',
        '1998-03-19',
        '1998-03-26',
        '1999-03-04',
        '1999-03-11',
        '1999-03-18',
        '1999-03-25',
      ),
    ],
    [
      'every Thursday in June, July and August',
      '19970605T090000',
      'FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8',
      14,
      at(
        '09:00:00',
        '1997-06-05',
        '1997-06-12',
        '1997-06-19',
        '1997-06-26',
        '1997-07-03',
        '1997-07-10',
        '1997-07-17',
        '1997-07-24',
        '1997-07-31',
        '1997-08-07',
        '1997-08-14',
        '1997-08-21',
        '1997-08-28',
        '1998-06-04',
      ),
    ],
    [
      'first Saturday after the first Sunday of the month',
      '19970913T090000',
      'FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13',
      10,
      at(
        '09:00:00',
        '1997-09-13',
        '1997-10-11',
        '1997-11-08',
        '1997-12-13',
        '1998-01-10',
        '1998-02-07',
        '1998-03-07',
        '1998-04-11',
        '1998-05-09',
        '1998-06-13',
      ),
    ],
    [
      'U.S. Presidential Election day',
      '19961105T090000',
      'FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8',
      3,
      at('09:00:00', '1996-11-05', '2000-11-07', '2004-11-02'),
    ],
    [
      'third Tuesday, Wednesday or Thursday for 3 months',
      '19970904T090000',
      'FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3',
      99,
      at('09:00:00', '1997-09-04', '1997-10-07', '1997-11-06'),
    ],
    [
      'second-to-last weekday of the month',
      '19970929T090000',
      'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2',
      7,
      at('09:00:00', '1997-09-29', '1997-10-30', '1997-11-27', '1997-12-30', '1998-01-29', '1998-02-26', '1998-03-30'),
    ],
    [
      'every 15 minutes for 6 occurrences',
      '19970902T090000',
      'FREQ=MINUTELY;INTERVAL=15;COUNT=6',
      99,
      [
        '1997-09-02T09:00:00',
        '1997-09-02T09:15:00',
        '1997-09-02T09:30:00',
        '1997-09-02T09:45:00',
        '1997-09-02T10:00:00',
        '1997-09-02T10:15:00',
      ],
    ],
    [
      'every hour and a half for 4 occurrences',
      '19970902T090000',
      'FREQ=MINUTELY;INTERVAL=90;COUNT=4',
      99,
      ['1997-09-02T09:00:00', '1997-09-02T10:30:00', '1997-09-02T12:00:00', '1997-09-02T13:30:00'],
    ],
    [
      'WKST=MO changes which weeks count',
      '19970805T090000',
      'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO',
      99,
      at('09:00:00', '1997-08-05', '1997-08-10', '1997-08-19', '1997-08-24'),
    ],
    [
      'WKST=SU changes which weeks count',
      '19970805T090000',
      'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU',
      99,
      at('09:00:00', '1997-08-05', '1997-08-17', '1997-08-19', '1997-08-31'),
    ],
    [
      'an invalid date (February 30) is ignored',
      '20070115T090000',
      'FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5',
      99,
      at('09:00:00', '2007-01-15', '2007-01-30', '2007-02-15', '2007-03-15', '2007-03-30'),
    ],
  ];

  it.each(cases)('%s', (_name, dtstart, rrule, max, expected) => {
    expect(expand(dtstart, rrule, max)).toEqual(expected);
  });

  it('daily until December 24, 1997 ends on the 23rd (113 instances)', () => {
    const got = expand('19970902T090000', 'FREQ=DAILY;UNTIL=19971224T000000Z', 500);
    expect(got).toHaveLength(113);
    expect(got.at(-1)).toBe('1997-12-23T09:00:00');
  });

  it('every day in January for 3 years, written YEARLY and DAILY, gives the same 93 days', () => {
    const yearly = expand(
      '19980101T090000',
      'FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA',
      500,
    );
    const daily = expand('19980101T090000', 'FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1', 500);
    expect(yearly).toHaveLength(93);
    expect(daily).toEqual(yearly);
    expect(yearly).toContain('1999-01-31T09:00:00');
  });

  it('every other week on Monday, Wednesday and Friday until December 24', () => {
    expect(
      expand('19970901T090000', 'FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR', 500),
    ).toEqual(
      at(
        '09:00:00',
        '1997-09-01',
        '1997-09-03',
        '1997-09-05',
        '1997-09-15',
        '1997-09-17',
        '1997-09-19',
        '1997-09-29',
        '1997-10-01',
        '1997-10-03',
        '1997-10-13',
        '1997-10-15',
        '1997-10-17',
        '1997-10-27',
        '1997-10-29',
        '1997-10-31',
        '1997-11-10',
        '1997-11-12',
        '1997-11-14',
        '1997-11-24',
        '1997-11-26',
        '1997-11-28',
        '1997-12-08',
        '1997-12-10',
        '1997-12-12',
        '1997-12-22',
      ),
    );
  });

  it('every Friday the 13th, with DTSTART excluded by EXDATE', () => {
    const got = expand('19970902T090000', 'FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13', 5, [
      'EXDATE;TZID=America/New_York:19970902T090000',
    ]);
    expect(got).toEqual(at('09:00:00', '1998-02-13', '1998-03-13', '1998-11-13', '1999-08-13', '2000-10-13'));
  });

  it('every 3 hours from 9 AM to 5 PM on one day', () => {
    // UNTIL 21:00Z is 17:00 EDT (the RFC's own UNTIL of 17:00Z is a known erratum for this list).
    expect(expand('19970902T090000', 'FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T210000Z', 99)).toEqual([
      '1997-09-02T09:00:00',
      '1997-09-02T12:00:00',
      '1997-09-02T15:00:00',
    ]);
  });

  it('every 20 minutes from 9:00 to 16:40, written DAILY and MINUTELY, gives the same list', () => {
    const daily = expand('19970902T090000', 'FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40', 30);
    const minutely = expand('19970902T090000', 'FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16', 30);
    expect(daily.slice(0, 3)).toEqual(['1997-09-02T09:00:00', '1997-09-02T09:20:00', '1997-09-02T09:40:00']);
    expect(daily[23]).toBe('1997-09-02T16:40:00');
    expect(daily[24]).toBe('1997-09-03T09:00:00');
    expect(minutely).toEqual(daily);
  });

  it('keeps 9:00 local across the end of daylight saving time (EDT → EST on 1997-10-26)', () => {
    const cal = calendar(NY, vevent('DTSTART;TZID=America/New_York:19971024T090000', 'RRULE:FREQ=DAILY;COUNT=4'));
    const occs = expandOccurrences(cal, utc('1997-01-01T00:00:00Z'), utc('1998-01-01T00:00:00Z'));
    expect(utcStarts(occs)).toEqual([
      '1997-10-24T13:00:00Z',
      '1997-10-25T13:00:00Z',
      '1997-10-26T14:00:00Z',
      '1997-10-27T14:00:00Z',
    ]);
  });
});
