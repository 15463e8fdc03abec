/**
 * My answer to a whole series (respond without a recurrence id), as Thunderbird and Outlook treat it: it answers
 * the series and the occurrences that go with it; an occurrence I answered on its own keeps that answer (answering
 * it again is a separate step), and a cancelled occurrence gets no answer. The REPLY says what my copy now holds.
 */
import { describe, expect, it } from 'vitest';
import { Calendar, ics, outgoingEvents, partstatIn, say, vevent } from '../../helpers/itip.js';

const ME = 'me@example.org';
const ALICE = 'alice@gnome.example';
const UID = 'weekly-sync@laptop';
const SECOND = '2026-12-14T09:00:00Z';
const THIRD = '2026-12-21T09:00:00Z';

const people = [
  `ORGANIZER;CN=Alice Gnome:MAILTO:${ALICE}`,
  `ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:MAILTO:${ME}`,
  `ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:MAILTO:${ALICE}`,
];

function attendee(): Calendar {
  const cal = new Calendar([ME], 'always');
  cal.process(
    ics(
      'REQUEST',
      vevent(
        `UID:${UID}`,
        'DTSTAMP:20261204T085858Z',
        'DTSTART;TZID=Europe/Berlin:20261207T100000',
        'DTEND;TZID=Europe/Berlin:20261207T110000',
        'RRULE:FREQ=WEEKLY;COUNT=10;BYDAY=MO',
        'SEQUENCE:2',
        'SUMMARY:Weekly sync',
        ...people,
      ),
    ),
    ALICE,
  );
  // Alice cancels the second Monday.
  cal.process(
    ics(
      'CANCEL',
      vevent(
        `UID:${UID}`,
        'DTSTAMP:20261204T090500Z',
        'DTSTART;TZID=Europe/Berlin:20261214T100000',
        'DTEND;TZID=Europe/Berlin:20261214T110000',
        'RECURRENCE-ID;TZID=Europe/Berlin:20261214T100000',
        'SEQUENCE:3',
        'SUMMARY:Weekly sync',
        'STATUS:CANCELLED',
        ...people,
      ),
    ),
    ALICE,
  );
  return cal;
}

function replied(r: ReturnType<Calendar['respond']>): [string | null, string | null][] {
  return outgoingEvents(r.outgoing[0]).map((e) => {
    const rid = e.getFirstPropertyValue('recurrence-id');
    const a = e.getFirstProperty('attendee');
    return [rid ? String(rid) : null, a ? String(a.getParameter('partstat')) : null];
  });
}

describe('my answer to the whole series', () => {
  it('a cancelled occurrence gets no answer', () => {
    const cal = attendee();
    const r = cal.respond(UID, 'TENTATIVE');
    expect(r.outcome).toBe('applied');
    expect(replied(r)).toEqual([[null, 'TENTATIVE']]);
    expect(partstatIn(cal.get(UID), ME)).toBe('TENTATIVE');
    expect(partstatIn(cal.get(UID), ME, SECOND)).toBe('NEEDS-ACTION');
  });

  it('an occurrence I declined on its own keeps its answer, in my copy and in the reply', () => {
    const cal = attendee();
    cal.respond(UID, 'ACCEPTED');
    cal.respond(UID, 'DECLINED', THIRD);
    const r = cal.respond(UID, 'TENTATIVE');
    expect(partstatIn(cal.get(UID), ME)).toBe('TENTATIVE');
    expect(partstatIn(cal.get(UID), ME, THIRD)).toBe('DECLINED');
    expect(replied(r)).toEqual([[null, 'TENTATIVE']]);
    expect(say(r.reason)).toBe(
      'Your answer to "Weekly sync" is now tentative (1 occurrence you answered on its own keeps its answer); a reply goes to the organizer.',
    );
  });

  it('an occurrence that still holds the series’ answer follows the new one', () => {
    const cal = attendee();
    cal.respond(UID, 'ACCEPTED');
    // The third Monday becomes an override holding my series answer (I accept it on its own, the same answer).
    cal.respond(UID, 'ACCEPTED', THIRD);
    const r = cal.respond(UID, 'DECLINED');
    expect(partstatIn(cal.get(UID), ME, THIRD)).toBe('DECLINED');
    expect(replied(r)).toEqual([
      [null, 'DECLINED'],
      ['2026-12-21T10:00:00', 'DECLINED'],
    ]);
  });

  it('answering the cancelled occurrence itself is refused', () => {
    const cal = attendee();
    const r = cal.respond(UID, 'ACCEPTED', SECOND);
    expect(r).toMatchObject({ outcome: 'error', errorCode: 'ITIP_NO_INSTANCE' });
    expect(r.outgoing).toEqual([]);
  });
});
