/**
 * A reschedule decision claims a move (RFC 5546 §2.1.4): it is asked only when an instance I answered gets another
 * time, never when a series only loses instances (a new EXDATE, an earlier UNTIL), and it names the instance that
 * moved, not the series it belongs to.
 */
import { describe, expect, it } from 'vitest';
import { Calendar, ics, partstatIn, say, vevent } from '../../helpers/itip.js';

const ORG = 'anna@contoso.example';
const ME = 'me@example.com';
const UID = 'series-1@contoso.example';

function series(o: { seq?: number; stamp?: string; rule?: string; extra?: string[]; mine?: string } = {}): string {
  return vevent(
    `ORGANIZER;CN="Schmidt, Anna":mailto:${ORG}`,
    `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=${o.mine ?? 'NEEDS-ACTION'};RSVP=TRUE:mailto:${ME}`,
    `RRULE:${o.rule ?? 'FREQ=WEEKLY;INTERVAL=1;BYDAY=TU;WKST=MO'}`,
    ...(o.extra ?? []),
    `UID:${UID}`,
    'SUMMARY:Weekly Ops Sync',
    'DTSTART;TZID=Europe/Berlin:20260310T100000',
    'DTEND;TZID=Europe/Berlin:20260310T110000',
    `DTSTAMP:${o.stamp ?? '20260301T100000Z'}`,
    'STATUS:CONFIRMED',
    `SEQUENCE:${o.seq ?? 0}`,
  );
}

function accepted(first: string): Calendar {
  const cal = new Calendar([ME], 'always');
  const r = cal.process(ics('REQUEST', first), ORG);
  expect(r.kind).toBe('invitation');
  cal.decide(r, 'accept');
  return cal;
}

describe('a series that only loses instances is not moved', () => {
  it('Outlook: the series again with one more EXDATE (the occurrence was cancelled before) keeps my answer', () => {
    const cal = accepted(series({ extra: ['EXDATE;TZID=Europe/Berlin:20260331T100000'] }));
    const r = cal.process(
      ics(
        'REQUEST',
        series({ stamp: '20260302T090000Z', extra: ['EXDATE;TZID=Europe/Berlin:20260331T100000,20260414T100000'] }),
      ),
      ORG,
    );
    expect(r.kind).toBe('update');
    expect(r.outcome).toBe('applied');
    expect(say(r.reason)).not.toMatch(/moved/);
    expect(partstatIn(cal.get(UID), ME)).toBe('ACCEPTED');
  });

  it('macOS: the series ended earlier with UNTIL (a split) keeps my answer', () => {
    const cal = accepted(series());
    const r = cal.process(
      ics(
        'REQUEST',
        series({ seq: 1, stamp: '20260302T090000Z', rule: 'FREQ=WEEKLY;UNTIL=20260330T215959Z;BYDAY=TU' }),
      ),
      ORG,
    );
    expect(r.kind).toBe('update');
    expect(partstatIn(cal.get(UID), ME)).toBe('ACCEPTED');
  });

  it('a COUNT lowered, or an RDATE dropped, keeps my answer too', () => {
    const cal = accepted(
      series({ rule: 'FREQ=WEEKLY;COUNT=6;BYDAY=TU', extra: ['RDATE;TZID=Europe/Berlin:20260501T100000'] }),
    );
    const r = cal.process(
      ics('REQUEST', series({ seq: 1, stamp: '20260302T090000Z', rule: 'FREQ=WEEKLY;COUNT=4;BYDAY=TU' })),
      ORG,
    );
    expect(r.kind).toBe('update');
    expect(partstatIn(cal.get(UID), ME)).toBe('ACCEPTED');
  });

  it('a series moved to another weekday, or one made longer, is still a reschedule', () => {
    const cal = accepted(series({ rule: 'FREQ=WEEKLY;COUNT=4;BYDAY=TU' }));
    const other = cal.process(
      ics('REQUEST', series({ seq: 1, stamp: '20260302T090000Z', rule: 'FREQ=WEEKLY;COUNT=4;BYDAY=TU,WE' })),
      ORG,
    );
    expect(other.kind).toBe('reschedule');
    const longer = accepted(series({ rule: 'FREQ=WEEKLY;COUNT=4;BYDAY=TU' })).process(
      ics('REQUEST', series({ seq: 1, stamp: '20260302T090000Z', rule: 'FREQ=WEEKLY;COUNT=8;BYDAY=TU' })),
      ORG,
    );
    expect(longer.kind).toBe('reschedule');
  });
});

