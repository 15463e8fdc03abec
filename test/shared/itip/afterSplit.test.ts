/**
 * Per-instance actions after a split (RECURRENCE-ID;RANGE=THISANDFUTURE, RFC 5545 §3.8.4.4, RFC 5546 §4.4.5): an
 * instance after the split is what the range override made of it — its time, SUMMARY and SEQUENCE — whether I answer
 * it, the organizer records an answer for it, or a CANCEL for it is weighed. Fixtures as Thunderbird (zone by
 * IANA name), Google (RECURRENCE-ID in UTC) and Outlook (Windows zone name with its VTIMEZONE) write them.
 */
import { describe, expect, it } from 'vitest';
import { Calendar, attendeeIn, ics, instanceOf, outgoingEvents, partstatIn, vevent } from '../../helpers/itip.js';
import { W_EUROPE } from '../../helpers/outlookZones.js';

const ORG = 'olga@example.org';
const ME = 'me@example.com';
const BOB = 'bob@example.net';
const UID = 'split-1@example.org';

/** The instance of Monday 23 March: originally 09:00 Berlin (08:00Z); after the split 14:00 Berlin (13:00Z). */
const INSTANCE = '2026-03-23T08:00:00Z';

const outlookZone = W_EUROPE.split('\r\n');

function people(org: string, mine: string): string[] {
  return [
    `ORGANIZER;CN=Olga:mailto:${org}`,
    `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${org}`,
    `ATTENDEE;PARTSTAT=${mine};RSVP=TRUE:mailto:${ME}`,
    `ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${BOB}`,
  ];
}

/** Mondays 09:00 Berlin from 2 March, SEQUENCE 1; from 9 March on moved to 14:00 and renamed, SEQUENCE 2. */
function splitSeries(org = ORG, mine = 'ACCEPTED'): string[] {
  return [
    vevent(
      `UID:${UID}`,
      'DTSTAMP:20260301T100000Z',
      'SEQUENCE:1',
      'DTSTART;TZID=Europe/Berlin:20260302T090000',
      'DTEND;TZID=Europe/Berlin:20260302T100000',
      'RRULE:FREQ=WEEKLY;COUNT=8',
      'SUMMARY:Planning',
      ...people(org, mine),
    ),
    vevent(
      `UID:${UID}`,
      'DTSTAMP:20260305T100000Z',
      'SEQUENCE:2',
      'RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Berlin:20260309T090000',
      'DTSTART;TZID=Europe/Berlin:20260309T140000',
      'DTEND;TZID=Europe/Berlin:20260309T150000',
      'SUMMARY:Planning (afternoon)',
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      'DESCRIPTION:soon',
      'TRIGGER:-PT15M',
      'END:VALARM',
      ...people(org, mine),
    ),
  ];
}

function stored(org: string, policy: 'always' | 'known' = 'known'): Calendar {
  const cal = new Calendar([ME], policy);
  cal.put(ics(null, ...splitSeries(org)));
  return cal;
}

const startOf = (c: ReturnType<Calendar['get']> | undefined | null): string | undefined =>
  c?.getFirstProperty('dtstart')?.toICALString();

