/**
 * My PARTSTAT is mine (RFC 5546 §3.2.2): an organizer's update that asks nothing again keeps the answer in my copy,
 * whatever the organizer's copy says — it may have been built before my last REPLY reached them.
 */
import { describe, expect, it } from 'vitest';
import { Calendar, ics, partstatIn, say, vevent } from '../../helpers/itip.js';

const ORG = 'alice@gmail.example';
const ME = 'me@example.com';
const UID = '7kq3v9d2m1p0s8f4h6j2l5n7r9@google.com';

function weekly(o: { seq?: number; stamp?: string; mine?: string; more?: string[]; location?: string } = {}): string {
  return ics(
    'REQUEST',
    vevent(
      'DTSTART;TZID=Europe/Berlin:20260310T100000',
      'DTEND;TZID=Europe/Berlin:20260310T110000',
      'RRULE:FREQ=WEEKLY;BYDAY=TU',
      `DTSTAMP:${o.stamp ?? '20260301T080000Z'}`,
      `ORGANIZER;CN=Alice Martin:mailto:${ORG}`,
      `UID:${UID}`,
      `ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=TRUE;CN=Alice Martin:mailto:${ORG}`,
      `ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=${o.mine ?? 'NEEDS-ACTION'};RSVP=TRUE;CN=${ME}:mailto:${ME}`,
      ...(o.more ?? []),
      `SEQUENCE:${o.seq ?? 0}`,
      'STATUS:CONFIRMED',
      'SUMMARY:Weekly sync',
      ...(o.location ? [`LOCATION:${o.location}`] : []),
    ),
  );
}

/** Accepted, then changed to tentative without a new message from the organizer. */
function tentative(): Calendar {
  const cal = new Calendar([ME], 'always');
  cal.decide(cal.process(weekly(), ORG), 'accept');
  cal.respond(UID, 'TENTATIVE');
  expect(partstatIn(cal.get(UID), ME)).toBe('TENTATIVE');
  return cal;
}

describe('the organizer’s copy does not overwrite my answer', () => {
  it('Google: an attendee added, built before my tentative reply arrived, lists me as accepted: I stay tentative', () => {
    const cal = tentative();
    const r = cal.process(
      weekly({
        stamp: '20260301T082500Z',
        mine: 'ACCEPTED',
        more: ['ATTENDEE;ROLE=OPT-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=newbie:mailto:newbie@example.com'],
      }),
      ORG,
    );
    expect(r.kind).toBe('update');
    expect(say(r.reason)).toMatch(/your answer is unchanged/);
    expect(partstatIn(cal.get(UID), ME)).toBe('TENTATIVE');
    expect(partstatIn(cal.get(UID), 'newbie@example.com')).toBe('NEEDS-ACTION');
  });

  it('a significant change that moves nothing and lists me as accepted keeps my tentative answer too', () => {
    const cal = tentative();
    const r = cal.process(weekly({ seq: 1, stamp: '20260302T080000Z', mine: 'ACCEPTED', location: 'Room 2' }), ORG);
    expect(r.kind).toBe('update');
    expect(partstatIn(cal.get(UID), ME)).toBe('TENTATIVE');
  });

  it('an organizer’s copy saying declined does not decline for me', () => {
    const cal = new Calendar([ME], 'always');
    cal.decide(cal.process(weekly(), ORG), 'accept');
    cal.process(weekly({ stamp: '20260301T082500Z', mine: 'DECLINED' }), ORG);
    expect(partstatIn(cal.get(UID), ME)).toBe('ACCEPTED');
  });
});
