/**
 * Moving a whole series I organize — by changing its time, or by accepting a counter-proposal for the series —
 * moves its exceptions with it: each override's RECURRENCE-ID, EXDATE and RDATE shifts by the wall-clock shift of
 * the series' DTSTART (in the series' zone), an override that was not moved on its own takes the new instance time
 * and length, one that was keeps its own times. The calendar then lists each occurrence once, at its new time, and
 * the REQUESTs say what my copy holds.
 */
import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { createEvent, updateEvent, type EventChange } from '../../../shared/itip/index.js';
import { expandOccurrences } from '../../../shared/ical/recurrence.js';
import {
  Calendar,
  ics,
  instanceOf,
  outgoingEvents,
  outgoingCalendar,
  partstatIn,
  say,
  vevent,
} from '../../helpers/itip.js';
import { PACIFIC } from '../../helpers/outlookZones.js';

const ME = 'me@example.org';
const BOB = 'bob.jones@gmail.com';
const DAVE = 'dave@fastmail.com';
const UID = '9521dcd5-7d49-438d-96f2-afab7b672455@imip-companion';

function organizer(rrule = 'FREQ=WEEKLY;COUNT=4', start = '2026-12-14T14:00', end = '2026-12-14T15:00'): Calendar {
  const cal = new Calendar([ME], 'always');
  cal.now = Date.parse('2026-12-04T09:00:00Z');
  cal.apply(
    createEvent(
      {
        uid: UID,
        summary: 'Design review',
        start,
        end,
        tz: 'Europe/Berlin',
        allDay: false,
        rrule,
        attendees: [{ address: BOB, name: 'Bob Jones' }, { address: DAVE }],
      },
      cal.ctx(),
    ),
  );
  return cal;
}

/** Google declines one occurrence, its RECURRENCE-ID in UTC. */
function googleDeclines(cal: Calendar, utc: string): void {
  const r = cal.process(
    ics(
      'REPLY',
      vevent(
        `DTSTART:${utc}`,
        `DTSTAMP:20261204T093500Z`,
        `ORGANIZER:mailto:${ME}`,
        `UID:${UID}`,
        `RECURRENCE-ID:${utc}`,
        `ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=DECLINED;CN=Bob Jones:mailto:${BOB}`,
        'SEQUENCE:0',
        'SUMMARY:Design review',
      ),
    ),
    BOB,
    { receivedAt: cal.now },
  );
  expect(r.outcome, say(r.reason)).toBe('applied');
}

function update(cal: Calendar, change: Omit<EventChange, 'uid'>) {
  cal.now += 3_600_000;
  return cal.apply(updateEvent({ uid: UID, ...change }, cal.get(UID), cal.ctx()));
}

/** Each listed occurrence as `start–end` in UTC, from the stored calendar or an outgoing one. */
function occurrences(c: ICAL.Component | null, from = '2026-12-01', to = '2027-06-01'): string[] {
  if (!c) return [];
  return expandOccurrences(c, Date.parse(from), Date.parse(to)).map(
    (o) => `${new Date(o.startMs).toISOString().slice(0, 16)}–${new Date(o.endMs).toISOString().slice(11, 16)}`,
  );
}

function line(c: ICAL.Component | null, name: string): string {
  return c?.getFirstProperty(name)?.toICALString() ?? '';
}