describe('answering one instance after a split', () => {
  it('the REPLY carries the range override time, SUMMARY and SEQUENCE; my copy keeps the instance where it is', () => {
    const cal = stored(ORG);
    const r = cal.respond(UID, 'DECLINED', INSTANCE);
    expect(r.outcome).toBe('applied');
    expect(r.sequence).toBe(2);
    const [ev] = outgoingEvents(r.outgoing[0]);
    expect(ev?.getFirstProperty('recurrence-id')?.toICALString()).toBe(
      'RECURRENCE-ID;TZID=Europe/Berlin:20260323T090000',
    );
    expect(startOf(ev)).toBe('DTSTART;TZID=Europe/Berlin:20260323T140000');
    expect(ev?.getFirstPropertyValue('summary')).toBe('Planning (afternoon)');
    expect(ev?.getFirstPropertyValue('sequence')).toBe(2);
    const o = instanceOf(cal.get(UID), INSTANCE);
    expect(startOf(o)).toBe('DTSTART;TZID=Europe/Berlin:20260323T140000');
    expect(o?.getFirstProperty('dtend')?.toICALString()).toBe('DTEND;TZID=Europe/Berlin:20260323T150000');
    expect(o?.getAllSubcomponents('valarm')).toHaveLength(1);
    expect(partstatIn(cal.get(UID), ME, INSTANCE)).toBe('DECLINED');
    // The range itself and the instances before it are untouched.
    expect(partstatIn(cal.get(UID), ME, '2026-03-09T08:00:00Z')).toBe('ACCEPTED');
    expect(startOf(instanceOf(cal.get(UID), '2026-03-09T08:00:00Z'))).toBe(
      'DTSTART;TZID=Europe/Berlin:20260309T140000',
    );
  });

  it('an instance before the split is still made from the master', () => {
    const cal = stored(ORG);
    const r = cal.respond(UID, 'TENTATIVE', '2026-03-02T08:00:00Z');
    const [ev] = outgoingEvents(r.outgoing[0]);
    expect(startOf(ev)).toBe('DTSTART;TZID=Europe/Berlin:20260302T090000');
    expect(ev?.getFirstPropertyValue('summary')).toBe('Planning');
    expect(ev?.getFirstPropertyValue('sequence')).toBe(1);
  });
});

describe('recording an instance REPLY after a split (as organizer)', () => {
  const reply = (rid: string, extra: string[] = []): string =>
    ics(
      'REPLY',
      ...extra,
      vevent(
        `UID:${UID}`,
        'DTSTAMP:20260306T080000Z',
        'SEQUENCE:2',
        rid,
        `ORGANIZER:mailto:${ME}`,
        `ATTENDEE;PARTSTAT=DECLINED:mailto:${BOB}`,
      ),
    );

  for (const [client, rid, extra] of [
    ['Thunderbird', 'RECURRENCE-ID;TZID=Europe/Berlin:20260323T090000', []],
    ['Google', 'RECURRENCE-ID:20260323T080000Z', []],
    ['Outlook', 'RECURRENCE-ID;TZID=W. Europe Standard Time:20260323T090000', outlookZone],
  ] as const) {
    it(`${client}: the new override is the range override's instance, with the answer`, () => {
      const cal = new Calendar([ME], 'known');
      cal.put(ics(null, ...splitSeries(ME)));
      const r = cal.process(reply(rid, [...extra]), BOB);
      expect(r.outcome).toBe('applied');
      const o = instanceOf(cal.get(UID), INSTANCE);
      expect(startOf(o)).toBe('DTSTART;TZID=Europe/Berlin:20260323T140000');
      expect(o?.getFirstPropertyValue('summary')).toBe('Planning (afternoon)');
      expect(o?.getFirstPropertyValue('sequence')).toBe(2);
      expect(o?.getFirstProperty('recurrence-id')?.getParameter('range')).toBeFalsy();
      expect(attendeeIn(o ?? null, BOB)?.getParameter('partstat')).toBe('DECLINED');
    });
  }
});

