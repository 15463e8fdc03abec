/**
 * Replies as the organizer reads them, for series with overrides: an answer to the whole series (a REPLY without
 * RECURRENCE-ID, as Google, Fastmail and Outlook send it) is that attendee's answer on every occurrence they did
 * not answer on its own; an answer with RECURRENCE-ID;RANGE=THISANDFUTURE answers that occurrence and every later
 * one.
 */
import { describe, expect, it } from 'vitest';
import { createEvent, updateEvent } from '../../../shared/itip/index.js';
import { Calendar, attendeeIn, ics, instanceOf, outgoingEvents, partstatIn, vevent } from '../../helpers/itip.js';

const ME = 'me@example.org';
const BOB = 'bob.jones@gmail.com';
const DAVE = 'dave@fastmail.com';
const UID = 'design-review@example.org';
/** The second occurrence, 14:00 in Berlin. */
const SECOND = '2026-12-21T13:00:00Z';

function organizer(): Calendar {
  const cal = new Calendar([ME], 'always');
  cal.apply(
    createEvent(
      {
        uid: UID,
        summary: 'Design review',
        start: '2026-12-14T14:00',
        end: '2026-12-14T15:00',
        tz: 'Europe/Berlin',
        allDay: false,
        rrule: 'FREQ=WEEKLY;COUNT=4',
        attendees: [{ address: BOB }, { address: DAVE }],
      },
      cal.ctx(),
    ),
  );
  return cal;
}

/** Google's answer for one occurrence. */
function occurrenceReply(who: string, partstat: string, rid: string, stamp: string): string {
  return ics(
    'REPLY',
    vevent(
      `DTSTART:${rid}`,
      'DTEND:' + rid.replace(/T13/, 'T14'),
      `DTSTAMP:${stamp}`,
      `ORGANIZER:mailto:${ME}`,
      `UID:${UID}`,
      `RECURRENCE-ID:${rid}`,
      `ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=${partstat};X-NUM-GUESTS=0:mailto:${who}`,
      'SEQUENCE:0',
      'SUMMARY:Design review',
    ),
  );
}

/** Fastmail's answer for the whole series: the master only. */
function seriesReply(who: string, partstat: string, stamp: string): string {
  return ics(
    'REPLY',
    vevent(
      `UID:${UID}`,
      'SEQUENCE:0',
      `DTSTAMP:${stamp}`,
      'DTSTART;TZID=Europe/Berlin:20261214T140000',
      'DTEND;TZID=Europe/Berlin:20261214T150000',
      'RRULE:FREQ=WEEKLY;COUNT=4',
      'SUMMARY:Design review',
      `ORGANIZER:mailto:${ME}`,
      `ATTENDEE;PARTSTAT=${partstat}:mailto:${who}`,
    ),
  );
}

describe('an answer to the whole series reaches the overrides', () => {
  it('Dave’s series accept reaches the override Bob’s decline created, and the next update says so', () => {
    const cal = organizer();
    cal.process(occurrenceReply(BOB, 'DECLINED', '20261221T130000Z', '20261204T093500Z'), BOB);
    expect(partstatIn(cal.get(UID), BOB, SECOND)).toBe('DECLINED');
    cal.process(seriesReply(DAVE, 'ACCEPTED', '20261204T095000Z'), DAVE);
    expect(partstatIn(cal.get(UID), DAVE)).toBe('ACCEPTED');
    expect(partstatIn(cal.get(UID), DAVE, SECOND)).toBe('ACCEPTED');
    expect(attendeeIn(instanceOf(cal.get(UID), SECOND), DAVE)?.getParameter('rsvp')).toBeUndefined();
    expect(partstatIn(cal.get(UID), BOB, SECOND)).toBe('DECLINED');

    const r = cal.apply(updateEvent({ uid: UID, location: 'Room 4' }, cal.get(UID), cal.ctx()));
    for (const o of r.outgoing)
      for (const e of outgoingEvents(o)) expect(attendeeIn(e, DAVE)?.getParameter('partstat')).toBe('ACCEPTED');
  });

  it('an occurrence the attendee answered on its own keeps that answer', () => {
    const cal = organizer();
    cal.process(occurrenceReply(BOB, 'DECLINED', '20261221T130000Z', '20261204T093500Z'), BOB);
    cal.process(seriesReply(BOB, 'ACCEPTED', '20261204T095000Z'), BOB);
    expect(partstatIn(cal.get(UID), BOB)).toBe('ACCEPTED');
    expect(partstatIn(cal.get(UID), BOB, SECOND)).toBe('DECLINED');
  });

  it('an occurrence still holding the series’ earlier answer follows the new one', () => {
    const cal = organizer();
    cal.process(seriesReply(DAVE, 'TENTATIVE', '20261204T090000Z'), DAVE);
    // Bob's decline creates the override from the series: Dave is TENTATIVE there, as on the series.
    cal.process(occurrenceReply(BOB, 'DECLINED', '20261221T130000Z', '20261204T093500Z'), BOB);
    expect(partstatIn(cal.get(UID), DAVE, SECOND)).toBe('TENTATIVE');
    cal.process(seriesReply(DAVE, 'DECLINED', '20261204T100000Z'), DAVE);
    expect(partstatIn(cal.get(UID), DAVE, SECOND)).toBe('DECLINED');
  });
});
