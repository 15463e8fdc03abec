/**
 * An invitation that names no ORGANIZER (Horde sends such REQUESTs) can be answered in my calendar, but there is
 * nobody to send the REPLY to: nothing is sent, and the words say so instead of promising a reply.
 */
import { describe, expect, it } from 'vitest';
import { Calendar, ics, partstatIn, say, vevent } from '../../helpers/itip.js';

const ME = 'me@example.org';
const HUGO = 'hugo@horde.example';
const UID = '20261204091500.Horde.noorg@webmail.horde.example';

function hordeInvitation(): string {
  return ics(
    'REQUEST',
    vevent(
      'DTSTART;TZID=Europe/Berlin:20261208T140000',
      'DURATION:PT1H30M',
      'DTSTAMP:20261204T081500Z',
      `UID:${UID}`,
      'SUMMARY:Jour fixe',
      'STATUS:CONFIRMED',
      `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${ME}`,
      'RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=TU;UNTIL=20261229T225959Z',
    ),
  );
}

describe('answering an invitation without ORGANIZER', () => {
  it('deciding: my answer is stored, no reply is sent, and the reason says why', () => {
    const cal = new Calendar([ME], 'known');
    const r = cal.process(hordeInvitation(), HUGO);
    expect(r.outcome).toBe('pending');
    const answered = cal.decide(r, 'accept');
    expect(answered.outgoing).toEqual([]);
    expect(partstatIn(cal.get(UID), ME)).toBe('ACCEPTED');
    expect(say(answered.reason)).toBe(
      'You accepted "Jour fixe"; no reply is sent: the invitation names no organizer to send it to.',
    );
  });

  it('answering the stored event again: the same', () => {
    const cal = new Calendar([ME], 'known');
    cal.decide(cal.process(hordeInvitation(), HUGO), 'accept');
    const r = cal.respond(UID, 'DECLINED');
    expect(r.outgoing).toEqual([]);
    expect(say(r.reason)).toBe(
      'Your answer to "Jour fixe" is now declined; no reply is sent: the event names no organizer to send it to.',
    );
  });
});