describe('a REPLY or REQUEST for one instance after a split is weighed against the range override', () => {
  it('a REPLY older than the split (SEQUENCE 1 < 2) is outdated', () => {
    const cal = new Calendar([ME], 'known');
    cal.put(ics(null, ...splitSeries(ME)));
    const r = cal.process(
      ics(
        'REPLY',
        vevent(
          `UID:${UID}`,
          'DTSTAMP:20260306T080000Z',
          'SEQUENCE:1',
          'RECURRENCE-ID:20260323T080000Z',
          `ORGANIZER:mailto:${ME}`,
          `ATTENDEE;PARTSTAT=DECLINED:mailto:${BOB}`,
        ),
      ),
      BOB,
    );
    expect(r.kind).toBe('outdated');
    expect(instanceOf(cal.get(UID), INSTANCE)).toBeNull();
  });

  it('an attendee invited from the split on answers as a known attendee, not a party crasher', () => {
    const cal = new Calendar([ME], 'known');
    const [master, range] = splitSeries(ME);
    cal.put(
      ics(
        null,
        master as string,
        (range as string).replace(
          'END:VEVENT',
          'ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:carol@example.net\r\nEND:VEVENT',
        ),
      ),
    );
    const r = cal.process(
      ics(
        'REPLY',
        vevent(
          `UID:${UID}`,
          'DTSTAMP:20260306T080000Z',
          'SEQUENCE:2',
          'RECURRENCE-ID;TZID=Europe/Berlin:20260323T090000',
          `ORGANIZER:mailto:${ME}`,
          'ATTENDEE;PARTSTAT=ACCEPTED:mailto:carol@example.net',
        ),
      ),
      'carol@example.net',
    );
    expect(r.outcome).toBe('applied');
    expect(attendeeIn(instanceOf(cal.get(UID), INSTANCE), 'carol@example.net')?.getParameter('partstat')).toBe(
      'ACCEPTED',
    );
  });

  it('a REQUEST for one instance keeps the alarm I had on the range', () => {
    const cal = stored(ORG, 'always');
    const r = cal.process(
      ics(
        'REQUEST',
        vevent(
          `UID:${UID}`,
          'DTSTAMP:20260306T080000Z',
          'SEQUENCE:3',
          'RECURRENCE-ID;TZID=Europe/Berlin:20260323T090000',
          'DTSTART;TZID=Europe/Berlin:20260323T160000',
          'DTEND;TZID=Europe/Berlin:20260323T170000',
          'SUMMARY:Planning (late)',
          ...people(ORG, 'ACCEPTED'),
        ),
      ),
      ORG,
    );
    // A moved instance I had accepted asks me again (the reschedule decision); accepting stores it.
    expect(r.pending?.choices).toContain('accept');
    cal.decide(r, 'accept');
    const o = instanceOf(cal.get(UID), INSTANCE);
    expect(startOf(o)).toBe('DTSTART;TZID=Europe/Berlin:20260323T160000');
    expect(o?.getAllSubcomponents('valarm').map((a) => a.getFirstPropertyValue('description'))).toEqual(['soon']);
  });
});

describe('a CANCEL for one instance after a split', () => {
  const cancel = (seq: number, rid: string, extra: string[] = []): string =>
    ics(
      'CANCEL',
      ...extra,
      vevent(
        `UID:${UID}`,
        'DTSTAMP:20260307T080000Z',
        `SEQUENCE:${seq}`,
        rid,
        'STATUS:CANCELLED',
        `ORGANIZER;CN=Olga:mailto:${ORG}`,
        `ATTENDEE:mailto:${ME}`,
      ),
    );

  it('older than the split (SEQUENCE 1 < 2) is outdated, though it beats the master', () => {
    const cal = stored(ORG, 'always');
    const r = cal.process(cancel(1, 'RECURRENCE-ID;TZID=Europe/Berlin:20260323T090000'), ORG);
    expect(r.kind).toBe('outdated');
    expect(instanceOf(cal.get(UID), INSTANCE)).toBeNull();
  });

  for (const [client, rid, extra] of [
    ['Google', 'RECURRENCE-ID:20260323T080000Z', []],
    ['Outlook', 'RECURRENCE-ID;TZID=W. Europe Standard Time:20260323T090000', outlookZone],
  ] as const) {
    it(`${client}: as new as the split, it cancels the instance where the split put it`, () => {
      const cal = stored(ORG, 'always');
      const r = cal.process(cancel(2, rid, [...extra]), ORG);
      expect(r.outcome).toBe('applied');
      const o = instanceOf(cal.get(UID), INSTANCE);
      expect(o?.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(startOf(o)).toBe('DTSTART;TZID=Europe/Berlin:20260323T140000');
    });
  }
});
