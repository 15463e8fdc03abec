/**
 * Delegation one level deeper (RFC 5546 §4.2.5): a delegation of the whole series reaches the overrides the
 * delegator attends (Outlook and Google reply with the master only), so the delegate's invitations carry those
 * instances instead of an EXDATE; and the delegator stays DELEGATED when a counter-proposal is accepted.
 */
import { describe, expect, it } from 'vitest';
import { updateEvent } from '../../../shared/itip/index.js';
import { Calendar, attendeeIn, ics, instanceOf, outgoingEvents, partstatIn, vevent } from '../../helpers/itip.js';

const ME = 'me@example.com';
const BOB = 'bob@example.net';
const DAVE = 'dave@example.net';
const UID = 'deleg-series@example.com';
const MOVED = '20260317T100000Z';
const MOVED_AT = '2026-03-17T10:00:00Z';

function organizerCal(): Calendar {
  const people = [
    `ORGANIZER:mailto:${ME}`,
    `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ME}`,
    `ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${BOB}`,
  ];
  const cal = new Calendar([ME], 'known');
  cal.put(
    ics(
      null,
      vevent(
        `UID:${UID}`,
        'DTSTAMP:20260301T100000Z',
        'SEQUENCE:0',
        'DTSTART:20260310T100000Z',
        'DTEND:20260310T110000Z',
        'RRULE:FREQ=WEEKLY;COUNT=4',
        'SUMMARY:Board meeting',
        ...people,
      ),
      vevent(
        `UID:${UID}`,
        'DTSTAMP:20260301T100000Z',
        'SEQUENCE:0',
        `RECURRENCE-ID:${MOVED}`,
        'DTSTART:20260317T140000Z',
        'DTEND:20260317T150000Z',
        'SUMMARY:Board meeting (afternoon)',
        ...people,
      ),
    ),
  );
  return cal;
}

/** Outlook's delegation: the master only, the delegator DELEGATED with DELEGATED-TO, the delegate echoed. */
const outlookDelegation = ics(
  'REPLY',
  vevent(
    `UID:${UID}`,
    'DTSTAMP:20260302T100000Z',
    'SEQUENCE:0',
    'DTSTART:20260310T100000Z',
    `ORGANIZER:mailto:${ME}`,
    `ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO="mailto:${DAVE}":mailto:${BOB}`,
    `ATTENDEE;CN=Dave;DELEGATED-FROM="mailto:${BOB}":mailto:${DAVE}`,
    'X-MICROSOFT-CDO-REPLYTIME:20260302T100000Z',
  ),
);

describe('series delegation reaches the overrides', () => {
  it('Outlook master-only DELEGATED: the override gets the delegator DELEGATED and the delegate', () => {
    const cal = organizerCal();
    cal.contacts.add(BOB);
    const r = cal.process(outlookDelegation, BOB);
    expect(r.outcome).toBe('applied');
    for (const rid of [null, MOVED_AT]) {
      expect(partstatIn(cal.get(UID), BOB, rid)).toBe('DELEGATED');
      expect(attendeeIn(instanceOf(cal.get(UID), rid), DAVE)?.getParameter('delegated-from')).toBe(`mailto:${BOB}`);
    }
  });

  it('Google: an override Bob answered on his own later keeps that answer', () => {
    const cal = organizerCal();
    const own = ics(
      'REPLY',
      vevent(
        `UID:${UID}`,
        'DTSTAMP:20260305T100000Z',
        'SEQUENCE:0',
        `RECURRENCE-ID:${MOVED}`,
        `ORGANIZER:mailto:${ME}`,
        `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${BOB}`,
      ),
    );
    cal.contacts.add(BOB);
    cal.process(own, BOB);
    cal.process(outlookDelegation, BOB);
    expect(partstatIn(cal.get(UID), BOB, null)).toBe('DELEGATED');
    expect(partstatIn(cal.get(UID), BOB, MOVED_AT)).toBe('ACCEPTED');
  });

  it("after Dave's accepted counter: Bob stays DELEGATED, Dave's REQUEST carries the override, no EXDATE", () => {
    const cal = organizerCal();
    cal.contacts.add(BOB);
    cal.process(outlookDelegation, BOB);
    const counter = ics(
      'COUNTER',
      vevent(
        `UID:${UID}`,
        'DTSTAMP:20260304T100000Z',
        'SEQUENCE:0',
        'DTSTART:20260310T090000Z',
        'DTEND:20260310T100000Z',
        'RRULE:FREQ=WEEKLY;COUNT=4',
        'SUMMARY:Board meeting',
        `ORGANIZER:mailto:${ME}`,
        `ATTENDEE;PARTSTAT=ACCEPTED;DELEGATED-FROM="mailto:${BOB}":mailto:${DAVE}`,
        'COMMENT:Earlier suits me better',
      ),
    );
    const r = cal.process(counter, DAVE);
    expect(r.kind).toBe('counter');
    const d = cal.decide(r, 'accept-counter');
    expect(d.outcome).toBe('applied');
    expect(partstatIn(cal.get(UID), BOB, null)).toBe('DELEGATED');
    // The series moved an hour earlier, and its override's RECURRENCE-ID with it.
    expect(partstatIn(cal.get(UID), BOB, '2026-03-17T09:00:00Z')).toBe('DELEGATED');
    const toDave = d.outgoing.find((o) => o.to.address === DAVE);
    expect(toDave?.method).toBe('REQUEST');
    const events = outgoingEvents(toDave);
    expect(events.some((e) => e.hasProperty('exdate'))).toBe(false);
    expect(events.filter((e) => e.hasProperty('recurrence-id'))).toHaveLength(1);
  });
});

describe('a reschedule after a delegation', () => {
  it('moving the series asks the delegate again and leaves the delegator DELEGATED', () => {
    const cal = organizerCal();
    cal.contacts.add(BOB);
    cal.process(outlookDelegation, BOB);
    const r = cal.apply(
      updateEvent({ uid: UID, start: '2026-03-10T08:00:00Z', end: '2026-03-10T09:00:00Z' }, cal.get(UID), cal.ctx()),
    );
    expect(r.outcome).toBe('applied');
    expect(partstatIn(cal.get(UID), BOB, null)).toBe('DELEGATED');
    expect(partstatIn(cal.get(UID), DAVE, null)).toBe('NEEDS-ACTION');
  });
});