describe('changing the time of a series with overrides', () => {
  it('moves an override nobody moved on its own to the new instance time, once, in my copy and the REQUESTs', () => {
    const cal = organizer();
    googleDeclines(cal, '20261221T130000Z');
    const r = update(cal, { start: '2026-12-14T15:00', end: '2026-12-14T16:00' });
    expect(r.outcome).toBe('applied');
    const stored = cal.get(UID);
    const o = instanceOf(stored, '2026-12-21T14:00:00Z');
    expect(line(o, 'recurrence-id')).toBe('RECURRENCE-ID;TZID=Europe/Berlin:20261221T150000');
    expect(line(o, 'dtstart')).toBe('DTSTART;TZID=Europe/Berlin:20261221T150000');
    expect(line(o, 'dtend')).toBe('DTEND;TZID=Europe/Berlin:20261221T160000');
    expect(instanceOf(stored, '2026-12-21T13:00:00Z')).toBeNull();
    // A new time asks everyone again, on the override too.
    expect(partstatIn(stored, BOB, '2026-12-21T14:00:00Z')).toBe('NEEDS-ACTION');
    const want = [
      '2026-12-14T14:00–15:00',
      '2026-12-21T14:00–15:00',
      '2026-12-28T14:00–15:00',
      '2027-01-04T14:00–15:00',
    ];
    expect(occurrences(stored)).toEqual(want);
    const toDave = r.outgoing.find((m) => m.to.address === DAVE);
    expect(occurrences(outgoingCalendar(toDave))).toEqual(want);
    expect(outgoingEvents(toDave).map((e) => line(e, 'recurrence-id'))).toEqual([
      '',
      'RECURRENCE-ID;TZID=Europe/Berlin:20261221T150000',
    ]);
  });

  it('an occurrence moved on its own keeps its time, its RECURRENCE-ID follows the series', () => {
    const cal = organizer();
    update(cal, {
      recurrenceId: ICAL.Time.fromDateTimeString('2026-12-28T13:00:00Z'),
      start: '2026-12-29T09:00',
      end: '2026-12-29T10:30',
    });
    update(cal, { start: '2026-12-14T16:00', end: '2026-12-14T17:00' });
    const stored = cal.get(UID);
    const o = instanceOf(stored, '2026-12-28T15:00:00Z');
    expect(line(o, 'recurrence-id')).toBe('RECURRENCE-ID;TZID=Europe/Berlin:20261228T160000');
    expect(line(o, 'dtstart')).toBe('DTSTART;TZID=Europe/Berlin:20261229T090000');
    expect(line(o, 'dtend')).toBe('DTEND;TZID=Europe/Berlin:20261229T103000');
    expect(occurrences(stored)).toEqual([
      '2026-12-14T15:00–16:00',
      '2026-12-21T15:00–16:00',
      '2026-12-29T08:00–09:30',
      '2027-01-04T15:00–16:00',
    ]);
  });

  it('keeps the wall-clock time across the change to summer time, and moves EXDATE, RDATE and a cancelled occurrence', () => {
    const cal = new Calendar([ME], 'always');
    cal.now = Date.parse('2026-12-04T09:00:00Z');
    cal.put(
      ics(
        null,
        vevent(
          `UID:${UID}`,
          'DTSTAMP:20261204T090000Z',
          'SEQUENCE:0',
          'SUMMARY:Design review',
          'DTSTART;TZID=Europe/Berlin:20270315T140000',
          'DTEND;TZID=Europe/Berlin:20270315T150000',
          'RRULE:FREQ=WEEKLY;COUNT=4',
          'EXDATE:20270322T130000Z',
          'RDATE;TZID=Europe/Berlin:20270417T100000',
          `ORGANIZER:mailto:${ME}`,
          `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
          `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${DAVE}`,
        ),
        vevent(
          `UID:${UID}`,
          'DTSTAMP:20261204T090000Z',
          'SEQUENCE:0',
          'SUMMARY:Design review',
          'STATUS:CANCELLED',
          'RECURRENCE-ID;TZID=Europe/Berlin:20270405T140000',
          'DTSTART;TZID=Europe/Berlin:20270405T140000',
          'DTEND;TZID=Europe/Berlin:20270405T150000',
          `ORGANIZER:mailto:${ME}`,
          `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
          `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${DAVE}`,
        ),
      ),
    );
    const r = update(cal, { start: '2027-03-16T09:30', end: '2027-03-16T10:00' });
    expect(r.outcome).toBe('applied');
    const stored = cal.get(UID);
    const master = instanceOf(stored);
    expect(line(master, 'exdate')).toBe('EXDATE;TZID=Europe/Berlin:20270323T093000');
    expect(line(master, 'rdate')).toBe('RDATE;TZID=Europe/Berlin:20270418T053000');
    const o = instanceOf(stored, '2027-04-06T07:30:00Z');
    expect(line(o, 'dtstart')).toBe('DTSTART;TZID=Europe/Berlin:20270406T093000');
    expect(o?.getFirstPropertyValue('status')).toBe('CANCELLED');
    const listed = expandOccurrences(stored as ICAL.Component, Date.parse('2027-03-01'), Date.parse('2027-05-01'));
    expect(
      listed.map((x) => [new Date(x.startMs).toISOString().slice(0, 16), x.component.getFirstPropertyValue('status')]),
    ).toEqual([
      ['2027-03-16T08:30', null],
      ['2027-03-30T07:30', null],
      ['2027-04-06T07:30', 'CANCELLED'],
      ['2027-04-18T03:30', null],
    ]);
  });

  it('moved from Mondays to Tuesdays, a rule naming its weekday names the new one, with the override', () => {
    const cal = organizer('FREQ=WEEKLY;BYDAY=MO;COUNT=3');
    googleDeclines(cal, '20261221T130000Z');
    const r = update(cal, { start: '2026-12-15T14:00', end: '2026-12-15T15:00' });
    expect(line(instanceOf(cal.get(UID)), 'rrule')).toBe('RRULE:FREQ=WEEKLY;COUNT=3;BYDAY=TU');
    expect(occurrences(cal.get(UID))).toEqual([
      '2026-12-15T13:00–14:00',
      '2026-12-22T13:00–14:00',
      '2026-12-29T13:00–14:00',
    ]);
    expect(occurrences(outgoingCalendar(r.outgoing[0]))).toEqual(occurrences(cal.get(UID)));
  });

  it('an all-day series moves its overrides by whole days', () => {
    const cal = new Calendar([ME], 'always');
    cal.now = Date.parse('2026-12-04T09:00:00Z');
    cal.apply(
      createEvent(
        {
          uid: UID,
          summary: 'Offsite',
          start: '2026-12-14',
          end: '2026-12-15',
          tz: null,
          allDay: true,
          rrule: 'FREQ=WEEKLY;COUNT=3',
          attendees: [{ address: DAVE }],
        },
        cal.ctx(),
      ),
    );
    update(cal, { recurrenceId: ICAL.Time.fromDateString('2026-12-21'), summary: 'Offsite (room 2)' });
    update(cal, { start: '2026-12-16', end: '2026-12-17' });
    const stored = cal.get(UID);
    const o = instanceOf(stored, '2026-12-23');
    expect(line(o, 'recurrence-id')).toBe('RECURRENCE-ID;VALUE=DATE:20261223');
    expect(line(o, 'dtstart')).toBe('DTSTART;VALUE=DATE:20261223');
    expect(o?.getFirstPropertyValue('summary')).toBe('Offsite (room 2)');
    expect(occurrences(stored)).toEqual(['2026-12-16T00:00–00:00', '2026-12-23T00:00–00:00', '2026-12-30T00:00–00:00']);
  });
});