describe('a reschedule names the instance that moved', () => {
  const DAVE = 'dave@fastmail.example';
  const FM_UID = 'b0c7e2d4-1f3a-4c5b-9d8e-7f6a5b4c3d2e';
  const fastmail = (stamp: string, mine: string, start = '20260308T150000', rid?: string, seq = 0): string =>
    vevent(
      `UID:${FM_UID}`,
      `SEQUENCE:${seq}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;TZID=Europe/Berlin:${start}`,
      `DTEND;TZID=Europe/Berlin:${start.replace(/T(\d\d)/, (_, h: string) => `T${String(Number(h) + 2).padStart(2, '0')}`)}`,
      ...(rid
        ? [`RECURRENCE-ID;TZID=Europe/Berlin:${rid}`]
        : ['RRULE:FREQ=WEEKLY;COUNT=3', 'RDATE;TZID=Europe/Berlin:20260326T150000']),
      'SUMMARY:Board games',
      `ORGANIZER;CN=Dave Miller;SCHEDULE-AGENT=SERVER:mailto:${DAVE}`,
      `ATTENDEE;CN=Dave Miller;PARTSTAT=ACCEPTED;SCHEDULE-AGENT=SERVER:mailto:${DAVE}`,
      `ATTENDEE;CN=Me;PARTSTAT=${mine};RSVP=TRUE;SCHEDULE-AGENT=SERVER;SCHEDULE-STATUS=1.1:mailto:${ME}`,
    );

  it('Fastmail: the unchanged master with one moved occurrence asks about that occurrence, before and after', () => {
    const cal = new Calendar([ME], 'always');
    cal.decide(cal.process(ics('REQUEST', fastmail('20260301T080000Z', 'NEEDS-ACTION')), DAVE), 'accept');
    const r = cal.process(
      ics(
        'REQUEST',
        fastmail('20260301T081000Z', 'ACCEPTED'),
        fastmail('20260301T081000Z', 'ACCEPTED', '20260326T160000', '20260326T150000', 1),
      ),
      DAVE,
    );
    expect(r.kind).toBe('reschedule');
    expect(say(r.reason)).toMatch(
      /^"Board games" on 2026-03-26T15:00:00\+01:00, which you had accepted, was moved from 2026-03-26T15:00:00\+01:00 to 2026-03-26T16:00:00\+01:00: /,
    );
    expect(r.pending?.current?.start).toBe('2026-03-26T15:00:00+01:00');
    expect(r.pending?.proposed?.start).toBe('2026-03-26T16:00:00+01:00');
  });

  it('two occurrences moved: the first is named, and how many more moved', () => {
    const cal = new Calendar([ME], 'always');
    cal.decide(cal.process(ics('REQUEST', fastmail('20260301T080000Z', 'NEEDS-ACTION')), DAVE), 'accept');
    const r = cal.process(
      ics(
        'REQUEST',
        fastmail('20260301T081000Z', 'ACCEPTED', '20260315T170000', '20260315T150000', 1),
        fastmail('20260301T081000Z', 'ACCEPTED', '20260326T160000', '20260326T150000', 1),
      ),
      DAVE,
    );
    expect(r.kind).toBe('reschedule');
    expect(say(r.reason)).toMatch(
      /^"Board games" on 2026-03-15T15:00:00\+01:00 \(and 1 other occurrence\), which you had accepted, was moved from 2026-03-15T15:00:00\+01:00 to 2026-03-15T17:00:00\+01:00: /,
    );
  });
});