/** Google's counter-proposal for the whole series, in UTC. */
function googleSeriesCounter(start: string, end: string, rrule = 'FREQ=WEEKLY;COUNT=4'): string {
  return ics(
    'COUNTER',
    vevent(
      `DTSTART:${start}`,
      `DTEND:${end}`,
      `RRULE:${rrule}`,
      'DTSTAMP:20261204T100500Z',
      `ORGANIZER:mailto:${ME}`,
      `UID:${UID}`,
      `ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=TENTATIVE;CN=Bob Jones:mailto:${BOB}`,
      'COMMENT:Afternoons work better',
      'SEQUENCE:0',
      'SUMMARY:Design review',
    ),
  );
}

describe('accepting a counter-proposal for the whole series', () => {
  it('moves the overrides with the series', () => {
    const cal = organizer();
    googleDeclines(cal, '20261221T130000Z');
    const counter = cal.process(googleSeriesCounter('20261214T150000Z', '20261214T160000Z'), BOB, {
      receivedAt: cal.now,
    });
    const r = cal.decide(counter, 'accept-counter');
    expect(r.outcome).toBe('applied');
    const stored = cal.get(UID);
    const want = [
      '2026-12-14T15:00–16:00',
      '2026-12-21T15:00–16:00',
      '2026-12-28T15:00–16:00',
      '2027-01-04T15:00–16:00',
    ];
    expect(occurrences(stored)).toEqual(want);
    const o = instanceOf(stored, '2026-12-21T15:00:00Z');
    expect(line(o, 'recurrence-id')).toBe('RECURRENCE-ID;TZID=Europe/Berlin:20261221T160000');
    expect(line(o, 'dtstart')).toBe('DTSTART;TZID=Europe/Berlin:20261221T160000');
    // Rescheduled with the series: its SEQUENCE, and the answers asked again.
    expect(o?.getFirstPropertyValue('sequence')).toBe(instanceOf(stored)?.getFirstPropertyValue('sequence'));
    expect(partstatIn(stored, DAVE, '2026-12-21T15:00:00Z')).toBe('NEEDS-ACTION');
    expect(occurrences(outgoingCalendar(r.outgoing.find((m) => m.to.address === DAVE)))).toEqual(want);
  });

  it('a proposal in UTC keeps the series on Berlin wall-clock time after the change to summer time', () => {
    const cal = organizer('FREQ=WEEKLY;COUNT=20');
    const counter = cal.process(
      googleSeriesCounter('20261214T150000Z', '20261214T160000Z', 'FREQ=WEEKLY;COUNT=20'),
      BOB,
      {
        receivedAt: cal.now,
      },
    );
    cal.decide(counter, 'accept-counter');
    const stored = cal.get(UID);
    expect(line(instanceOf(stored), 'dtstart')).toBe('DTSTART;TZID=Europe/Berlin:20261214T160000');
    expect(line(instanceOf(stored), 'dtend')).toBe('DTEND;TZID=Europe/Berlin:20261214T170000');
    // 16:00 in Berlin is 14:00 UTC in summer.
    expect(occurrences(stored, '2027-03-20', '2027-04-06')).toEqual([
      '2027-03-22T15:00–16:00',
      '2027-03-29T14:00–15:00',
      '2027-04-05T14:00–15:00',
    ]);
  });

  it('an Outlook proposal in its Pacific zone moves the Berlin series to the proposed instant in Berlin time', () => {
    const cal = organizer('FREQ=WEEKLY;COUNT=12', '2027-01-07T17:00', '2027-01-07T18:00');
    const counter = cal.process(
      ics(
        'COUNTER',
        PACIFIC,
        vevent(
          `ATTENDEE;PARTSTAT=TENTATIVE;CN=Bob Jones:mailto:${BOB}`,
          'RRULE:FREQ=WEEKLY;COUNT=12;BYDAY=TH;WKST=SU',
          `UID:${UID}`,
          'SUMMARY;LANGUAGE=en-US:New Time Proposed: Design review',
          'DTSTART;TZID=Pacific Standard Time:20270107T090000',
          'DTEND;TZID=Pacific Standard Time:20270107T100000',
          'DTSTAMP:20261204T170000Z',
          'SEQUENCE:0',
          'X-MS-OLK-ORIGINALSTART:20270107T160000Z',
        ),
      ),
      BOB,
      { receivedAt: cal.now },
    );
    cal.decide(counter, 'accept-counter');
    const stored = cal.get(UID);
    expect(line(instanceOf(stored), 'dtstart')).toBe('DTSTART;TZID=Europe/Berlin:20270107T180000');
    // After the US change to summer time (March 14) and before Europe's (March 28): still 18:00 in Berlin.
    expect(occurrences(stored, '2027-03-18', '2027-03-19')).toEqual(['2027-03-18T17:00–18:00']);
  });
});
